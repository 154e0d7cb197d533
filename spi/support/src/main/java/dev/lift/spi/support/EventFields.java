package dev.lift.spi.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import dev.lift.api.LiftException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.Objects;

/**
 * One JSON object of an incoming event, with its path from the event's root, for adapters that
 * decode events field by field. Every getter checks the field's type and fails with a
 * {@link LiftException#badRequest 400} whose detail names the event and the full path of the
 * field, for example {@code The SQS event is malformed: Records[2].messageId is missing}, so a
 * broken event never surfaces as a {@code NullPointerException}.
 *
 * <p>Optional getters return null (or an empty collection) when the field is absent or JSON
 * {@code null}, and fail only when it holds the wrong type. Instances are immutable.
 *
 * <pre>{@code
 * EventFields root = EventFields.root(event, "SQS event");
 * for (EventFields record : root.requiredObjects("Records")) {
 *     String id = record.requiredText("messageId");
 *     Map<String, String> attributes = record.textMap("attributes");
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class EventFields {

    private final JsonNode node;
    private final String eventName;
    // The path is only needed for an error or when asked for, so it is made then: from the parent's
    // path, this object's field name and, for an array element, its index. Adapters walk every record
    // of a batch through here, and building "Records[3].messageAttributes" eagerly cost each record
    // several strings.
    private final EventFields parent;
    private final String field;
    private final int index;            // -1 unless an element of the array `field`
    private String path;                // made on first use; a benign race: every thread makes the same

    private EventFields(JsonNode node, String eventName, EventFields parent, String field, int index) {
        this.node = node;
        this.eventName = eventName;
        this.parent = parent;
        this.field = field;
        this.index = index;
        this.path = parent == null ? "" : null;
    }

    /**
     * The root object of an event.
     *
     * @param event the parsed event
     * @param eventName how errors name the event, for example {@code "SQS event"}
     * @throws LiftException (400) when the event is not a JSON object
     */
    public static EventFields root(JsonNode event, String eventName) {
        Objects.requireNonNull(eventName, "eventName");
        if (event == null || !event.isObject()) {
            throw LiftException.badRequest("The " + eventName + " is malformed: it is not a JSON object");
        }
        return new EventFields(event, eventName, null, null, -1);
    }

    /** The underlying JSON object. */
    public JsonNode node() {
        return node;
    }

    /** This object's path from the event's root, for example {@code Records[2]}; empty for the root. */
    public String path() {
        String p = path;
        if (p == null) {
            String f = parent.path(field);
            p = index < 0 ? f : element(f, index);
            path = p;
        }
        return p;
    }

    /** The path of one of this object's fields, for example {@code Records[2].messageId}. */
    public String path(String field) {
        String p = path();
        return p.isEmpty() ? field : p + "." + field;
    }

    private static String element(String arrayPath, int i) {
        return arrayPath + "[" + i + "]";
    }

    /** Whether the field is present and not JSON null. */
    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** A 400 that names a field of this object and what is wrong with it ("is missing", ...). */
    public LiftException invalid(String field, String problem) {
        return invalidAt(path(field), problem);
    }

    private LiftException invalidAt(String fieldPath, String problem) {
        return LiftException.badRequest("The " + eventName + " is malformed: " + fieldPath + " " + problem);
    }

    private JsonNode value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /** A string field, or null when absent. */
    public String text(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(field, "must be a string, was " + typeOf(v));
        }
        return v.textValue();
    }

    /** A string field that must be present. */
    public String requiredText(String field) {
        String s = text(field);
        if (s == null) {
            throw invalid(field, "is missing");
        }
        return s;
    }

    /** A whole-number field, or {@code absent} when absent. */
    public long longValue(String field, long absent) {
        JsonNode v = value(field);
        if (v == null) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw invalid(field, "must be a whole number, was " + typeOf(v));
        }
        return v.longValue();
    }

    /** A boolean field, or null when absent. */
    public Boolean bool(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw invalid(field, "must be true or false, was " + typeOf(v));
        }
        return v.booleanValue();
    }

    /** An ISO-8601 timestamp string such as {@code 2020-10-08T16:06:14.656Z}, or null when absent. */
    public Instant instant(String field) {
        String s = text(field);
        if (s == null) {
            return null;
        }
        Instant quick = utcInstant(s);
        if (quick != null) {
            return quick;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw invalid(field, "is not an ISO-8601 timestamp: \"" + abbreviate(s) + "\"");
        }
    }

    /**
     * The form every AWS event uses, {@code 2026-12-02T10:15:30Z} or with a fraction of 1 to 9 digits,
     * read without {@link Instant#parse}, which builds a formatter and a {@code LocalDate} per call (about
     * 1 KB per EventBridge or S3 event); null for anything else, which {@code Instant.parse} then reads
     * or rejects as before. Same result as {@code Instant.parse} for every string it accepts.
     */
    static Instant utcInstant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;                                     // a leap second or an error: Instant.parse decides
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;                           // digits between '.' and 'Z'
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int f = digits(s, 20, n - 1);
            if (f < 0) {
                return null;
            }
            nanos = f;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long days = epochDay(year, month, day);
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of s[from, to) as decimal digits, or -1 when one is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days from 1970-01-01 to a proleptic Gregorian date (the computation of {@code LocalDate.toEpochDay}). */
    private static long epochDay(long y, int m, int d) {
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * m - 362) / 12;
        total += d - 1;
        if (m > 2) {
            total--;
            if (!(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) {
                total--;
            }
        }
        return total - 719_528L;                             // days from year 0 to 1970
    }

    /** A number of seconds since the epoch, possibly with a fraction ({@code 1428537600.123}), or null when absent. */
    public Instant epochSeconds(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw invalid(field, "must be a number of seconds since the epoch, was " + typeOf(v));
        }
        double approximate = v.doubleValue();
        // Checked first so that neither an infinite double nor a huge exponent reaches BigDecimal.
        if (!Double.isFinite(approximate) || Math.abs(approximate) > Instant.MAX.getEpochSecond()) {
            throw invalid(field, "is out of range: " + v);
        }
        BigDecimal seconds = v.decimalValue();
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        try {
            long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        } catch (ArithmeticException | DateTimeException e) {
            throw invalid(field, "is out of range: " + v);
        }
    }

    /** A base64 string decoded to bytes, or null when absent. */
    public byte[] base64(String field) {
        String s = text(field);
        return s == null ? null : base64At(s, field, -1);
    }

    /** Decodes one base64 value, naming the field (or its element {@code i}) on failure. */
    private byte[] base64At(String s, String field, int i) {
        try {
            return Base64.getMimeDecoder().decode(strictBase64(s));
        } catch (IllegalArgumentException e) {
            throw invalidAt(i < 0 ? path(field) : element(path(field), i), "is not valid base64");
        }
    }

    /**
     * The MIME decoder tolerates line breaks, which some producers insert, but silently skips
     * any other character outside the alphabet; reject those so garbage is not taken for data.
     */
    private static String strictBase64(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=' || c == '\r' || c == '\n';
            if (!ok) {
                throw new IllegalArgumentException("not base64");
            }
        }
        return s;
    }

    /** An object field, or null when absent. */
    public EventFields object(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw invalid(field, "must be an object, was " + typeOf(v));
        }
        return new EventFields(v, eventName, this, field, -1);
    }

    /** An object field that must be present. */
    public EventFields requiredObject(String field) {
        EventFields o = object(field);
        if (o == null) {
            throw invalid(field, "is missing");
        }
        return o;
    }

    /** The elements of an array of objects, each with its own path ({@code Records[0]}); empty when absent. */
    public List<EventFields> objects(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw invalid(field, "must be an array, was " + typeOf(v));
        }
        List<EventFields> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e == null || !e.isObject()) {
                throw invalidAt(element(path(field), i), "must be an object, was " + typeOf(e));
            }
            out.add(new EventFields(e, eventName, this, field, i));
        }
        return Collections.unmodifiableList(out);
    }

    /** Like {@link #objects} but the array must be present and not empty. */
    public List<EventFields> requiredObjects(String field) {
        if (!has(field)) {
            throw invalid(field, "is missing");
        }
        List<EventFields> out = objects(field);
        if (out.isEmpty()) {
            throw invalid(field, "is empty");
        }
        return out;
    }

    /** An array of strings; empty when absent. */
    public List<String> texts(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw invalid(field, "must be an array, was " + typeOf(v));
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e == null || !e.isTextual()) {
                throw invalidAt(element(path(field), i), "must be a string, was " + typeOf(e));
            }
            out.add(e.textValue());
        }
        return Collections.unmodifiableList(out);
    }

    /** An array of base64 strings, decoded; empty when absent. */
    public List<byte[]> base64s(String field) {
        List<String> texts = texts(field);
        List<byte[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(base64At(texts.get(i), field, i));
        }
        return Collections.unmodifiableList(out);
    }

    /** An object whose members are all strings, in document order; empty when absent. */
    public Map<String, String> textMap(String field) {
        EventFields o = object(field);
        if (o == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : o.node.properties()) {
            if (!e.getValue().isTextual()) {
                throw o.invalid(e.getKey(), "must be a string, was " + typeOf(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Walks a multi-valued field of this object (for example {@code multiValueHeaders}, name to array
     * of strings) and then the single-valued one ({@code headers}, name to string) for the names the
     * first lacks, passing each name and value to {@code action}, so an event with either or both
     * works (API Gateway REST and ALB send one or the other). Checks every member's type as it goes
     * (the checks of {@link #texts} and {@link #textMap}) and throws their 400 naming the member; a
     * JSON null array is no values. Builds no map.
     *
     * @return how many names had at least one value
     * @since 0.2
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
    public int forEachValue(String multiField, String singleField, BiConsumer<String, String> action) {
        int names = 0;
        EventFields multiFields = object(multiField);
        JsonNode multi = multiFields == null ? null : multiFields.node;
        if (multi != null) {
            for (Map.Entry<String, JsonNode> e : multi.properties()) {
                JsonNode values = e.getValue();
                if (!isTextArray(values)) {
                    multiFields.texts(e.getKey()); // throws the 400 naming the member, or is JSON null: no values
                    continue;
                }
                if (values.isEmpty()) {
                    continue;
                }
                names++;
                for (JsonNode v : values) {
                    action.accept(e.getKey(), v.textValue());
                }
            }
        }
        requireTextMembers(singleField);
        JsonNode single = node.get(singleField);
        if (single != null && single.isObject()) {
            for (Map.Entry<String, JsonNode> e : single.properties()) {
                if (multi == null || !hasValues(multi.get(e.getKey()))) {
                    names++;
                    action.accept(e.getKey(), e.getValue().textValue());
                }
            }
        }
        return names;
    }

    /**
     * Checks an optional object of strings as {@link #textMap} does (the same 400 naming the field or
     * member), without building the map.
     *
     * @since 0.2
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
    public void requireTextMembers(String field) {
        JsonNode members = node.get(field);
        if (members == null || members.isNull()) {
            return;
        }
        if (members.isObject()) {
            boolean allText = true;
            for (JsonNode v : members) {
                allText &= v.isTextual();
            }
            if (allText) {
                return;
            }
        }
        textMap(field); // throws the 400 naming the field or member
    }

    private static boolean isTextArray(JsonNode values) {
        if (!values.isArray()) {
            return false;
        }
        for (JsonNode v : values) {
            if (!v.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasValues(JsonNode values) {
        return values != null && values.isArray() && !values.isEmpty();
    }

    /** An object whose members are all objects, in document order; empty when absent. */
    public Map<String, EventFields> objectMap(String field) {
        EventFields o = object(field);
        if (o == null) {
            return Map.of();
        }
        Map<String, EventFields> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : o.node.properties()) {
            if (!e.getValue().isObject()) {
                throw o.invalid(e.getKey(), "must be an object, was " + typeOf(e.getValue()));
            }
            out.put(e.getKey(), new EventFields(e.getValue(), eventName, o, e.getKey(), -1));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The names of this object's fields, in document order. */
    public List<String> fieldNames() {
        List<String> out = new ArrayList<>(node.size());
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.add(e.getKey());
        }
        return Collections.unmodifiableList(out);
    }

    private static String typeOf(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        switch (v.getNodeType()) {
            case STRING: return "a string";
            case NUMBER: return "a number";
            case BOOLEAN: return "a boolean";
            case ARRAY: return "an array";
            case OBJECT: return "an object";
            case NULL: return "null";
            default: return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /**
     * A JSON value as read-only Java maps, lists, strings, numbers and booleans, for handing
     * free-form event parts (authorizer claims, Lambda authorizer context) to user code without
     * Jackson types; JSON null is {@code null}.
     *
     * @since 0.1
     */
    public static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), plain(e.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode e : node) {
                list.add(plain(e));
            }
            return Collections.unmodifiableList(list);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    @Override
    public String toString() {
        String p = path();
        return eventName + (p.isEmpty() ? "" : " at " + p);
    }
}

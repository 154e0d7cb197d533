package dev.lift.spi.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.api.LiftException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What an adapter built on EventFields reads from an event, and the 400 a malformed event gets instead. */
class EventFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EventFields event(String json) throws Exception {
        return EventFields.root(JSON.readTree(json.replace('\'', '"')), "Test event");
    }

    /** The 400's detail, as the caller sees it. */
    private static String rejected(Executable read) {
        LiftException e = assertThrows(LiftException.class, read);
        assertEquals(400, e.status());
        return e.detail();
    }

    @Test
    void the_root_must_be_a_json_object() throws Exception {
        JsonNode array = JSON.readTree("[1]");
        assertEquals("The Test event is malformed: it is not a JSON object",
                rejected(() -> EventFields.root(array, "Test event")));
        assertEquals("The Test event is malformed: it is not a JSON object",
                rejected(() -> EventFields.root(null, "Test event")));
    }

    @Test
    void reads_present_fields_and_gives_null_or_defaults_for_absent_and_null_ones() throws Exception {
        EventFields e = event("{'id':'m-1','count':42,'fifo':true,'nothing':null}");

        assertEquals("m-1", e.text("id"));
        assertEquals("m-1", e.requiredText("id"));
        assertEquals(42L, e.longValue("count", -1));
        assertEquals(-1L, e.longValue("absent", -1));
        assertEquals(Boolean.TRUE, e.bool("fifo"));
        assertNull(e.bool("absent"));
        assertNull(e.text("nothing"));
        assertTrue(e.has("id"));
        assertFalse(e.has("nothing"));
        assertFalse(e.has("absent"));
        assertEquals(List.of("id", "count", "fifo", "nothing"), e.fieldNames());
        assertEquals("", e.path());
        assertEquals("Test event", e.toString());
    }

    @Test
    void a_field_of_the_wrong_type_is_named_with_its_path_and_what_it_was() throws Exception {
        EventFields e = event("{'Records':[{'messageId':7,'size':'big','ok':'yes','at':true,'obj':[],'list':{}}]}");
        EventFields r = e.requiredObjects("Records").get(0);

        assertEquals("Records[0]", r.path());
        assertEquals("Test event at Records[0]", r.toString());
        assertEquals("The Test event is malformed: Records[0].messageId must be a string, was a number",
                rejected(() -> r.text("messageId")));
        assertEquals("The Test event is malformed: Records[0].size must be a whole number, was a string",
                rejected(() -> r.longValue("size", 0)));
        assertEquals("The Test event is malformed: Records[0].ok must be true or false, was a string",
                rejected(() -> r.bool("ok")));
        assertEquals("The Test event is malformed: Records[0].at must be a number of seconds since the epoch, was a boolean",
                rejected(() -> r.epochSeconds("at")));
        assertEquals("The Test event is malformed: Records[0].obj must be an object, was an array",
                rejected(() -> r.object("obj")));
        assertEquals("The Test event is malformed: Records[0].list must be an array, was an object",
                rejected(() -> r.objects("list")));
        assertEquals("The Test event is malformed: Records[0].list must be an array, was an object",
                rejected(() -> r.texts("list")));
        assertEquals("The Test event is malformed: Records[0].missing is missing",
                rejected(() -> r.requiredText("missing")));
        assertEquals("The Test event is malformed: Records[0].missing is missing",
                rejected(() -> r.requiredObject("missing")));
    }

    @Test
    void a_fraction_is_not_a_whole_number() throws Exception {
        EventFields e = event("{'n':1.5}");
        assertEquals("The Test event is malformed: n must be a whole number, was a number",
                rejected(() -> e.longValue("n", 0)));
    }

    @Test
    void arrays_of_objects_name_each_element_and_must_hold_objects() throws Exception {
        EventFields e = event("{'Records':[{'a':'x'},{'a':'y'}],'Empty':[],'Mixed':[{'a':'x'},3]}");

        List<EventFields> records = e.requiredObjects("Records");
        assertEquals(2, records.size());
        assertEquals("Records[1]", records.get(1).path());
        assertEquals("y", records.get(1).requiredText("a"));
        assertEquals(List.of(), e.objects("Absent"));
        assertEquals("The Test event is malformed: Empty is empty", rejected(() -> e.requiredObjects("Empty")));
        assertEquals("The Test event is malformed: Absent is missing", rejected(() -> e.requiredObjects("Absent")));
        assertEquals("The Test event is malformed: Mixed[1] must be an object, was a number",
                rejected(() -> e.objects("Mixed")));
    }

    @Test
    void deep_paths_are_named_in_full_whatever_the_nesting() throws Exception {
        EventFields e = event("{'Records':[{'a':1},{'dynamodb':{'Keys':{'id':{'S':'1'}},'Items':[{'x':{}},{'x':{'y':[1]}}]},"
                + "'data':['aGk=','aGk=','!!']}]}");
        EventFields second = e.requiredObjects("Records").get(1);
        EventFields deepest = second.requiredObject("dynamodb").objects("Items").get(1).requiredObject("x");
        assertEquals("Records[1].dynamodb.Items[1].x", deepest.path());
        assertEquals("Test event at Records[1].dynamodb.Items[1].x", deepest.toString());
        assertEquals("The Test event is malformed: Records[1].dynamodb.Items[1].x.y[0] must be a string, was a number",
                rejected(() -> deepest.texts("y")));
        assertEquals("Records[1].dynamodb.Keys.id", second.requiredObject("dynamodb").objectMap("Keys").get("id").path());
        assertEquals("The Test event is malformed: Records[1].data[2] is not valid base64",
                rejected(() -> second.base64s("data")));
        assertEquals("The Test event is malformed: Records[1].dynamodb.Items[0].x.z is missing",
                rejected(() -> second.requiredObject("dynamodb").objects("Items").get(0).requiredObject("x").requiredText("z")));
    }

    @Test
    void nested_objects_carry_their_path() throws Exception {
        EventFields e = event("{'requestContext':{'http':{'method':'GET'}}}");

        EventFields http = e.requiredObject("requestContext").requiredObject("http");
        assertEquals("requestContext.http", http.path());
        assertEquals("requestContext.http.method", http.path("method"));
        assertEquals("GET", http.requiredText("method"));
        assertEquals("GET", http.node().path("method").asText());
        assertNull(e.object("absent"));
        assertEquals("The Test event is malformed: requestContext.http.path is missing",
                rejected(() -> http.requiredText("path")));
    }

    @Test
    void string_arrays_and_maps_check_every_member() throws Exception {
        EventFields e = event("{'cookies':['a=1','b=2'],'bad':['a',{}],'headers':{'x':'1','y':'2'},"
                + "'badHeaders':{'x':1},'attrs':{'a':{'v':'1'}},'badAttrs':{'a':'v'}}");

        assertEquals(List.of("a=1", "b=2"), e.texts("cookies"));
        assertEquals(List.of(), e.texts("absent"));
        assertEquals("The Test event is malformed: bad[1] must be a string, was an object", rejected(() -> e.texts("bad")));
        assertEquals(Map.of("x", "1", "y", "2"), e.textMap("headers"));
        assertEquals(List.of("x", "y"), List.copyOf(e.textMap("headers").keySet()));
        assertEquals(Map.of(), e.textMap("absent"));
        assertEquals("The Test event is malformed: badHeaders.x must be a string, was a number",
                rejected(() -> e.textMap("badHeaders")));
        Map<String, EventFields> attrs = e.objectMap("attrs");
        assertEquals("attrs.a", attrs.get("a").path());
        assertEquals("1", attrs.get("a").requiredText("v"));
        assertEquals(Map.of(), e.objectMap("absent"));
        assertEquals("The Test event is malformed: badAttrs.a must be an object, was a string",
                rejected(() -> e.objectMap("badAttrs")));
    }

    @Test
    void timestamps_in_iso_8601_and_epoch_seconds() throws Exception {
        EventFields e = event("{'time':'2020-10-08T16:06:14.656Z','arrival':1428537600.123,'whole':1428537600,"
                + "'bad':'yesterday','huge':1e300,'neg':-1.5}");

        assertEquals(Instant.parse("2020-10-08T16:06:14.656Z"), e.instant("time"));
        assertNull(e.instant("absent"));
        assertEquals("The Test event is malformed: bad is not an ISO-8601 timestamp: \"yesterday\"",
                rejected(() -> e.instant("bad")));
        assertEquals(Instant.ofEpochSecond(1428537600L, 123_000_000L), e.epochSeconds("arrival"));
        assertEquals(Instant.ofEpochSecond(1428537600L), e.epochSeconds("whole"));
        assertEquals(Instant.ofEpochSecond(-2L, 500_000_000L), e.epochSeconds("neg"));
        assertNull(e.epochSeconds("absent"));
        assertEquals("The Test event is malformed: huge is out of range: 1.0E300", rejected(() -> e.epochSeconds("huge")));
    }

    @Test
    void a_long_bad_timestamp_is_shortened_in_the_message() throws Exception {
        String garbage = "x".repeat(100);
        EventFields e = event("{'time':'" + garbage + "'}");
        assertEquals("The Test event is malformed: time is not an ISO-8601 timestamp: \"" + "x".repeat(40) + "...\"",
                rejected(() -> e.instant("time")));
    }

    @Test
    void base64_values_are_decoded_and_garbage_is_refused() throws Exception {
        EventFields e = event("{'data':'SGVsbG8=','wrapped':'SGVs\\nbG8=','bad':'SGVsbG8*','list':['SGk=','!!']}");

        assertArrayEquals("Hello".getBytes(StandardCharsets.UTF_8), e.base64("data"));
        assertArrayEquals("Hello".getBytes(StandardCharsets.UTF_8), e.base64("wrapped"));
        assertNull(e.base64("absent"));
        assertEquals("The Test event is malformed: bad is not valid base64", rejected(() -> e.base64("bad")));
        assertEquals("The Test event is malformed: list[1] is not valid base64", rejected(() -> e.base64s("list")));
        EventFields ok = event("{'list':['SGk=','SGVsbG8=']}");
        List<byte[]> decoded = ok.base64s("list");
        assertEquals("Hi", new String(decoded.get(0), StandardCharsets.UTF_8));
        assertEquals("Hello", new String(decoded.get(1), StandardCharsets.UTF_8));
    }

    @Test
    void invalid_builds_the_same_400_for_an_adapters_own_checks() throws Exception {
        EventFields r = event("{'Records':[{'eventSource':'aws:nope'}]}").requiredObjects("Records").get(0);
        LiftException e = r.invalid("eventSource", "is not aws:sqs");
        assertEquals(400, e.status());
        assertEquals("The Test event is malformed: Records[0].eventSource is not aws:sqs", e.detail());
    }

    @Test
    void plain_turns_free_form_json_into_read_only_java_values() throws Exception {
        JsonNode claims = JSON.readTree("{\"sub\":\"u-1\",\"n\":3,\"admin\":false,\"groups\":[\"a\",null],\"x\":{\"y\":1.5}}");

        Object plain = EventFields.plain(claims);

        Map<?, ?> map = (Map<?, ?>) plain;
        assertEquals("u-1", map.get("sub"));
        assertEquals(3, map.get("n"));
        assertEquals(false, map.get("admin"));
        assertEquals(java.util.Arrays.asList("a", null), map.get("groups"));
        assertEquals(Map.of("y", 1.5), map.get("x"));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<Object, Object>) map).put("k", "v"));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) map.get("groups")).clear());
    }

    /** The hand-written reading of AWS's timestamps gives exactly what Instant.parse gives, and leaves the rest to it. */
    @Test
    void utc_timestamps_read_as_instant_parse_reads_them() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(from, to + 1), random.nextInt(1_000_000_000));
            int digits = random.nextInt(10);             // 0 = no fraction, else 1 to 9 digits
            String text = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
                    .withZone(java.time.ZoneOffset.UTC).format(t)
                    + (digits == 0 ? "" : "." + String.format("%09d", t.getNano()).substring(0, digits)) + "Z";
            assertEquals(Instant.parse(text), EventFields.utcInstant(text), text);
        }
        for (String same : new String[] {"2019-03-14T23:44:29Z", "2026-02-28T10:00:00.5Z", "2024-02-29T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.000000001Z", "0000-03-01T00:00:00Z"}) {
            assertEquals(Instant.parse(same), EventFields.utcInstant(same), same);
        }
        // Not the plain form, or not a valid date or time: Instant.parse decides (it reads some, rejects others).
        for (String other : new String[] {"2019-03-14T23:44:29+01:00", "2019-03-14t23:44:29Z", "2019-02-29T00:00:00Z",
            "2019-13-01T00:00:00Z", "2019-04-31T00:00:00Z", "2019-03-14T24:00:00Z", "2019-03-14T23:60:00Z",
            "2016-12-31T23:59:60Z", "2019-03-14T23:44:29.Z", "2019-03-14T23:44:29.1234567890Z", "+2019-03-14T23:44:29Z",
            "2019-03-14 23:44:29Z", "2019-3-14T23:44:29Z", "\u0662019-03-14T23:44:29Z", "2019-03-14T23:44:29", ""}) {
            assertNull(EventFields.utcInstant(other), other);
        }
    }

    @Test
    void a_bad_timestamp_is_still_a_400_naming_the_field() throws Exception {
        EventFields e = event("{'time':'2019-02-29T00:00:00Z','ok':'2016-12-31T23:59:60Z'}");
        assertEquals("The Test event is malformed: time is not an ISO-8601 timestamp: \"2019-02-29T00:00:00Z\"",
                rejected(() -> e.instant("time")));
        assertEquals(Instant.parse("2016-12-31T23:59:60Z"), e.instant("ok"));
    }

    @Test
    void multi_and_single_valued_fields_are_walked_once_with_the_multi_values_first() throws Exception {
        EventFields e = event("{'multiValueHeaders':{'Accept':['a','b'],'Empty':[],'Gone':null},"
                + "'headers':{'accept':'ignored, multi has it','Host':'h','Empty':'e'}}");
        List<String> seen = new java.util.ArrayList<>();
        int names = e.forEachValue("multiValueHeaders", "headers", (n, v) -> seen.add(n + "=" + v));
        // Names are compared as the event spells them: "accept" is not "Accept" here (adapters merge case).
        assertEquals(List.of("Accept=a", "Accept=b", "accept=ignored, multi has it", "Host=h", "Empty=e"), seen);
        assertEquals(4, names);

        EventFields single = event("{'headers':{'Host':'h'}}");
        List<String> only = new java.util.ArrayList<>();
        assertEquals(1, single.forEachValue("multiValueHeaders", "headers", (n, v) -> only.add(n + "=" + v)));
        assertEquals(List.of("Host=h"), only);
        assertEquals(0, event("{}").forEachValue("multiValueHeaders", "headers", (n, v) -> only.add(n)));

        assertEquals("The Test event is malformed: multiValueHeaders.Accept[1] must be a string, was a number",
                rejected(() -> event("{'multiValueHeaders':{'Accept':['a',1]}}")
                        .forEachValue("multiValueHeaders", "headers", (n, v) -> { })));
        assertEquals("The Test event is malformed: headers.Host must be a string, was a number",
                rejected(() -> event("{'headers':{'Host':1}}").forEachValue("multiValueHeaders", "headers", (n, v) -> { })));
        assertEquals("The Test event is malformed: stageVariables must be an object, was an array",
                rejected(() -> event("{'stageVariables':[]}").requireTextMembers("stageVariables")));
        event("{'stageVariables':null}").requireTextMembers("stageVariables");
        event("{'stageVariables':{'a':'b'}}").requireTextMembers("stageVariables");
    }
}

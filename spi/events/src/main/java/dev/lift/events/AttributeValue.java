package dev.lift.events;

import dev.lift.api.Api;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One DynamoDB attribute value as it appears in a stream record's keys and images: exactly one
 * of the ten DynamoDB types. The accessors are named after the wire format ({@code S}, {@code N},
 * ...) like the AWS SDK's, and return null when the value is of another type.
 *
 * <pre>{@code
 * String message = record.newImage().get("Message").s();
 * long id = Long.parseLong(record.keys().get("Id").n());
 * }</pre>
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class AttributeValue {

    /** The DynamoDB data types. */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public enum Type {
        /** String. */
        S,
        /** Number, kept as its decimal string so no precision is lost. */
        N,
        /** Binary. */
        B,
        /** String set. */
        SS,
        /** Number set. */
        NS,
        /** Binary set. */
        BS,
        /** Map. */
        M,
        /** List. */
        L,
        /** Null. */
        NULL,
        /** Boolean. */
        BOOL
    }

    private static final AttributeValue NULL_VALUE = new AttributeValue(Type.NULL, null);
    private static final AttributeValue TRUE = new AttributeValue(Type.BOOL, Boolean.TRUE);
    private static final AttributeValue FALSE = new AttributeValue(Type.BOOL, Boolean.FALSE);

    private final Type type;
    private final Object value; // String, byte[], List<String>, List<byte[]>, Map, List<AttributeValue>, Boolean or null

    private AttributeValue(Type type, Object value) {
        this.type = type;
        this.value = value;
    }

    /** A string. */
    public static AttributeValue ofS(String s) {
        return new AttributeValue(Type.S, Objects.requireNonNull(s, "s"));
    }

    /** A number, as its decimal string. */
    public static AttributeValue ofN(String n) {
        return new AttributeValue(Type.N, Objects.requireNonNull(n, "n"));
    }

    /** A binary value (copied). */
    public static AttributeValue ofB(byte[] b) {
        return new AttributeValue(Type.B, Objects.requireNonNull(b, "b").clone());
    }

    /** A string set. */
    public static AttributeValue ofSs(List<String> ss) {
        return new AttributeValue(Type.SS, List.copyOf(ss));
    }

    /** A number set, as decimal strings. */
    public static AttributeValue ofNs(List<String> ns) {
        return new AttributeValue(Type.NS, List.copyOf(ns));
    }

    /** A binary set (each copied). */
    public static AttributeValue ofBs(List<byte[]> bs) {
        List<byte[]> copy = new ArrayList<>(bs.size());
        for (byte[] b : bs) {
            copy.add(Objects.requireNonNull(b, "bs element").clone());
        }
        return new AttributeValue(Type.BS, Collections.unmodifiableList(copy));
    }

    /** A map of attribute values, in the given order. */
    public static AttributeValue ofM(Map<String, AttributeValue> m) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(m);
        copy.values().forEach(v -> Objects.requireNonNull(v, "m value"));
        return new AttributeValue(Type.M, Collections.unmodifiableMap(copy));
    }

    /** A list of attribute values. */
    public static AttributeValue ofL(List<AttributeValue> l) {
        return new AttributeValue(Type.L, List.copyOf(l));
    }

    /** The DynamoDB null. */
    public static AttributeValue ofNull() {
        return NULL_VALUE;
    }

    /** A boolean. */
    public static AttributeValue ofBool(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** Which of the DynamoDB types this value is; never null. */
    public Type type() {
        return type;
    }

    /** The string of an {@code S} value; otherwise null. */
    public String s() {
        return type == Type.S ? (String) value : null;
    }

    /** The decimal string of an {@code N} value; otherwise null. */
    public String n() {
        return type == Type.N ? (String) value : null;
    }

    /** A copy of the bytes of a {@code B} value; otherwise null. */
    public byte[] b() {
        return type == Type.B ? ((byte[]) value).clone() : null;
    }

    /** The strings of an {@code SS} value; otherwise null. */
    @SuppressWarnings("unchecked")
    public List<String> ss() {
        return type == Type.SS ? (List<String>) value : null;
    }

    /** The decimal strings of an {@code NS} value; otherwise null. */
    @SuppressWarnings("unchecked")
    public List<String> ns() {
        return type == Type.NS ? (List<String>) value : null;
    }

    /** Copies of the byte arrays of a {@code BS} value; otherwise null. */
    @SuppressWarnings("unchecked")
    public List<byte[]> bs() {
        if (type != Type.BS) {
            return null;
        }
        List<byte[]> copy = new ArrayList<>();
        for (byte[] b : (List<byte[]>) value) {
            copy.add(b.clone());
        }
        return Collections.unmodifiableList(copy);
    }

    /** The members of an {@code M} value, in document order; otherwise null. */
    @SuppressWarnings("unchecked")
    public Map<String, AttributeValue> m() {
        return type == Type.M ? (Map<String, AttributeValue>) value : null;
    }

    /** The elements of an {@code L} value; otherwise null. */
    @SuppressWarnings("unchecked")
    public List<AttributeValue> l() {
        return type == Type.L ? (List<AttributeValue>) value : null;
    }

    /** The value of a {@code BOOL}; otherwise null. */
    public Boolean bool() {
        return type == Type.BOOL ? (Boolean) value : null;
    }

    /** Whether this is the DynamoDB null ({@code {"NULL": true}}). */
    public boolean isNull() {
        return type == Type.NULL;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean equals(Object o) {
        if (!(o instanceof AttributeValue)) {
            return false;
        }
        AttributeValue a = (AttributeValue) o;
        if (type != a.type) {
            return false;
        }
        switch (type) {
            case B:
                return Arrays.equals((byte[]) value, (byte[]) a.value);
            case BS: {
                List<byte[]> x = (List<byte[]>) value;
                List<byte[]> y = (List<byte[]>) a.value;
                if (x.size() != y.size()) {
                    return false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!Arrays.equals(x.get(i), y.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return Objects.equals(value, a.value);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public int hashCode() {
        int h = type.hashCode() * 31;
        switch (type) {
            case B:
                return h + Arrays.hashCode((byte[]) value);
            case BS: {
                for (byte[] b : (List<byte[]>) value) {
                    h = h * 31 + Arrays.hashCode(b);
                }
                return h;
            }
            default:
                return h + Objects.hashCode(value);
        }
    }

    /** A debug form resembling DynamoDB JSON, for example {@code {"N":"101"}}; binary values show their length only. */
    @Override
    @SuppressWarnings("unchecked")
    public String toString() {
        switch (type) {
            case S:
            case N:
                return "{\"" + type + "\":\"" + value + "\"}";
            case B:
                return "{\"B\":<" + ((byte[]) value).length + " bytes>}";
            case BS:
                return "{\"BS\":<" + ((List<byte[]>) value).size() + " values>}";
            case NULL:
                return "{\"NULL\":true}";
            default:
                return "{\"" + type + "\":" + value + "}";
        }
    }
}

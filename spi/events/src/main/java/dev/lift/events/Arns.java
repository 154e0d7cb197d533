package dev.lift.events;

/** Reads names out of AWS ARNs, so each event type derives its queue, topic, table or stream name the same way. */
final class Arns {

    private Arns() {
    }

    /** The part after the last ':' ({@code arn:aws:sqs:eu-central-1:123456789012:orders} gives {@code orders}). */
    static String afterLastColon(String arn) {
        if (arn == null || arn.isEmpty()) {
            return null;
        }
        int i = arn.lastIndexOf(':');
        return i < 0 ? arn : arn.substring(i + 1);
    }

    /**
     * The resource name after {@code type/} in an ARN's resource part, up to the next '/'
     * ({@code ...:table/Orders/stream/2015-06-27} with type {@code table} gives {@code Orders}).
     * Null when the ARN has no such part.
     */
    static String resource(String arn, String type) {
        if (arn == null) {
            return null;
        }
        String marker = ":" + type + "/";
        int i = arn.indexOf(marker);
        if (i < 0) {
            return null;
        }
        int start = i + marker.length();
        int end = arn.indexOf('/', start);
        String name = end < 0 ? arn.substring(start) : arn.substring(start, end);
        return name.isEmpty() ? null : name;
    }

    static boolean isArn(String s) {
        return s.startsWith("arn:");
    }
}

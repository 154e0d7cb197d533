package dev.lift.spi.support;

import dev.lift.api.Api;
import java.util.Map;

/**
 * Reads {@code name=value} pairs as a {@code Cookie} request header (or one element of API
 * Gateway v2's {@code cookies} array) carries them.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class CookieHeader {

    private CookieHeader() {
    }

    /**
     * Adds every cookie of {@code value} ({@code a=1; b=2}) to {@code into}. A piece without
     * {@code =} is a cookie with the value {@code ""}; when a name repeats, the first one stays,
     * as browsers send the cookie with the most specific path first.
     */
    public static void parseInto(String value, Map<String, String> into) {
        parseInto((CharSequence) value, into);
    }

    /** {@link #parseInto(String, Map)} over any characters, so that a test can count how many are read. */
    static void parseInto(CharSequence value, Map<String, String> into) {
        int start = 0;
        int n = value.length();
        while (start < n) {
            int end = UrlEncoding.indexOf(value, ';', start, n);
            if (end < 0) {
                end = n;
            }
            // '=' is looked for within this cookie only, so that "a;a;a..." stays linear.
            int eq = UrlEncoding.indexOf(value, '=', start, end);
            String name;
            String cookie;
            if (eq < 0) {
                name = value.subSequence(start, end).toString().trim();
                cookie = "";
            } else {
                name = value.subSequence(start, eq).toString().trim();
                cookie = value.subSequence(eq + 1, end).toString().trim();
            }
            if (!name.isEmpty()) {
                into.putIfAbsent(name, cookie);
            }
            start = end + 1;
        }
    }
}

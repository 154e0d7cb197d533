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
        int start = 0;
        int n = value.length();
        while (start < n) {
            int end = value.indexOf(';', start);
            if (end < 0) {
                end = n;
            }
            int eq = value.indexOf('=', start);
            String name;
            String cookie;
            if (eq < 0 || eq > end) {
                name = value.substring(start, end).trim();
                cookie = "";
            } else {
                name = value.substring(start, eq).trim();
                cookie = value.substring(eq + 1, end).trim();
            }
            if (!name.isEmpty()) {
                into.putIfAbsent(name, cookie);
            }
            start = end + 1;
        }
    }
}

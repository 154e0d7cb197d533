package dev.lift.spi.support;

import dev.lift.api.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Percent-decoding and query-string parsing for HTTP adapters and servers. Decoding follows the
 * WHATWG URL standard: a {@code %} not followed by two hex digits stays as it is, and bytes that
 * are not UTF-8 become U+FFFD, so a client's sloppy URL is never an error and decoding cannot fail.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class UrlEncoding {

    private UrlEncoding() {
    }

    /**
     * Decodes {@code s}.
     *
     * @param plusIsSpace whether {@code +} means a space (query strings), or is a literal plus (paths)
     */
    public static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        byte[] run = null;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '%' && isEscape(s, i)) {
                if (run == null) {
                    run = new byte[n / 3];
                }
                // Collect a whole run of escapes first: one character may span several bytes.
                int len = 0;
                while (i < n && s.charAt(i) == '%' && isEscape(s, i)) {
                    run[len++] = (byte) ((hex(s.charAt(i + 1)) << 4) | hex(s.charAt(i + 2)));
                    i += 3;
                }
                out.append(new String(run, 0, len, StandardCharsets.UTF_8));
            } else {
                out.append(c == '+' && plusIsSpace ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * The segments of a percent-encoded path, split at each literal {@code /} first and then each
     * decoded once ({@code +} stays a plus), so that an encoded slash ({@code %2F}) stays inside its
     * segment: {@code /files/a%2Fb} is {@code ["files", "a/b"]}, {@code /files/a%2520b} is
     * {@code ["files", "a%20b"]}. The leading {@code /} and trailing empty segments are dropped
     * (the path {@code /} has no segments); empty segments in the middle ({@code //}) are kept.
     *
     * @param rawPath a path exactly as a client sent it, still percent-encoded
     * @since 0.2
     */
    public static List<String> decodePathSegments(String rawPath) {
        List<String> out = new ArrayList<>(8);
        int n = rawPath.length();
        int start = n > 0 && rawPath.charAt(0) == '/' ? 1 : 0;
        for (int i = start; i <= n; i++) {
            if (i == n || rawPath.charAt(i) == '/') {
                out.add(decode(rawPath.substring(start, i), false));
                start = i + 1;
            }
        }
        int end = out.size();
        while (end > 0 && out.get(end - 1).isEmpty()) {
            end--;
        }
        return List.copyOf(out.subList(0, end));
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Names and values are percent-decoded and {@code +} is read as a space. That is what HTML
     * forms, {@code URLSearchParams} and most HTTP clients mean by it (they send a literal plus
     * as {@code %2B}), and what servlet containers and other Java frameworks do, so a handler
     * moved to Lift sees the same values. Whoever needs the plus kept has {@code rawQueryString}.
     * A parameter without {@code =} has the value {@code ""}; empty pieces ({@code a=1&&b=2}) are skipped.
     */
    public static Map<String, List<String>> parseQuery(String raw) {
        return parseQuery((CharSequence) raw);
    }

    /** {@link #parseQuery(String)} over any characters, so that a test can count how many are read. */
    static Map<String, List<String>> parseQuery(CharSequence raw) {
        if (raw == null || raw.length() == 0) {
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        int start = 0;
        int n = raw.length();
        while (start <= n) {
            int end = indexOf(raw, '&', start, n);
            if (end < 0) {
                end = n;
            }
            if (end > start) {
                // Look for '=' within this piece only: searching on to the end of the input made
                // a query of pieces without '=' (a&a&a...) quadratic.
                int eq = indexOf(raw, '=', start, end);
                String name;
                String value;
                if (eq < 0) {
                    name = raw.subSequence(start, end).toString();
                    value = "";
                } else {
                    name = raw.subSequence(start, eq).toString();
                    value = raw.subSequence(eq + 1, end).toString();
                }
                out.computeIfAbsent(decode(name, true), k -> new ArrayList<>(1))
                        .add(decode(value, true));
            }
            start = end + 1;
        }
        return out;
    }

    /** The first {@code c} in {@code s} from {@code from} up to, not including, {@code to}; -1 if there is none. */
    static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}

package dev.lift.plugins.apigatewayv1;

import java.nio.charset.StandardCharsets;

/**
 * {@code application/x-www-form-urlencoded} encoding, the same output as
 * {@link java.net.URLEncoder#encode(String, java.nio.charset.Charset) URLEncoder.encode(s, UTF_8)},
 * appended to one builder: {@code URLEncoder} allocates a builder and a writer for every call,
 * even for a value with nothing to encode, and a REST event's query string is rebuilt on every
 * request.
 */
final class FormEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FormEncoding() {
    }

    /** Appends {@code s} form-encoded: unreserved characters as they are, a space as {@code +}, the rest as UTF-8 escapes. */
    static void append(StringBuilder out, String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (isUnreserved(c)) {
                out.append(c);
                i++;
            } else if (c == ' ') {
                out.append('+');
                i++;
            } else {
                // Encode the whole run at once, as URLEncoder does, so a surrogate pair stays one character
                // and a lone surrogate becomes '?' (%3F).
                int end = i + 1;
                while (end < n && !isUnreserved(s.charAt(end)) && s.charAt(end) != ' ') {
                    end++;
                }
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
                i = end;
            }
        }
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '*';
    }
}

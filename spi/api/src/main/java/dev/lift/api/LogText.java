package dev.lift.api;

/**
 * Text from a request or an event (a path, a method, an S3 key) made safe for one line of a text
 * log: a client that sends {@code %0a} in a path must not be able to write a second, forged log line.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class LogText {

    private LogText() {
    }

    /**
     * The text with CR, LF, TAB and every other control character (C0, DEL, C1) and the line and
     * paragraph separators written as escapes ({@code \r}, {@code \n}, {@code \t},
     * {@code \u001b}), and backslashes doubled so that an escape in the input cannot pass for
     * one made here. Returns the same string when there is nothing to escape; {@code null}
     * becomes {@code "null"}.
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (needsEscape(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\\' || c == '\u2028' || c == '\u2029';
    }
}

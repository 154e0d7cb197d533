package dev.lift.plugins.apigatewayv1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The query string a REST event lacks is rebuilt exactly as {@link URLEncoder} writes it, with a lone surrogate
 * written as '?' ({@code %3F}), as Java 17's URLEncoder does. (Java 25's drops a lone high surrogate that ends a
 * run of characters to encode, so the expected text is URLEncoder's on the string with lone surrogates already
 * replaced: the same on every JDK.)
 */
class FormEncodingTest {

    /** {@code s} with every surrogate that is not half of a pair replaced by '?'. */
    private static String wellFormed(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return b.toString();
    }

    private static String expected(String s) {
        return URLEncoder.encode(wellFormed(s), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        StringBuilder sb = new StringBuilder("x=");
        FormEncoding.append(sb, s);
        return sb.substring(2);
    }

    @Test
    void writesWhatUrlEncoderWrites() {
        String[] samples = {"", "value1", "a b+c", "\u20ac&=", "*-_.~!'()", "100%", "a/b?c#d", "\u00e9t\u00e9",
            "\uD83D\uDE00 smile", "lone \uD83D high", "lone \uDE00 low", "\uDE00\uD83D reversed", "tab\tnew\nline",
            "\u0000\u007f", "2020-01-01T00:00:00Z"};
        for (String s : samples) {
            assertEquals(expected(s), encode(s), s);
        }
        // Java 25's URLEncoder writes "%01*" here (the lone high surrogate dropped), Java 17's "%01%3F*".
        assertEquals("%01%3F*", encode("\u0001\uD83D*"));
    }

    @Test
    void writesWhatUrlEncoderWritesForRandomText() {
        Random random = new Random(14);
        char[] alphabet = "aZ09 -_.*+%&=/\u00e9\u20ac\uD83D\uDE00\uDBFF\uDFFF\u0001".toCharArray();
        for (int round = 0; round < 2_000; round++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(chars);
            assertEquals(expected(s), encode(s), s);
        }
    }
}

package dev.lift.plugins.apigatewayv1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The query string a REST event lacks is rebuilt exactly as {@link URLEncoder} would write it. */
class FormEncodingTest {

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
            assertEquals(URLEncoder.encode(s, StandardCharsets.UTF_8), encode(s), s);
        }
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
            assertEquals(URLEncoder.encode(s, StandardCharsets.UTF_8), encode(s), s);
        }
    }
}

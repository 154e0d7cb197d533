package dev.lift.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * Query strings and cookie headers are read in work linear in their length, whatever they hold:
 * a piece without {@code =} must not send the parser to the end of the input to look for one.
 * Work is counted in characters read, never timed.
 */
class LinearParsingTest {

    private static final int N = 10_000;

    private static long queryReads(String raw) {
        CountingChars chars = new CountingChars(raw);
        UrlEncoding.parseQuery(chars);
        return chars.reads();
    }

    private static long cookieReads(String raw) {
        CountingChars chars = new CountingChars(raw);
        CookieHeader.parseInto(chars, new LinkedHashMap<>());
        return chars.reads();
    }

    private static void assertLinear(String what, ToLongFunction<String> reads, String unit) {
        String once = unit.repeat(N / unit.length());
        String twice = once + once;
        long readsOnce = reads.applyAsLong(once);
        long readsTwice = reads.applyAsLong(twice);
        assertTrue(readsOnce <= 3L * once.length(),
                what + ": " + readsOnce + " characters read for an input of " + once.length());
        assertTrue(readsTwice <= 2.5 * readsOnce,
                what + ": twice the input took " + readsTwice + " reads, against " + readsOnce);
    }

    @Test
    void aQueryOfPiecesWithoutEqualsIsReadInLinearWork() {
        assertLinear("a&a&a...", LinearParsingTest::queryReads, "a&");
    }

    @Test
    void aQueryOfOtherShapesIsReadInLinearWork() {
        assertLinear("a=1&b=2...", LinearParsingTest::queryReads, "a=1&b=2&");
        assertLinear("&&&...", LinearParsingTest::queryReads, "&");
        assertLinear("a=b=c...", LinearParsingTest::queryReads, "a=");
        assertLinear("aaa...", LinearParsingTest::queryReads, "a");
    }

    @Test
    void aCookieHeaderOfPiecesWithoutEqualsIsReadInLinearWork() {
        assertLinear("a;a;a...", LinearParsingTest::cookieReads, "a;");
        assertLinear("a=1; b=2...", LinearParsingTest::cookieReads, "a=1; b=2; ");
        assertLinear(";;;...", LinearParsingTest::cookieReads, ";");
    }

    @Test
    void theLinearParsersKeepTheirResults() {
        Map<String, List<String>> q = UrlEncoding.parseQuery("a&b=1&&a=2=3&c=&=x&d+e=f%20g");
        assertEquals(Map.of("a", List.of("", "2=3"), "b", List.of("1"), "c", List.of(""), "", List.of("x"),
                "d e", List.of("f g")), q);
        assertEquals(List.of("a", "b", "c", "", "d e"), List.copyOf(q.keySet()));
        assertEquals(Map.of(), UrlEncoding.parseQuery(""));

        Map<String, String> cookies = new LinkedHashMap<>();
        CookieHeader.parseInto(" a=1; flag ; b = 2 ;a=3;;=x; c=d=e", cookies);
        assertEquals(Map.of("a", "1", "flag", "", "b", "2", "c", "d=e"), cookies);
        assertEquals(List.of("a", "flag", "b", "c"), List.copyOf(cookies.keySet()));
    }
}

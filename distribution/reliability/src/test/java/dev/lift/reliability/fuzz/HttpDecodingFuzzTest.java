package dev.lift.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lift.spi.support.CookieHeader;
import dev.lift.spi.support.UrlEncoding;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * URL decoding, query strings, cookie headers and path segments (what every HTTP adapter and the
 * local server use) against small reference implementations written from their documentation,
 * and with their work counted in characters read, which must stay linear in the input's length.
 */
@ExtendWith(SeedCorpusCheck.class)
class HttpDecodingFuzzTest {

    private static final Method PARSE_QUERY = CountingChars.method("dev.lift.spi.support.UrlEncoding", "parseQuery",
            CharSequence.class);
    private static final Method PARSE_COOKIES = CountingChars.method("dev.lift.spi.support.CookieHeader", "parseInto",
            CharSequence.class, Map.class);

    /** Percent-decoding, with and without {@code +} as a space. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void percentDecoding(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        assertEquals(RouterFuzzTest.percentDecode(s), UrlEncoding.decode(s, false), s);
        assertEquals(RouterFuzzTest.percentDecode(s.replace('+', ' ')), UrlEncoding.decode(s, true), s);
    }

    /** Query strings: all values kept in order, names and values decoded once, {@code +} a space, empty pieces skipped. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void queryStrings(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String piece : s.split("&", -1)) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            String name = eq < 0 ? piece : piece.substring(0, eq);
            String value = eq < 0 ? "" : piece.substring(eq + 1);
            expected.computeIfAbsent(RouterFuzzTest.percentDecode(name.replace('+', ' ')), k -> new ArrayList<>())
                    .add(RouterFuzzTest.percentDecode(value.replace('+', ' ')));
        }
        Map<String, List<String>> actual = UrlEncoding.parseQuery(s);
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(actual.entrySet()), s);

        CountingChars counted = new CountingChars(s);
        CountingChars.call(PARSE_QUERY, null, counted);
        assertLinear("parseQuery", counted.reads(), s.length());
    }

    /** Cookie headers: pieces split at {@code ;}, name and value trimmed, the first of a repeated name kept. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void cookieHeaders(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String piece : s.split(";", -1)) {
            int eq = piece.indexOf('=');
            String name = (eq < 0 ? piece : piece.substring(0, eq)).trim();
            String value = eq < 0 ? "" : piece.substring(eq + 1).trim();
            if (!name.isEmpty()) {
                expected.putIfAbsent(name, value);
            }
        }
        Map<String, String> actual = new LinkedHashMap<>();
        CookieHeader.parseInto(s, actual);
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(actual.entrySet()), s);

        CountingChars counted = new CountingChars(s);
        CountingChars.call(PARSE_COOKIES, null, counted, new LinkedHashMap<String, String>());
        assertLinear("parseInto", counted.reads(), s.length());
    }

    /** Path segments: split at literal slashes first, then each decoded once. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void pathSegments(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        assertEquals(RouterFuzzTest.segments(s, true), UrlEncoding.decodePathSegments(s), s);
    }

    /** At most three reads per character, whatever the input (the parsers look for '=' within a piece only). */
    private static void assertLinear(String what, long reads, int length) {
        assertTrue(reads <= 3L * length + 3, what + " read " + reads + " characters for an input of " + length);
    }
}

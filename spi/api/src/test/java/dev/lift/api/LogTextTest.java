package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Request-derived text in a log line stays on that line. */
class LogTextTest {

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("/a\\nINFO forged\\r\\t\\u001b[31m\\u0000\\u007f\\u0085\\u2028",
                LogText.escape("/a\nINFO forged\r\t\u001b[31m\u0000\u007f\u0085\u2028"));
    }

    @Test
    void backslashesAreDoubledSoThatEscapesCannotBeForged() {
        assertEquals("a\\\\nb", LogText.escape("a\\nb"));
    }

    @Test
    void ordinaryTextIsReturnedAsIs() {
        String s = "/orders/42?x=ü";
        assertSame(s, LogText.escape(s));
        assertEquals("null", LogText.escape(null));
    }
}

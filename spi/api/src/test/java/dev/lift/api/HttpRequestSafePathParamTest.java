package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A decoded path parameter can be {@code ..} or hold a {@code /} ({@code /files/..%2Fetc} routes
 * {@code ..%2Fetc} as one segment and decodes it to {@code ../etc}); {@code safePathParam} lets
 * only a single harmless segment through and answers anything else with a 400 that names the
 * parameter but does not repeat its value.
 */
class HttpRequestSafePathParamTest {

    private static HttpRequest routed(String value) {
        return HttpRequest.builder().method("GET").path("/files/x").build()
                .withRoute("/files/{name}", Map.of("name", value));
    }

    @Test
    void aSingleOrdinarySegmentIsReturned() {
        for (String ok : List.of("report.csv", "a b", "..a", "a..", "...", ".hidden", "50%", "\u20ac", "a:b")) {
            assertEquals(Optional.of(ok), routed(ok).safePathParam("name"), ok);
        }
        assertEquals(Optional.empty(), routed("x").safePathParam("other"));
    }

    @Test
    void traversalSeparatorsAndControlCharactersAreA400NamingTheParameterOnly() {
        for (String bad : List.of("..", ".", "", "../etc", "a/b", "/", "a\\b", "..\\x", "a\u0000b", "a\nb", "a\rb",
                "a\tb", "\u007f", "\u0085", "a\u009bb")) {
            LiftException e = assertThrows(LiftException.class, () -> routed(bad).safePathParam("name"),
                    () -> "accepted " + bad.codePoints().boxed().toList());
            assertEquals(400, e.status());
            assertTrue(e.detail().contains("'name'"), e.detail());
            if (!bad.isEmpty()) {
                assertFalse(e.detail().contains(bad), e.detail());
            }
            assertFalse(e.detail().contains("etc"), e.detail());
        }
        // pathParam itself still gives the decoded value as it is.
        assertEquals(Optional.of("../etc"), routed("../etc").pathParam("name"));
    }
}

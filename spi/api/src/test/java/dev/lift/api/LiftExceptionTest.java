package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The structured error every Lift error response is made from. */
class LiftExceptionTest {

    @Test
    void eachFactoryCarriesItsStatusCodeTitleAndRetryability() {
        record Expected(LiftException e, int status, String code, String title, boolean retryable) {
        }
        List<Expected> all = List.of(
                new Expected(LiftException.badRequest("d"), 400, "bad_request", "Bad Request", false),
                new Expected(LiftException.unauthorized("d", "Bearer"), 401, "unauthorized", "Unauthorized", false),
                new Expected(LiftException.forbidden("d"), 403, "forbidden", "Forbidden", false),
                new Expected(LiftException.notFound("d"), 404, "not_found", "Not Found", false),
                new Expected(LiftException.methodNotAllowed("PUT", List.of("GET")), 405, "method_not_allowed",
                        "Method Not Allowed", false),
                new Expected(LiftException.conflict("d"), 409, "conflict", "Conflict", false),
                new Expected(LiftException.payloadTooLarge(10), 413, "content_too_large", "Content Too Large", false),
                new Expected(LiftException.unsupportedMediaType("text/xml", List.of("application/json")), 415,
                        "unsupported_media_type", "Unsupported Media Type", false),
                new Expected(LiftException.unprocessable(List.of(new FieldError("a", "is required"))), 422,
                        "unprocessable_content", "Unprocessable Content", false),
                new Expected(LiftException.tooManyRequests(Duration.ofSeconds(3)), 429, "too_many_requests",
                        "Too Many Requests", true),
                new Expected(LiftException.internal(null), 500, "internal_error", "Internal Server Error", false),
                new Expected(LiftException.unavailable("d", Duration.ofSeconds(1)), 503, "service_unavailable",
                        "Service Unavailable", true),
                new Expected(LiftException.gatewayTimeout("d"), 504, "gateway_timeout", "Gateway Timeout", true));
        for (Expected x : all) {
            assertEquals(x.status(), x.e().status(), x.e().code());
            assertEquals(x.code(), x.e().code());
            assertEquals(x.title(), x.e().title());
            assertEquals(x.retryable(), x.e().retryable(), x.e().code());
        }
    }

    @Test
    void headersCarryAllowRetryAfterAndWwwAuthenticate() {
        assertEquals(Map.of("Allow", "DELETE, GET, PUT"),
                LiftException.methodNotAllowed("POST", List.of("PUT", "GET", "DELETE", "GET")).headers());
        assertEquals(Map.of("WWW-Authenticate", "Bearer realm=\"api\""),
                LiftException.unauthorized("token expired", "Bearer realm=\"api\"").headers());
        // Retry-After is whole seconds, rounded up, never 0.
        assertEquals(Map.of("Retry-After", "2"), LiftException.tooManyRequests(Duration.ofMillis(1001)).headers());
        assertEquals(Map.of("Retry-After", "1"), LiftException.unavailable("x", Duration.ZERO).headers());
    }

    @Test
    void aNullHeaderValueLeavesTheHeaderOut() {
        assertEquals(Map.of(), LiftException.unauthorized("no token", null).headers());
        LiftException e = LiftException.notFound("x").withHeader("X-A", "1").withHeader("X-A", null);
        assertEquals(Map.of(), e.headers());
    }

    @Test
    void copiesKeepEverythingAndTheCauseIsNotInTheDetail() {
        IllegalStateException cause = new IllegalStateException("password=hunter2");
        LiftException e = LiftException.unprocessable(List.of(new FieldError("qty", "must be a number")))
                .withHeader("X-Trace", "t").withCause(cause);
        assertSame(cause, e.getCause());
        assertEquals(422, e.status());
        assertEquals("The request body has 1 invalid field", e.detail());
        assertEquals(List.of(new FieldError("qty", "must be a number")), e.fieldErrors());
        assertEquals(Map.of("X-Trace", "t"), e.headers());
        assertFalse(e.getMessage().contains("hunter2"));
        assertNull(LiftException.internal(cause).detail(), "a 500's detail says nothing of its cause");
    }

    @Test
    void theStatusMustBeAnErrorStatus() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LiftException(302, "moved"));
        assertEquals("status must be 400 to 599, was 302", e.getMessage());
        assertTrue(new LiftException(418, "teapot").title().equals("Client Error"));
    }
}

package dev.lift.plugins.problem;

import dev.lift.plugins.testsupport.TestPluginContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.FieldError;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.api.SettingException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestInvocation;

/** What a client sees for each error, and what the operator's log gets. */
class ProblemDetailsErrorStrategyTest {
    private LogCapture log;

    @BeforeEach
    void captureLogs() {
        log = LogCapture.on("lift.errors");
    }

    @AfterEach
    void releaseLogs() {
        log.close();
    }

    private static final HttpRequest REQUEST = HttpRequest.builder().source("test").method("POST").path("/orders/9")
            .rawQueryString("token=abc").build();
    private static final TestInvocation CONTEXT = new TestInvocation("req-7", REQUEST);

    private static ProblemDetailsErrorStrategy strategy(Map<String, String> settings) {
        ProblemDetailsErrorStrategy s = new ProblemDetailsErrorStrategy();
        assertTrue(s.init(new TestPluginContext(ProblemDetailsErrorStrategy.ID, settings)));
        return s;
    }

    private static HttpResponse answer(Throwable error) {
        return strategy(Map.of()).toResponse(error, REQUEST, CONTEXT).orElseThrow();
    }

    private static Map<String, String> headers(HttpResponse r) {
        Map<String, String> out = new TreeMap<>();
        r.headers().forEach((k, v) -> out.put(k, String.join(",", v)));
        return out;
    }

    private static final String CT = "application/problem+json";

    static Stream<Arguments> everyStatus() {
        String tail = "\"instance\":\"/orders/9\",";
        return Stream.of(
                Arguments.of(LiftException.badRequest("The id must be a number"), 400, Map.of(),
                        "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"The id must be a number\","
                                + tail + "\"code\":\"bad_request\",\"requestId\":\"req-7\"}"),
                Arguments.of(LiftException.unauthorized("The token has expired", "Bearer realm=\"orders\""), 401,
                        Map.of("WWW-Authenticate", "Bearer realm=\"orders\""),
                        "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"The token has expired\","
                                + tail + "\"code\":\"unauthorized\",\"requestId\":\"req-7\"}"),
                Arguments.of(LiftException.forbidden("Only owners may cancel an order"), 403, Map.of(),
                        "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                                + "\"detail\":\"Only owners may cancel an order\","
                                + tail + "\"code\":\"forbidden\",\"requestId\":\"req-7\"}"),
                Arguments.of(LiftException.notFound("No order 9"), 404, Map.of(),
                        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"No order 9\","
                                + tail + "\"code\":\"not_found\",\"requestId\":\"req-7\"}"),
                Arguments.of(LiftException.methodNotAllowed("POST", List.of("GET", "DELETE")), 405,
                        Map.of("Allow", "DELETE, GET"),
                        "{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\",\"status\":405,"
                                + "\"detail\":\"Method POST is not allowed here; allowed: DELETE, GET\","
                                + tail + "\"code\":\"method_not_allowed\",\"requestId\":\"req-7\"}"),
                Arguments.of(LiftException.conflict("Order 9 is already shipped"), 409, Map.of(),
                        "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"Order 9 is already shipped\","
                                + tail + "\"code\":\"conflict\",\"requestId\":\"req-7\"}"),
                Arguments.of(LiftException.payloadTooLarge(1_048_576), 413, Map.of(),
                        "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                                + "\"detail\":\"The request body is larger than 1048576 bytes\","
                                + tail + "\"code\":\"content_too_large\",\"requestId\":\"req-7\"}"),
                Arguments.of(LiftException.unsupportedMediaType("text/xml", List.of("application/json")), 415, Map.of(),
                        "{\"type\":\"about:blank\",\"title\":\"Unsupported Media Type\",\"status\":415,"
                                + "\"detail\":\"Content type 'text/xml' is not supported; use application/json\","
                                + tail + "\"code\":\"unsupported_media_type\",\"requestId\":\"req-7\"}"),
                Arguments.of(LiftException.unprocessable(List.of(new FieldError("item", "is required"),
                                new FieldError("lines[0].quantity", "must be a number"))), 422, Map.of(),
                        "{\"type\":\"about:blank\",\"title\":\"Unprocessable Content\",\"status\":422,"
                                + "\"detail\":\"The request body has 2 invalid fields\","
                                + tail + "\"code\":\"unprocessable_content\",\"requestId\":\"req-7\",\"errors\":["
                                + "{\"field\":\"item\",\"message\":\"is required\"},"
                                + "{\"field\":\"lines[0].quantity\",\"message\":\"must be a number\"}]}"),
                Arguments.of(LiftException.tooManyRequests(Duration.ofSeconds(20)), 429, Map.of("Retry-After", "20"),
                        "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                                + "\"detail\":\"Too many requests; retry after 20 s\","
                                + tail + "\"code\":\"too_many_requests\",\"requestId\":\"req-7\"}"),
                Arguments.of(LiftException.internal(new IllegalStateException("pool exhausted")), 500, Map.of(),
                        "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                                + tail + "\"code\":\"internal_error\",\"requestId\":\"req-7\"}"),
                Arguments.of(LiftException.unavailable("The payments service is unavailable", Duration.ofSeconds(30)), 503,
                        Map.of("Retry-After", "30"),
                        "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                                + "\"detail\":\"The payments service is unavailable\","
                                + tail + "\"code\":\"service_unavailable\",\"requestId\":\"req-7\"}"),
                Arguments.of(LiftException.gatewayTimeout("The payments service did not answer in time"), 504, Map.of(),
                        "{\"type\":\"about:blank\",\"title\":\"Gateway Timeout\",\"status\":504,"
                                + "\"detail\":\"The payments service did not answer in time\","
                                + tail + "\"code\":\"gateway_timeout\",\"requestId\":\"req-7\"}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyStatus")
    void eachStatusIsAnExactProblemBody(LiftException error, int status, Map<String, String> extraHeaders, String body) {
        HttpResponse r = answer(error);
        assertEquals(status, r.statusCode());
        Map<String, String> expected = new TreeMap<>(extraHeaders);
        expected.put("Content-Type", CT);
        assertEquals(expected, headers(r));
        assertEquals(body, r.bodyText());
    }

    /** Deep inside the application, so the stack trace has frames of this class. */
    private static void chargeCard() {
        throw new IllegalStateException("JDBC connection to db.internal:5432 failed for user=admin password=hunter2");
    }

    @Test
    void anUnexpectedExceptionShowsTheClientNothingButTheLogGetsEverything() {
        IllegalStateException boom;
        try {
            chargeCard();
            throw new AssertionError("unreachable");
        } catch (IllegalStateException e) {
            boom = e;
        }
        HttpResponse r = answer(boom);
        List<LogRecord> records = log.records();
        List<String> lines = log.lines();
        assertEquals(500, r.statusCode());
        assertEquals(Map.of("Content-Type", CT), headers(r));
        String body = r.bodyText();
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                + "\"instance\":\"/orders/9\",\"code\":\"internal_error\",\"requestId\":\"req-7\"}", body);
        for (String secret : List.of("hunter2", "admin", "JDBC", "db.internal", "IllegalStateException", "java.lang",
                "Exception", "chargeCard", "at dev.", "\tat ")) {
            assertFalse(body.contains(secret), "the body leaks '" + secret + "': " + body);
        }

        assertEquals(1, records.size(), "one log record per failure");
        LogRecord rec = records.get(0);
        assertEquals(Level.SEVERE, rec.getLevel());
        assertEquals("Request req-7 POST /orders/9 failed with an unhandled exception; answered 500 without details",
                rec.getMessage());
        assertSame(boom, rec.getThrown());
        String line = lines.get(0);
        assertTrue(line.contains("req-7"), line);
        assertTrue(line.contains("java.lang.IllegalStateException: JDBC connection to db.internal:5432 failed for user=admin "
                + "password=hunter2"), line);
        assertTrue(line.contains("\tat dev.lift.plugins.problem.ProblemDetailsErrorStrategyTest.chargeCard("), line);
        assertFalse(line.contains("token=abc"), "the query string may carry tokens and stays out of the log");
    }

    @Test
    void aServerSideLiftErrorWithACauseIsLoggedWithTheCauseButShownWithoutIt() {
        LiftException e = LiftException.unavailable("The payments service is unavailable", Duration.ofSeconds(5))
                .withCause(new ConnectException("Connection refused: payments.internal/10.0.3.7:443"));
        HttpResponse r = answer(e);
        List<LogRecord> records = log.records();
        List<String> lines = log.lines();
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"The payments service is unavailable\",\"instance\":\"/orders/9\","
                + "\"code\":\"service_unavailable\",\"requestId\":\"req-7\"}", r.bodyText());
        assertEquals(1, records.size());
        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertEquals("Request req-7 POST /orders/9 answered 503 service_unavailable: The payments service is unavailable",
                records.get(0).getMessage());
        assertSame(e, records.get(0).getThrown());
        assertTrue(lines.get(0).contains("Caused by: java.net.ConnectException: Connection refused: payments.internal/10.0.3.7:443"),
                lines.get(0));
    }

    @Test
    void aServerSideLiftErrorWithoutACauseIsAWarningWithoutStack() {
        answer(LiftException.gatewayTimeout("The search service did not answer in time"));
        assertEquals(1, log.records().size());
        assertEquals(Level.WARNING, log.records().get(0).getLevel());
        assertNull(log.records().get(0).getThrown());
    }

    @Test
    void clientErrorsAreLoggedAtDebugUnlessLogClientErrorsIsOn() {
        answer(LiftException.notFound("No order 9"));
        strategy(Map.of("log-client-errors", "true")).toResponse(LiftException.notFound("No order 9"), REQUEST, CONTEXT);
        List<LogRecord> records = log.records();
        assertEquals(2, records.size());
        assertEquals(Level.FINE, records.get(0).getLevel());
        assertEquals(Level.INFO, records.get(1).getLevel());
        assertEquals("Request req-7 POST /orders/9 answered 404 not_found: No order 9", records.get(1).getMessage());
    }

    @Test
    void aLiftErrorWrappedByAnAsyncCallIsRenderedAsItself() {
        HttpResponse r = answer(new CompletionException(LiftException.conflict("Order 9 is already shipped")));
        assertEquals(409, r.statusCode());
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"Order 9 is already shipped\","
                + "\"instance\":\"/orders/9\",\"code\":\"conflict\",\"requestId\":\"req-7\"}", r.bodyText());
        // Any other wrapped exception stays an internal error.
        assertEquals(500, answer(new CompletionException(new IllegalStateException("x"))).statusCode());
    }

    @Test
    void anUndecodableRequestHasNoInstance() {
        HttpResponse r = strategy(Map.of()).toResponse(LiftException.badRequest("The body is not base64"), null, CONTEXT)
                .orElseThrow();
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"The body is not base64\",\"code\":\"bad_request\",\"requestId\":\"req-7\"}", r.bodyText());
    }

    @Test
    void typeBaseLinksEachCodeToDocumentation() {
        ProblemDetailsErrorStrategy s = strategy(Map.of("type-base", "https://errors.example.com/problems/"));
        assertEquals("{\"type\":\"https://errors.example.com/problems/not_found\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"No order 9\",\"instance\":\"/orders/9\",\"code\":\"not_found\",\"requestId\":\"req-7\"}",
                s.toResponse(LiftException.notFound("No order 9"), REQUEST, CONTEXT).orElseThrow().bodyText());
        assertEquals("{\"type\":\"https://errors.example.com/problems/internal_error\",\"title\":\"Internal Server Error\","
                        + "\"status\":500,\"instance\":\"/orders/9\",\"code\":\"internal_error\",\"requestId\":\"req-7\"}",
                s.toResponse(new RuntimeException("x"), REQUEST, CONTEXT).orElseThrow().bodyText());
    }

    @Test
    void aRelativeTypeBaseFailsBootNamingTheSetting() {
        ProblemDetailsErrorStrategy s = new ProblemDetailsErrorStrategy();
        SettingException e = assertThrows(SettingException.class,
                () -> s.init(new TestPluginContext(ProblemDetailsErrorStrategy.ID, Map.of("type-base", "problems/"))));
        assertEquals("Invalid setting lift.error-problem-details.type-base (env LIFT_ERROR_PROBLEM_DETAILS_TYPE_BASE): "
                + "'problems/' is not allowed; expected an absolute URI such as https://errors.example.com/problems/",
                e.getMessage());
        assertThrows(SettingException.class, () -> s.init(new TestPluginContext(ProblemDetailsErrorStrategy.ID,
                Map.of("log-client-errors", "yes"))));
    }

    @Test
    void handlesEveryThrowableAfterUserStrategies() {
        ProblemDetailsErrorStrategy s = new ProblemDetailsErrorStrategy();
        assertEquals("error-problem-details", s.id());
        assertEquals(Throwable.class, s.handles());
        assertEquals(1000, s.order());
        assertTrue(s.onRecordFailure(new RuntimeException(), "r", CONTEXT).isEmpty(), "records are not its business");
    }
}

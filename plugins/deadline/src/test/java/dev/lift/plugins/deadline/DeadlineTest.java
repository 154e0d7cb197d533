package dev.lift.plugins.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpResponse;
import dev.lift.api.Json;
import dev.lift.api.LiftPlugin;
import dev.lift.api.RouteDescriptor;
import dev.lift.events.SqsMessage;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real kernel with the HTTP API and SQS adapters, the problem-details answers and this plugin,
 * invoked with real sample events and a Lambda deadline a short way off: handlers that would run
 * past it are answered or failed before it, and interrupted. No assertion on how long anything took:
 * handlers wait on latches with generous timeouts, and only the deadline ends them.
 */
class DeadlineTest {

    private static final long WAIT_SECONDS = 60;

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch handlerEnded = new CountDownLatch(1);
    private final AtomicBoolean sawInterrupt = new AtomicBoolean();
    private final AtomicInteger started = new AtomicInteger();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final AtomicReference<Boolean> interruptedAtStart = new AtomicReference<>();
    private LiftKernel kernel;
    private LogCapture log;
    private LogCapture errors;

    @BeforeEach
    void capture() {
        log = LogCapture.on("lift.deadline");
        errors = LogCapture.on("lift.errors");
    }

    @AfterEach
    void shutDown() {
        release.countDown();
        if (kernel != null) {
            kernel.close();
        }
        log.close();
        errors.close();
    }

    /** Blocks until released; an interrupt ends it as an interruptible call would. */
    private HttpResponse blocking() throws InterruptedException {
        started.incrementAndGet();
        threads.add(Thread.currentThread().getName());
        try {
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            return HttpResponse.text("late");
        } catch (InterruptedException e) {
            sawInterrupt.set(true);
            throw e;
        } finally {
            handlerEnded.countDown();
        }
    }

    /** Ignores interrupts: spins until released, remembering whether it was interrupted. */
    private HttpResponse stubborn() {
        threads.add(Thread.currentThread().getName());
        try {
            while (release.getCount() > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    sawInterrupt.set(true);
                }
                Thread.onSpinWait();
            }
            // The flag stays set until the work returns, so it is seen here even if the loop never ran after it came.
            if (Thread.currentThread().isInterrupted()) {
                sawInterrupt.set(true);
            }
            return HttpResponse.text("finally");
        } finally {
            handlerEnded.countDown();
        }
    }

    private LiftKernel boot(Map<String, String> settings) {
        return kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new SqsAdapter())
                .plugin(new ProblemDetailsErrorStrategy())
                .plugin(new DeadlinePlugin())
                .plugin(new TestApp(r -> {
                    r.get("/slow", (req, ctx) -> blocking()).tags("slow");
                    r.get("/stubborn", (req, ctx) -> stubborn());
                    r.get("/fast", (req, ctx) -> {
                        threads.add(Thread.currentThread().getName());
                        interruptedAtStart.set(Thread.currentThread().isInterrupted());
                        return HttpResponse.text("fast");
                    });
                    r.onRecord(SqsMessage.any(), (m, ctx) -> {
                        if (m.body().contains("slow")) {
                            blocking();
                        }
                    });
                }))
                .settings(settings)
                .build();
    }

    private static byte[] get(String path) {
        ObjectNode e = Fixtures.event("apigw_http_event.json");
        e.put("rawPath", path).put("rawQueryString", "");
        e.remove("queryStringParameters");
        ((ObjectNode) e.get("requestContext").get("http")).put("method", "GET").put("path", path);
        e.remove("body");
        return Fixtures.bytes(e);
    }

    private JsonNode invoke(byte[] event, String requestId, long millisLeft) throws Exception {
        LambdaRequest request = new LambdaRequest(requestId, System.currentTimeMillis() + millisLeft,
                "arn:aws:lambda:eu-central-1:123456789012:function:shop", null, "shop", "$LATEST", 512);
        return Json.mapper().readTree(new String(kernel.invoke(event, request), StandardCharsets.UTF_8));
    }

    @Test
    void aRequestStillRunningAtTheMarginIsAnswered504AndItsHandlerInterrupted() throws Exception {
        boot(Map.of("lift.deadline.margin", "1s"));
        JsonNode response = invoke(get("/slow"), "req-slow", 2_000);

        assertEquals("{\"statusCode\":504,\"headers\":{\"content-type\":\"application/problem+json\"},"
                + "\"body\":\"{\\\"type\\\":\\\"about:blank\\\",\\\"title\\\":\\\"Gateway Timeout\\\",\\\"status\\\":504,"
                + "\\\"detail\\\":\\\"The request did not finish in the time the function had\\\",\\\"instance\\\":\\\"/slow\\\","
                + "\\\"code\\\":\\\"gateway_timeout\\\",\\\"requestId\\\":\\\"req-slow\\\"}\",\"isBase64Encoded\":false}",
                response.toString());
        assertTrue(handlerEnded.await(WAIT_SECONDS, TimeUnit.SECONDS), "the handler was never interrupted");
        assertTrue(sawInterrupt.get());
        assertFalse(Thread.currentThread().isInterrupted(), "the invoking thread is never interrupted");
        assertTrue(threads.get(0).startsWith("lift-deadline-"), threads.toString());
        List<String> warnings = log.records(Level.WARNING).stream().map(LogRecord::getMessage).toList();
        assertEquals(List.of("Request req-slow: GET /slow did not finish 1000 ms before the Lambda deadline; "
                + "the handler was interrupted"), warnings);

        // The same kernel answers the next request normally, on an uninterrupted thread.
        assertEquals("fast", invoke(get("/fast"), "req-fast", 30_000).get("body").asText());
        assertEquals(Boolean.FALSE, interruptedAtStart.get());
    }

    @Test
    void aHandlerThatIgnoresTheInterruptIsAnsweredAnywayAndItsWorkerIsCleanForTheNextRequest() throws Exception {
        boot(Map.of("lift.deadline.margin", "1s", "lift.deadline.threads", "1"));
        assertEquals(504, invoke(get("/stubborn"), "req-stubborn", 2_000).get("statusCode").asInt());
        release.countDown(); // the handler runs on until it returns of its own accord
        assertTrue(handlerEnded.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(sawInterrupt.get(), "the handler was interrupted");

        // One worker only: the next request runs on the very thread the interrupted handler used.
        assertEquals(200, invoke(get("/fast"), "req-after", 30_000).get("statusCode").asInt());
        assertEquals(threads.get(0), threads.get(1));
        assertEquals(Boolean.FALSE, interruptedAtStart.get(), "the interrupt did not outlive the handler it was for");
    }

    @Test
    void aRecordNotFinishedByTheMarginIsReportedFailedAndTheOthersAcknowledged() throws Exception {
        boot(Map.of("lift.deadline.enabled", "true", "lift.deadline.margin", "1s"));
        ObjectNode event = Fixtures.event("sqs_event.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode slow = records.get(0).deepCopy();
        slow.put("messageId", "slow-1").put("body", "{\"mode\":\"slow\"}");
        records.add(slow);

        JsonNode response = invoke(Fixtures.bytes(event), "req-batch", 2_000);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"slow-1\"}]}", response.toString());
        assertTrue(handlerEnded.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(sawInterrupt.get());
        assertFalse(Thread.currentThread().isInterrupted());
        assertTrue(errors.lines().stream().anyMatch(l -> l.contains("record slow-1 of adapter-sqs failed") && l.contains(
                "DeadlineExceededException: The handler of RECORD sqs any did not finish 1000 ms before the Lambda deadline")),
                errors.lines().toString());
    }

    @Test
    void workWithNoTimeLeftBeyondTheMarginIsNotStarted() throws Exception {
        boot(Map.of("lift.deadline.margin", "5s"));
        assertEquals(504, invoke(get("/slow"), "req-late", 1_000).get("statusCode").asInt());
        assertEquals(0, started.get());
        assertEquals(List.of("Request req-late: GET /slow had less than 5000 ms left; not started"),
                log.records(Level.WARNING).stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void withATagOnlyTaggedRoutesAreCutAndTheOthersRunOnTheInvokingThread() throws Exception {
        boot(Map.of("lift.deadline.tag", "slow", "lift.deadline.margin", "1s"));
        Map<String, List<String>> chains = new java.util.TreeMap<>();
        for (RouteDescriptor r : kernel.routes()) {
            chains.put(r.toString(), r.middleware());
        }
        assertEquals(List.of("deadline"), chains.get("GET /slow"));
        assertEquals(List.of(), chains.get("GET /fast"));
        assertEquals(List.of(), chains.get("RECORD sqs any"));
        assertEquals(200, invoke(get("/fast"), "req-fast", 30_000).get("statusCode").asInt());
        assertEquals(Thread.currentThread().getName(), threads.get(0));
    }

    @Test
    void declinesUnlessEnabledAndBadSettingsFailBootNamingThemAndWhatIsAllowed() throws Exception {
        boot(Map.of());
        assertFalse(kernel.plugins().stream().filter(p -> p.id().equals("deadline")).findFirst().orElseThrow().active());
        assertEquals(200, invoke(get("/fast"), "req-1", 30_000).get("statusCode").asInt());
        assertEquals(Thread.currentThread().getName(), threads.get(0));
        kernel.close();
        kernel = null;

        String[][] cases = {
            {"margin", "PT16M", "LIFT_DEADLINE_MARGIN", "a duration from 1ms to 15m, such as 300ms, 2s or PT0.5S"},
            {"margin", "0ms", "LIFT_DEADLINE_MARGIN", "a duration from 1ms to 15m, such as 300ms, 2s or PT0.5S"},
            {"margin", "soon", "LIFT_DEADLINE_MARGIN", "a duration such as 300ms, 2s, 1m or PT0.3S"},
            {"enabled", "maybe", "LIFT_DEADLINE_ENABLED", "true or false"},
            {"threads", "0", "LIFT_DEADLINE_THREADS", "a whole number from 1 to 4096"},
        };
        for (String[] c : cases) {
            Map<String, String> settings = new java.util.HashMap<>(Map.of("lift.deadline.tag", "slow"));
            settings.put("lift.deadline." + c[0], c[1]);
            String message = assertThrows(LiftBootException.class, () -> boot(settings)).getMessage();
            assertTrue(message.contains("failed during init: Invalid setting lift.deadline." + c[0] + " (env " + c[2] + "): '"
                    + c[1] + "' is not allowed; expected " + c[3]), message);
        }
    }
}

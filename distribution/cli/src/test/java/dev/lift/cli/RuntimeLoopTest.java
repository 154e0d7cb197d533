package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.spi.Json;
import dev.lift.spi.LiftApplication;
import dev.lift.spi.Routes;
import dev.lift.test.Events;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code lift runtime}'s loop against a Runtime API on 127.0.0.1. */
class RuntimeLoopTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private FakeRuntimeApi api;
    private RuntimeLoop loop;
    private CompletableFuture<Integer> running;

    @BeforeEach
    void startApi() throws Exception {
        api = new FakeRuntimeApi();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (loop != null) {
            loop.stop();
            assertEquals(0, running.get(10, TimeUnit.SECONDS), log.toString(StandardCharsets.UTF_8));
            loop.kernel().shutdown();
        }
        api.close();
    }

    private void start(int concurrency, Supplier<LiftKernel> boot) {
        RuntimeLoop.Config config = RuntimeLoop.Config.fromEnvironment(Map.of("AWS_LAMBDA_RUNTIME_API", api.address(),
                "AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(concurrency), "AWS_LAMBDA_FUNCTION_NAME", "lift-example"));
        loop = new RuntimeLoop(config, boot, new PrintStream(log, true, StandardCharsets.UTF_8));
        running = new CompletableFuture<>();
        RuntimeLoop started = loop;
        Thread t = new Thread(() -> running.complete(started.run()), "runtime-loop-under-test");
        t.setDaemon(true);
        t.start();
    }

    private static LiftKernel boot() {
        return Lift.builder().environment(Map.of()).build();
    }

    private static FakeRuntimeApi.Invocation invocation(String id, byte[] event) {
        return new FakeRuntimeApi.Invocation(id, System.currentTimeMillis() + 60_000, null, event);
    }

    @Test
    void postsTheResponseOfEachInvocation() throws Exception {
        start(1, RuntimeLoopTest::boot);
        api.enqueue(invocation("req-1", Events.http("GET", "/hello/runtime").toBytes()),
                invocation("req-2", Events.sqs("todos").message("m-1", "{\"title\":\"queued\"}").toBytes()));
        assertTrue(api.awaitAnswers(), "no answer in time; log: " + log);
        JsonNode http = Json.mapper().readTree(api.responses.get("req-1").body());
        assertEquals(200, http.path("statusCode").asInt());
        assertEquals("{\"message\":\"Hello, runtime!\"}", http.path("body").asText());
        assertEquals("{\"batchItemFailures\":[]}", api.responses.get("req-2").body());
        assertEquals(Map.of(), api.errors);
    }

    @Test
    void postsAnInvocationErrorWhenTheInvocationFails() throws Exception {
        start(1, RuntimeLoopTest::boot);
        api.enqueue(invocation("req-bad", "{\"nothing\":\"knows me\"}".getBytes(StandardCharsets.UTF_8)),
                invocation("req-good", Events.http("GET", "/hello/again").toBytes()));
        assertTrue(api.awaitAnswers(), "no answer in time; log: " + log);
        FakeRuntimeApi.Posted error = api.errors.get("req-bad");
        assertEquals("Unhandled", error.errorType());
        JsonNode body = Json.mapper().readTree(error.body());
        assertEquals(List.of("errorMessage", "errorType", "stackTrace"), fieldNames(body));
        assertTrue(body.path("errorMessage").asText().startsWith("No installed adapter recognises this event "
                + "(top-level keys [nothing])"), body.toString());
        assertEquals("dev.lift.kernel.internal.InvocationException", body.path("errorType").asText());
        assertEquals("[]", body.path("stackTrace").toString());
        // The loop goes on after a failed invocation.
        assertEquals(200, Json.mapper().readTree(api.responses.get("req-good").body()).path("statusCode").asInt());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void reportsABootFailureToInitError() throws Exception {
        LiftApplication broken = new LiftApplication() {
            @Override
            public String id() {
                return "broken-app";
            }

            @Override
            public void configure(Routes routes) {
                throw new IllegalStateException("the database URL is missing");
            }
        };
        RuntimeLoop.Config config = new RuntimeLoop.Config(api.address(), 1, "f", "$LATEST", 128);
        RuntimeLoop failing = new RuntimeLoop(config, () -> Lift.builder().discover(false).plugin(broken).build(),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(1, failing.run());
        assertTrue(api.initError.await(5, TimeUnit.SECONDS));
        assertEquals("Unhandled", api.initErrorPosted.errorType());
        JsonNode body = Json.mapper().readTree(api.initErrorPosted.body());
        assertEquals("dev.lift.kernel.LiftBootException", body.path("errorType").asText());
        assertTrue(body.path("errorMessage").asText().contains("the database URL is missing"), body.toString());
        assertEquals("[]", body.path("stackTrace").toString());
    }

    @Test
    void theDeadlineAndTraceHeadersReachTheInvocationContext() throws Exception {
        start(1, RuntimeLoopTest::boot);
        long deadline = System.currentTimeMillis() + 60_000;
        String trace = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
        api.enqueue(new FakeRuntimeApi.Invocation("req-deadline", deadline, trace, Events.http("GET", "/deadline").toBytes()));
        assertTrue(api.awaitAnswers(), "no answer in time; log: " + log);
        JsonNode body = Json.mapper().readTree(Json.mapper().readTree(api.responses.get("req-deadline").body())
                .path("body").asText());
        long remaining = body.path("remainingMs").asLong();
        assertTrue(remaining > 0 && remaining <= 60_000, "remaining " + remaining);
        assertEquals("req-deadline", body.path("requestId").asText());
        assertEquals(trace, body.path("traceId").asText());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:lift-example", body.path("functionArn").asText());
        assertEquals(trace, System.getProperty(RuntimeLoop.TRACE_PROPERTY));
    }

    @Test
    void runsMaxConcurrencyInvocationsAtOnce() throws Exception {
        // Each invocation waits for the other three; with fewer loops than four they would time out with 500s.
        CliTestApp.BARRIER = new CyclicBarrier(4);
        start(4, RuntimeLoopTest::boot);
        List<FakeRuntimeApi.Invocation> four = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            four.add(invocation("req-" + i, Events.http("GET", "/together").toBytes()));
        }
        api.enqueue(four.toArray(FakeRuntimeApi.Invocation[]::new));
        assertTrue(api.awaitAnswers(), "no answer in time; log: " + log);
        for (int i = 1; i <= 4; i++) {
            JsonNode r = Json.mapper().readTree(api.responses.get("req-" + i).body());
            assertEquals(200, r.path("statusCode").asInt(), r.toString());
            assertEquals("together", r.path("body").asText());
        }
    }

    @Test
    void rejectsAConcurrencyThatIsNotAPositiveNumber() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RuntimeLoop.Config.fromEnvironment(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001",
                        "AWS_LAMBDA_MAX_CONCURRENCY", "0")));
        assertEquals("AWS_LAMBDA_MAX_CONCURRENCY must be a whole number of at least 1, was '0'", e.getMessage());
    }
}

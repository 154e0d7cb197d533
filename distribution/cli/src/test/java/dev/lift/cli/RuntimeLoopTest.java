package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.api.Json;
import dev.lift.api.LiftApplication;
import dev.lift.api.LiftException;
import dev.lift.api.Routes;
import dev.lift.events.ScheduledEvent;
import dev.lift.events.SqsMessage;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
        return Lift.builder().environment(Cli.BOTH_APPS).build();
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
        assertEquals("Lift.InvocationError", error.errorType());
        JsonNode body = Json.mapper().readTree(error.body());
        assertEquals(List.of("errorMessage", "errorType", "stackTrace"), fieldNames(body));
        // Lift's own message, which says what to do about it.
        // Lift's own message, and nothing of the event: not its keys, not its values.
        assertTrue(body.path("errorMessage").asText().startsWith("No installed adapter recognises this event "
                + "(a JSON object with 1 top-level field(s)); "), body.toString());
        assertFalse(body.toString().contains("knows me") || body.toString().contains("nothing"), body.toString());
        assertEquals("Lift.InvocationError", body.path("errorType").asText());
        assertEquals("[]", body.path("stackTrace").toString());
        // The loop goes on after a failed invocation.
        assertEquals(200, Json.mapper().readTree(api.responses.get("req-good").body()).path("statusCode").asInt());
    }

    /** Schedule handlers that fail the way application code does. */
    private static final LiftApplication FAILING_JOBS = new LiftApplication() {
        @Override
        public String id() {
            return "failing-jobs";
        }

        @Override
        public void configure(Routes routes) {
            routes.onEvent(ScheduledEvent.rule("nightly-report"), (event, ctx) -> {
                throw new IllegalStateException("JDBC url jdbc:postgresql://db.internal/reports password=hunter2 refused");
            });
            // A checked exception: the kernel wraps it, quoting its message.
            routes.onEvent(ScheduledEvent.rule("hourly-sync"), (event, ctx) -> {
                throw new java.io.IOException("token sk_live_51abc rejected by partner API");
            });
            routes.onEvent(ScheduledEvent.rule("billing-run"), (event, ctx) -> {
                throw LiftException.unavailable("The billing service is down", java.time.Duration.ofSeconds(30));
            });
            routes.onRecord(SqsMessage.queue("payments"), (message, ctx) -> {
                throw new IllegalStateException("card 4111111111111111 declined");
            });
        }
    };

    @Test
    void aHandlerThatThrowsIsPostedAsAHandlerErrorWithoutTheExceptionsText() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("lift.runtime").addHandler(capture);
        try {
            handlerErrorsArePostedWithoutTheExceptionsText(records);
        } finally {
            Logger.getLogger("lift.runtime").removeHandler(capture);
        }
    }

    private void handlerErrorsArePostedWithoutTheExceptionsText(List<LogRecord> records) throws Exception {
        // fail-batch: a failed record fails the whole invocation, with Lift's own message.
        start(1, () -> Lift.builder().environment(Cli.BOTH_APPS).setting("lift.batch.failure-mode", "fail-batch")
                .plugin(FAILING_JOBS).build());
        api.enqueue(invocation("req-nightly", Events.scheduled("nightly-report").toBytes()),
                invocation("req-hourly", Events.scheduled("hourly-sync").toBytes()),
                invocation("req-billing", Events.scheduled("billing-run").toBytes()),
                invocation("req-payments", Events.sqs("payments").message("m-1", "{}").toBytes()));
        assertTrue(api.awaitAnswers(), "no answer in time; log: " + log);
        assertEquals(Map.of(), api.responses);

        FakeRuntimeApi.Posted nightly = api.errors.get("req-nightly");
        assertEquals("Lift.HandlerError", nightly.errorType());
        assertEquals(Json.mapper().readTree("{\"errorMessage\":\"A handler failed on request req-nightly; the function's "
                + "log has the exception\",\"errorType\":\"Lift.HandlerError\",\"stackTrace\":[]}"),
                Json.mapper().readTree(nightly.body()));

        FakeRuntimeApi.Posted hourly = api.errors.get("req-hourly");
        assertEquals("Lift.HandlerError", hourly.errorType());
        assertEquals("A handler failed on request req-hourly; the function's log has the exception",
                Json.mapper().readTree(hourly.body()).path("errorMessage").asText());

        for (FakeRuntimeApi.Posted posted : List.of(nightly, hourly)) {
            for (String leak : List.of("hunter2", "jdbc", "sk_live", "IllegalStateException", "IOException", "\tat ", "at dev.")) {
                assertFalse(posted.body().contains(leak), "the posted error leaks '" + leak + "': " + posted.body());
            }
        }
        // A LiftException's detail is written for clients, so it is kept.
        FakeRuntimeApi.Posted billing = api.errors.get("req-billing");
        assertEquals("Lift.HandlerError", billing.errorType());
        assertEquals("The billing service is down", Json.mapper().readTree(billing.body()).path("errorMessage").asText());
        // Lift failed the batch: its own message names the record, and nothing of the handler's exception.
        FakeRuntimeApi.Posted payments = api.errors.get("req-payments");
        assertEquals("Lift.InvocationError", payments.errorType());
        String paymentsMessage = Json.mapper().readTree(payments.body()).path("errorMessage").asText();
        assertTrue(paymentsMessage.endsWith("failed (m-1); failing the whole batch so that it is retried"), paymentsMessage);
        assertFalse(payments.body().contains("4111"), payments.body());

        // The log has the whole exception, with the request id that finds it.
        LogRecord nightlyLog = records.stream().filter(r -> r.getMessage().equals("Request req-nightly failed"))
                .findFirst().orElseThrow(() -> new AssertionError("not logged: " + records));
        assertEquals(Level.SEVERE, nightlyLog.getLevel());
        assertEquals("JDBC url jdbc:postgresql://db.internal/reports password=hunter2 refused",
                nightlyLog.getThrown().getMessage());
        assertTrue(nightlyLog.getThrown().getStackTrace()[0].getClassName().startsWith("dev.lift.cli.RuntimeLoopTest$"),
                nightlyLog.getThrown().getStackTrace()[0].toString());
        LogRecord hourlyLog = records.stream().filter(r -> r.getMessage().equals("Request req-hourly failed"))
                .findFirst().orElseThrow(() -> new AssertionError("not logged: " + records));
        StringBuilder chain = new StringBuilder();
        for (Throwable t = hourlyLog.getThrown(); t != null; t = t.getCause()) {
            chain.append(t).append('\n');
        }
        assertTrue(chain.toString().contains("token sk_live_51abc rejected by partner API"), chain.toString());
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
        assertEquals("Lift.InitError", api.initErrorPosted.errorType());
        JsonNode body = Json.mapper().readTree(api.initErrorPosted.body());
        assertEquals("Lift.InitError", body.path("errorType").asText());
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

    /** Handlers that interrupt their own thread or throw errors, as application code may. */
    private static final LiftApplication UNRULY = new LiftApplication() {
        @Override
        public String id() {
            return "unruly";
        }

        @Override
        public void configure(Routes routes) {
            routes.get("/interrupt-myself", (req, ctx) -> {
                Thread.currentThread().interrupt();
                return "interrupted";
            });
            routes.onRecord(SqsMessage.queue("interrupted-work"), (message, ctx) -> {
                if (message.body().contains("give-up")) {
                    throw new InterruptedException("interrupted while waiting for the partner API");
                }
                Thread.sleep(1);
            });
            routes.onEvent(ScheduledEvent.rule("recursion"), (event, ctx) -> {
                throw new StackOverflowError();
            });
            routes.onEvent(ScheduledEvent.rule("out-of-memory"), (event, ctx) -> {
                throw new OutOfMemoryError("simulated");
            });
        }
    };

    private static LiftKernel unruly() {
        return Lift.builder().environment(Cli.BOTH_APPS).plugin(UNRULY).build();
    }

    @Test
    void aHandlersInterruptNeitherStopsTheLoopNorLosesAnAnswer() throws Exception {
        start(1, RuntimeLoopTest::unruly);
        api.enqueue(invocation("req-http", Events.http("GET", "/interrupt-myself").toBytes()),
                invocation("req-records", Events.sqs("interrupted-work").message("m-1", "{\"do\":\"give-up\"}")
                        .message("m-2", "{\"do\":\"wait\"}").toBytes()),
                invocation("req-after", Events.http("GET", "/hello/after").toBytes()));
        assertTrue(api.awaitAnswers(), "no answer in time; log: " + log);
        assertEquals(Map.of(), api.errors);
        assertEquals("interrupted", Json.mapper().readTree(api.responses.get("req-http").body()).path("body").asText());
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"}]}", api.responses.get("req-records").body());
        assertEquals(200, Json.mapper().readTree(api.responses.get("req-after").body()).path("statusCode").asInt());
        assertFalse(running.isDone(), "the loop ended: " + log);
    }

    @Test
    void aStackOverflowIsPostedAsAnInvocationErrorAndTheLoopGoesOn() throws Exception {
        start(1, RuntimeLoopTest::unruly);
        api.enqueue(invocation("req-deep", Events.scheduled("recursion").toBytes()),
                invocation("req-after", Events.http("GET", "/hello/after").toBytes()));
        assertTrue(api.awaitAnswers(), "no answer in time; log: " + log);
        FakeRuntimeApi.Posted deep = api.errors.get("req-deep");
        assertEquals("Lift.HandlerError", deep.errorType());
        assertFalse(deep.body().contains("StackOverflow"), deep.body());
        assertEquals(200, Json.mapper().readTree(api.responses.get("req-after").body()).path("statusCode").asInt());
        assertFalse(running.isDone(), "the loop ended: " + log);
    }

    @Test
    void outOfMemoryIsPostedAndEndsTheRuntimeWithAFailure() throws Exception {
        start(1, RuntimeLoopTest::unruly);
        api.enqueue(invocation("req-oom", Events.scheduled("out-of-memory").toBytes()));
        assertTrue(api.awaitAnswers(), "no answer in time; log: " + log);
        assertEquals("Lift.HandlerError", api.errors.get("req-oom").errorType());
        // The JVM is not fit to go on: the runtime ends with status 1 and Lambda starts a new one.
        assertEquals(1, running.get(10, TimeUnit.SECONDS), log.toString(StandardCharsets.UTF_8));
        loop.kernel().shutdown();
        loop = null;
    }

    @Test
    void rejectsAConcurrencyThatIsNotAPositiveNumber() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RuntimeLoop.Config.fromEnvironment(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001",
                        "AWS_LAMBDA_MAX_CONCURRENCY", "0")));
        assertEquals("AWS_LAMBDA_MAX_CONCURRENCY must be a whole number of at least 1, was '0'", e.getMessage());
    }
}

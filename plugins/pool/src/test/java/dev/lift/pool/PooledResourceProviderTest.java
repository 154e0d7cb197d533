package dev.lift.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftPlugin;
import dev.lift.api.TypeRef;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.spi.HealthResult;
import dev.lift.spi.MetricsSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example provider in a real kernel: pre-warmed to min-idle at boot, found by generic type and by
 * name from a handler, checked by the health report, its gauges recorded per invocation, emptied before
 * a snapshot and refilled after, closed at shutdown, and a bad setting failing boot.
 */
class PooledResourceProviderTest {

    /** A metrics plugin as a user would write one. */
    static final class RecordingMetrics implements LiftPlugin, MetricsSink {
        final List<String> recorded = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "test-metrics";
        }

        @Override
        public void record(InvocationContext invocation, String name, double value, String unit, Map<String, String> dims) {
            if (name.startsWith("lift.pool.")) {
                recorded.add((invocation == null ? "outside an invocation: " : "in an invocation: ") + name + new TreeMap<>(dims)
                        + "=" + (long) value);
            }
        }
    }

    private EchoServer server;
    private LogCapture log;
    private RecordingMetrics metrics;
    private EchoPoolProvider provider;

    @BeforeEach
    void start() throws Exception {
        server = new EchoServer();
        log = LogCapture.on("lift.echo-pool");
        metrics = new RecordingMetrics();
        provider = new EchoPoolProvider();
    }

    @AfterEach
    void stop() throws Exception {
        log.close();
        server.close();
    }

    private LiftKernel boot(Map<String, String> settings) {
        TestApp app = new TestApp(routes -> {
            routes.get("/by-type/{word}", (req, ctx) -> {
                Pool<EchoConnection> pool = ctx.resources().require(new TypeRef<Pool<EchoConnection>>() { });
                try (Pool.Lease<EchoConnection> lease = pool.acquire()) {
                    return HttpResponse.text(lease.get().call(req.pathParam("word").orElseThrow()));
                }
            });
            routes.get("/by-name/{word}", (req, ctx) -> {
                Pool<?> pool = ctx.resources().require(Pool.class, "echo-pool");
                try (Pool.Lease<?> lease = pool.acquire()) {
                    return HttpResponse.text(((EchoConnection) lease.get()).call(req.pathParam("word").orElseThrow()));
                }
            });
        });
        return Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter())
                .plugin(provider)
                .plugin(metrics)
                .plugin(app)
                .setting("lift.echo-pool.port", String.valueOf(server.port()))
                .settings(settings)
                .build();
    }

    private static String get(LiftKernel kernel, String path) {
        String event = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"\","
                + "\"headers\":{},\"requestContext\":{\"requestId\":\"req" + path.replace('/', '-') + "\",\"stage\":\"$default\","
                + "\"http\":{\"method\":\"GET\",\"path\":\"" + path + "\"}},\"isBase64Encoded\":false}";
        return new String(kernel.invoke(event.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static String text(String body) {
        return "{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain; charset=utf-8\"},\"body\":\"" + body
                + "\",\"isBase64Encoded\":false}";
    }

    @Test
    void bootPreWarmsToMinIdleAndHandlersBorrowThoseConnectionsByTypeAndByName() throws Exception {
        try (LiftKernel kernel = boot(Map.of("lift.echo-pool.min-idle", "2", "lift.echo-pool.max-size", "3"))) {
            assertEquals(2, provider.opened.get(), "two connections opened during init");
            List<String> info = log.records(Level.INFO).stream().map(LogRecord::getMessage).toList();
            assertEquals(1, info.size(), info.toString());
            assertTrue(info.get(0).matches("Pool 'echo-pool' pre-warmed 2 connection\\(s\\) to min-idle 2 in \\d+ ms"),
                    info.get(0));

            assertEquals(text("echo:hello"), get(kernel, "/by-type/hello"));
            assertEquals(text("echo:bye"), get(kernel, "/by-name/bye"));
            assertEquals(2, provider.opened.get(), "the pre-warmed connections were reused");
            server.awaitAccepted(2);
            assertEquals(2, server.accepted.get());

            assertEquals(new HealthResult(HealthResult.Status.UP, Map.of("size", 2, "idle", 2, "in-use", 0, "waiting", 0,
                    "max-size", 3, "timeouts", 0L)), kernel.health().get("resource:echo-pool"));
            assertEquals(List.of(
                    "in an invocation: lift.pool.size{pool=echo-pool}=2",
                    "in an invocation: lift.pool.idle{pool=echo-pool}=2",
                    "in an invocation: lift.pool.in_use{pool=echo-pool}=0",
                    "in an invocation: lift.pool.waiting{pool=echo-pool}=0",
                    "in an invocation: lift.pool.size{pool=echo-pool}=2",
                    "in an invocation: lift.pool.idle{pool=echo-pool}=2",
                    "in an invocation: lift.pool.in_use{pool=echo-pool}=0",
                    "in an invocation: lift.pool.waiting{pool=echo-pool}=0"), metrics.recorded);
        }
        server.awaitClosed(2);
        assertEquals(2, server.closedByClient.get(), "shutdown closed both connections");
    }

    @Test
    void aSnapshotClosesTheIdleConnectionsAndARestoreOpensFreshOnes() throws Exception {
        try (LiftKernel kernel = boot(Map.of("lift.echo-pool.min-idle", "2"))) {
            assertEquals(2, provider.opened.get());
            kernel.snapshots().beforeCheckpoint();
            server.awaitClosed(2);
            assertEquals(2, server.closedByClient.get(), "no connection goes into the snapshot");
            kernel.snapshots().afterRestore();
            assertEquals(4, provider.opened.get(), "refilled to min-idle with new connections");
            assertEquals(text("echo:again"), get(kernel, "/by-type/again"));
            assertEquals(4, provider.opened.get());
            server.awaitAccepted(4);
            assertEquals(4, server.accepted.get());
        }
    }

    @Test
    void withoutMinIdleNothingIsOpenedAtBootAndTheFirstRequestConnects() {
        try (LiftKernel kernel = boot(Map.of())) {
            assertEquals(0, provider.opened.get());
            assertEquals(List.of(), log.records(Level.INFO));
            assertEquals(text("echo:first"), get(kernel, "/by-type/first"));
            assertEquals(1, provider.opened.get());
        }
    }

    @Test
    void badPoolSettingsFailBootNamingTheSettingAndWhatIsAllowed() {
        LiftBootException tooMany = assertThrows(LiftBootException.class,
                () -> boot(Map.of("lift.echo-pool.min-idle", "5", "lift.echo-pool.max-size", "3")));
        assertTrue(tooMany.getMessage().contains("Invalid setting lift.echo-pool.min-idle (env LIFT_ECHO_POOL_MIN_IDLE): "
                + "'5' is not allowed; expected a whole number from 0 to max-size (3)"), tooMany.getMessage());
        LiftBootException negative = assertThrows(LiftBootException.class,
                () -> boot(Map.of("lift.echo-pool.acquire-timeout", "-5s")));
        assertTrue(negative.getMessage().contains("Invalid setting lift.echo-pool.acquire-timeout (env "
                + "LIFT_ECHO_POOL_ACQUIRE_TIMEOUT): '-5s' is not allowed; expected a duration of zero or more such as 0, "
                + "250ms, 2s or 1m"), negative.getMessage());
        LiftBootException percent = assertThrows(LiftBootException.class,
                () -> boot(Map.of("lift.echo-pool.degraded-above", "150")));
        assertTrue(percent.getMessage().contains("Invalid setting lift.echo-pool.degraded-above (env "
                + "LIFT_ECHO_POOL_DEGRADED_ABOVE): '150' is not allowed; expected a whole number from 0 to 100"),
                percent.getMessage());
        assertEquals(0, provider.opened.get());
    }
}

package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.EventSelector;
import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import dev.lift.kernel.testing.Responses;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestHttpAdapter;
import dev.lift.kernel.testing.TestRecordAdapter;
import dev.lift.kernel.testing.TestRecordAdapter.TestRecord;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example application lift.jar carries (id {@code example-app}) has catch-all handlers; it must
 * never run beside another application, whichever way either of them arrives: given to the builder
 * or discovered on the class path (a jar beside lift.jar, a layer, a plugins directory's loader).
 * {@code StandInExampleApp} has the real one's id and one catch-all record handler.
 */
class ExampleAppStepsAsideTest {

    /** Records every record it takes, like the real example's "any SQS queue" worker. */
    public static final class StandInExampleApp implements LiftApplication {
        static final Queue<String> TAKEN = new ConcurrentLinkedQueue<>();

        @Override
        public String id() {
            return "example-app";
        }

        @Override
        public void configure(Routes routes) {
            routes.get("/hello/{name}", (req, ctx) -> Map.of("message", "Hello"));
            routes.onRecord(EventSelector.any(TestRecord.class), (r, ctx) -> TAKEN.add(r.queue() + "/" + r.id()));
        }
    }

    /** A user's application that selects the queue "orders" only. */
    public static final class OrdersApp implements LiftApplication {
        static final Queue<String> TAKEN = new ConcurrentLinkedQueue<>();

        @Override
        public String id() {
            return "acme-orders";
        }

        @Override
        public void configure(Routes routes) {
            routes.onRecord(EventSelector.of(TestRecord.class, "queue=orders", 10, r -> r.queue().equals("orders")),
                    (r, ctx) -> TAKEN.add(r.queue() + "/" + r.id()));
        }
    }

    @TempDir
    Path dir;

    private static Lift.Builder builder() {
        return Lift.builder().discover(false).environment(Map.of())
                .plugin(new TestHttpAdapter()).plugin(new TestRecordAdapter());
    }

    private static PluginInfo plugin(LiftKernel kernel, String id) {
        return kernel.plugins().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    /** A class loader that discovers the given application classes, as a jar's services file would. */
    private URLClassLoader discovering(Class<?>... apps) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        StringBuilder lines = new StringBuilder();
        for (Class<?> app : apps) {
            lines.append(app.getName()).append('\n');
        }
        Files.writeString(services.resolve(LiftApplication.class.getName()), lines);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void alone_theExampleAppRunsAndItsCatchAllTakesAnyQueue() {
        StandInExampleApp.TAKEN.clear();
        try (LiftKernel kernel = builder().plugin(new StandInExampleApp()).build()) {
            assertTrue(plugin(kernel, "example-app").active());
            assertEquals(200, Responses.parse(kernel.invoke(TestHttpAdapter.request("GET", "/hello/you", null)))
                    .path("status").asInt());
            kernel.invoke(TestRecordAdapter.batch("payments", false, true, "x"));
            assertEquals(List.of("payments/1"), List.copyOf(StandInExampleApp.TAKEN));
        }
    }

    @Test
    void besideAnApplicationGivenToTheBuilder_itStepsAsideAndTakesNothing() {
        StandInExampleApp.TAKEN.clear();
        OrdersApp.TAKEN.clear();
        try (LiftKernel kernel = builder().plugin(new StandInExampleApp()).plugin(new OrdersApp()).build()) {
            PluginInfo example = plugin(kernel, "example-app");
            assertEquals(false, example.active());
            assertEquals(Map.of("enabled", "(default)"), example.settings());
            assertTrue(plugin(kernel, "acme-orders").active());
            assertTrue(kernel.routes().stream().noneMatch(r -> "example-app".equals(r.owner())), kernel.routes().toString());

            kernel.invoke(TestRecordAdapter.batch("orders", false, true, "o"));
            // A queue the user's app does not select is not the example's to take: no handler takes the
            // record, which a source with partial batch responses gets back as failed, to retry.
            assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"1\"}]}", new String(
                    kernel.invoke(TestRecordAdapter.batch("payments", false, true, "p")), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(404, Responses.parse(kernel.invoke(TestHttpAdapter.request("GET", "/hello/you", null)))
                    .path("status").asInt());
            assertEquals(List.of("orders/1"), List.copyOf(OrdersApp.TAKEN));
            assertEquals(List.of(), List.copyOf(StandInExampleApp.TAKEN));
        }
    }

    @Test
    void bothDiscoveredOnTheClassPath_itStepsAside() throws Exception {
        try (URLClassLoader loader = discovering(StandInExampleApp.class, OrdersApp.class);
             LiftKernel kernel = Lift.builder().classLoader(loader).environment(Map.of())
                     .plugin(new TestRecordAdapter()).build()) {
            assertEquals(false, plugin(kernel, "example-app").active());
            assertTrue(plugin(kernel, "acme-orders").active());
        }
    }

    @Test
    void exampleDiscoveredAndTheUsersAppGiven_orTheOtherWayRound_itStepsAside() throws Exception {
        try (URLClassLoader loader = discovering(StandInExampleApp.class);
             LiftKernel kernel = Lift.builder().classLoader(loader).environment(Map.of()).plugin(new OrdersApp()).build()) {
            assertEquals(false, plugin(kernel, "example-app").active());
        }
        try (URLClassLoader loader = discovering(OrdersApp.class);
             LiftKernel kernel = Lift.builder().classLoader(loader).environment(Map.of())
                     .plugin(new StandInExampleApp()).build()) {
            assertEquals(false, plugin(kernel, "example-app").active());
            assertTrue(plugin(kernel, "acme-orders").active());
        }
    }

    @Test
    void onlyAnExplicitTrueKeepsBoth() {
        try (LiftKernel kernel = builder().environment(Map.of("LIFT_EXAMPLE_APP_ENABLED", "true"))
                .plugin(new StandInExampleApp()).plugin(new OrdersApp()).build()) {
            assertTrue(plugin(kernel, "example-app").active());
            assertTrue(plugin(kernel, "acme-orders").active());
        }
    }

    @Test
    void aBadValueFailsBootNamingTheSetting() {
        LiftBootException e = assertThrows(LiftBootException.class, () -> builder()
                .environment(Map.of("LIFT_EXAMPLE_APP_ENABLED", "maybe"))
                .plugin(new StandInExampleApp()).plugin(new OrdersApp()).build());
        assertTrue(e.getMessage().contains("lift.example-app.enabled (env LIFT_EXAMPLE_APP_ENABLED)"), e.getMessage());
    }

    @Test
    void anApplicationWithAnotherIdIsNeverAsked_toStepAside() {
        try (LiftKernel kernel = builder().plugin(new OrdersApp())
                .plugin(new TestApp("acme-more", r -> r.get("/more", (req, ctx) -> "more"))).build()) {
            assertTrue(plugin(kernel, "acme-orders").active());
            assertTrue(plugin(kernel, "acme-more").active());
        }
    }
}

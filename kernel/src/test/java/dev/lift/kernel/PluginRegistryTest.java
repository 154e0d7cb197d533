package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.kernel.testing.TestApp;
import dev.lift.spi.HealthCheck;
import dev.lift.spi.HealthResult;
import dev.lift.api.LiftPlugin;
import dev.lift.api.PluginContext;
import dev.lift.api.SettingException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    /** A health check whose id and order a test chooses. */
    public static class Check implements HealthCheck {
        private final String id;
        private final int order;

        public Check() {
            this("discovered-check", 5);
        }

        Check(String id, int order) {
            this.id = id;
            this.order = order;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public HealthResult check() {
            return HealthResult.up();
        }
    }

    /** Another class with the same id as the discovered check. */
    public static class SameIdCheck extends Check {
        public SameIdCheck() {
            super("discovered-check", 1);
        }
    }

    @Test
    void pluginsAreOrderedByOrderThenId() {
        LiftKernel k = Lift.builder().discover(false)
                .plugin(new Check("zeta", 1)).plugin(new Check("beta", 2)).plugin(new Check("alpha", 2))
                .plugin(new Check("first", -5)).build();
        assertEquals(List.of("first", "zeta", "alpha", "beta"), k.plugins().stream().map(PluginInfo::id).toList());
    }

    @Test
    void discoveryUsesTheGivenClassLoaderAndReportsTheSource(@TempDir Path dir) throws IOException {
        ClassLoader loader = loaderWithServices(dir, Check.class.getName());
        LiftKernel k = Lift.builder().classLoader(loader).build();
        PluginInfo info = k.plugins().stream().filter(p -> p.id().equals("discovered-check")).findFirst().orElseThrow();
        assertEquals(List.of("health-check"), info.kinds());
        assertTrue(info.source().contains("test-classes"), info.source());
        assertEquals("UP", k.health().get("discovered-check").status().name());
    }

    @Test
    void duplicateIdsAreRejectedNamingBothClassesAndJars(@TempDir Path dir) throws IOException {
        ClassLoader loader = loaderWithServices(dir, Check.class.getName(), SameIdCheck.class.getName());
        LiftBootException e = assertThrows(LiftBootException.class, () -> Lift.builder().classLoader(loader).build());
        assertTrue(e.getMessage().contains("Duplicate plugin id 'discovered-check': " + Check.class.getName() + " from "),
                e.getMessage());
        assertTrue(e.getMessage().contains(" and " + SameIdCheck.class.getName() + " from "), e.getMessage());
        assertTrue(e.getMessage().contains("test-classes"), e.getMessage());
    }

    @Test
    void aPluginBuiltForAnotherSpiVersionIsRejected() {
        LiftPlugin future = new Check("from-the-future", 0) {
            @Override
            public int spiVersion() {
                return 99;
            }
        };
        LiftBootException e = assertThrows(LiftBootException.class,
                () -> Lift.builder().discover(false).plugin(future).build());
        assertTrue(e.getMessage().contains("Plugin 'from-the-future' (")
                && e.getMessage().contains("was built for SPI version 99 but this kernel supports SPI version 1"),
                e.getMessage());
    }

    @Test
    void aPluginThatThrowsInInitIsReportedByIdAndSource() {
        LiftPlugin broken = new Check("broken-one", 0) {
            @Override
            public boolean init(PluginContext context) {
                throw new IllegalStateException("cannot reach the config");
            }
        };
        LiftBootException e = assertThrows(LiftBootException.class,
                () -> Lift.builder().discover(false).plugin(broken).build());
        assertTrue(e.getMessage().startsWith("Plugin 'broken-one' (")
                && e.getMessage().endsWith("failed during init: cannot reach the config"), e.getMessage());
    }

    @Test
    void aPluginCanDeclineAndIsThenNeverCalled() {
        LiftPlugin declined = new TestApp("declined-app", r -> r.get("/x", (q, c) -> "x")) {
            @Override
            public boolean init(PluginContext context) {
                return false;
            }
        };
        LiftKernel k = Lift.builder().discover(false).plugin(declined).build();
        assertEquals(false, k.plugins().get(0).active());
        assertEquals(List.of(), k.routes());
    }

    @Test
    void aBadSettingFailsBootNamingTheSettingAndTheAllowedValues() {
        LiftBootException e = assertThrows(LiftBootException.class, () -> Lift.builder().discover(false)
                .setting("lift.batch.failure-mode", "sometimes").build());
        assertEquals("Lift could not boot: Invalid setting lift.batch.failure-mode (env LIFT_BATCH_FAILURE_MODE): "
                + "'sometimes' is not allowed; expected one of report, fail-batch", e.getMessage());
        assertTrue(e.getCause() instanceof SettingException);
    }

    @Test
    void settingsComeFromTheEnvironmentAndAreShownPerPlugin() {
        LiftPlugin reader = new Check("reader", 0) {
            @Override
            public boolean init(PluginContext context) {
                return context.settings().getInt("pool-size", 4, 1, 64) == 12;
            }
        };
        LiftKernel k = Lift.builder().discover(false).environment(java.util.Map.of("LIFT_READER_POOL_SIZE", "12"))
                .plugin(reader).build();
        assertEquals(true, k.plugins().get(0).active());
        assertEquals(java.util.Map.of("pool-size", "12"), k.plugins().get(0).settings());
    }

    @Test
    void conflictingRoutesOfTwoApplicationsFailBootNamingBoth() {
        LiftBootException e = assertThrows(LiftBootException.class, () -> Lift.builder().discover(false)
                .plugin(new TestApp("orders", r -> r.get("/items/{id}", (q, c) -> "a")))
                .plugin(new TestApp("billing", r -> r.get("/items/{itemId}", (q, c) -> "b"))).build());
        assertEquals("Lift could not boot:\n  - Ambiguous routes GET /items/{itemId} (billing:PluginRegistryTest (lambda)) "
                + "and GET /items/{id} (orders:PluginRegistryTest (lambda)) match the same paths", e.getMessage());
    }

    private static ClassLoader loaderWithServices(Path dir, String... classes) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(HealthCheck.class.getName()), String.join("\n", classes) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, PluginRegistryTest.class.getClassLoader());
    }
}

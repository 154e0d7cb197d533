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
import dev.lift.api.SpiVersion;
import dev.lift.kernel.internal.PluginRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
    void idsAreLowerCaseLettersDigitsDotsAndDashesNotStartingWithEither() {
        java.util.regex.Pattern reference = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]*");
        List<String> ids = List.of("a", "0", "db-pool", "lift.jwt", "a.b-c9", "-a", ".a", "", "A", "db_pool", "db pool",
                "caf\u00e9", "\u0661", "a-", "a..b", "z9-.", "\u212a", "dB");
        for (String id : ids) {
            assertEquals(reference.matcher(id).matches(), PluginRegistry.validId(id), id);
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        String alphabet = "az09.-_A\u00e9 ";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(reference.matcher(b).matches(), PluginRegistry.validId(b.toString()), b.toString());
        }
        assertEquals(false, PluginRegistry.validId(null));
        LiftBootException e = assertThrows(LiftBootException.class,
                () -> Lift.builder().discover(false).plugin(new Check("Bad_Id", 1)).build());
        assertTrue(e.getMessage().contains("has an invalid id 'Bad_Id': use lower-case letters, digits, '-' and '.'"),
                e.getMessage());
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

    /** The plugin as boot messages name it, for the range checks below. */
    private static final String SQS = "'adapter-sqs' (dev.lift.plugins.sqs.SqsAdapter from /opt/java/lib/lift-adapter-sqs.jar)";

    @Test
    void theSameSpiVersionAsTheKernelIsAccepted() {
        assertEquals(Optional.empty(), PluginRegistry.spiVersionProblem(SQS, 203, 200, 203));
    }

    @Test
    void anOlderMinorSpiVersionIsAccepted() {
        assertEquals(Optional.empty(), PluginRegistry.spiVersionProblem(SQS, 201, 200, 203));
        assertEquals(Optional.empty(), PluginRegistry.spiVersionProblem(SQS, 200, 200, 203));
    }

    @Test
    void aNewerMinorSpiVersionIsRejectedNamingPluginJarVersionAndRange() {
        assertEquals(Optional.of("Plugin 'adapter-sqs' (dev.lift.plugins.sqs.SqsAdapter from /opt/java/lib/lift-adapter-sqs.jar) "
                        + "was built for SPI version 2.4, newer than this kernel supports (SPI 2.0 to 2.3): "
                        + "use a release of the plugin built for SPI 2.0 to 2.3, or a Lift release that supports SPI 2.4"),
                PluginRegistry.spiVersionProblem(SQS, 204, 200, 203));
    }

    @Test
    void anotherMajorSpiVersionIsRejectedEitherWay() {
        assertEquals(Optional.of("Plugin 'adapter-sqs' (dev.lift.plugins.sqs.SqsAdapter from /opt/java/lib/lift-adapter-sqs.jar) "
                        + "was built for SPI version 3.0, newer than this kernel supports (SPI 2.0 to 2.3): "
                        + "use a release of the plugin built for SPI 2.0 to 2.3, or a Lift release that supports SPI 3.0"),
                PluginRegistry.spiVersionProblem(SQS, 300, 200, 203));
        assertEquals(Optional.of("Plugin 'adapter-sqs' (dev.lift.plugins.sqs.SqsAdapter from /opt/java/lib/lift-adapter-sqs.jar) "
                        + "was built for SPI version 1.9, older than this kernel supports (SPI 2.0 to 2.3): "
                        + "use a release of the plugin built for SPI 2.0 to 2.3"),
                PluginRegistry.spiVersionProblem(SQS, 109, 200, 203));
    }

    @Test
    void aMinorOlderThanTheOldestSupportedIsRejected() {
        assertEquals(Optional.of("Plugin 'adapter-sqs' (dev.lift.plugins.sqs.SqsAdapter from /opt/java/lib/lift-adapter-sqs.jar) "
                        + "was built for SPI version 2.1, older than this kernel supports (SPI 2.2 to 2.3): "
                        + "use a release of the plugin built for SPI 2.2 to 2.3"),
                PluginRegistry.spiVersionProblem(SQS, 201, 202, 203));
    }

    @Test
    void aPluginThatDoesNotSayIsAssumedCurrentAndANegativeVersionIsRejected() {
        assertEquals(SpiVersion.UNKNOWN, new Check("silent", 0).spiVersion());
        assertEquals(Optional.empty(), PluginRegistry.spiVersionProblem(SQS, SpiVersion.UNKNOWN, 200, 203));
        assertEquals(Optional.of("Plugin 'adapter-sqs' (dev.lift.plugins.sqs.SqsAdapter from /opt/java/lib/lift-adapter-sqs.jar) "
                        + "reports the invalid SPI version -1 (this kernel supports SPI 2.0): "
                        + "its spiVersion() should return SpiVersion.CURRENT"),
                PluginRegistry.spiVersionProblem(SQS, -1, 200, 200));
    }

    @Test
    void aRangeAcrossMajorVersionsIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> PluginRegistry.spiVersionProblem(SQS, 200, 109, 200));
        assertThrows(IllegalArgumentException.class, () -> PluginRegistry.spiVersionProblem(SQS, 200, 201, 200));
    }

    @Test
    void bootFailsForAPluginBuiltForANewerSpiAndRunsOneBuiltForThisOne() {
        int newer = SpiVersion.CURRENT + 1;
        LiftPlugin future = new Check("from-the-future", 0) {
            @Override
            public int spiVersion() {
                return newer;
            }
        };
        LiftBootException e = assertThrows(LiftBootException.class,
                () -> Lift.builder().discover(false).plugin(future).build());
        String range = SpiVersion.OLDEST_SUPPORTED == SpiVersion.CURRENT ? SpiVersion.describe(SpiVersion.CURRENT)
                : SpiVersion.describe(SpiVersion.OLDEST_SUPPORTED) + " to " + SpiVersion.describe(SpiVersion.CURRENT);
        assertEquals("Lift could not boot:\n  - Plugin 'from-the-future' (" + future.getClass().getName()
                + " from (registered programmatically)) was built for SPI version " + SpiVersion.describe(newer) + ", newer than this kernel supports (SPI "
                + range + "): use a release of the plugin built for SPI " + range
                + ", or a Lift release that supports SPI " + SpiVersion.describe(newer), e.getMessage());

        LiftPlugin current = new Check("built-now", 0) {
            @Override
            public int spiVersion() {
                return SpiVersion.CURRENT;
            }
        };
        assertEquals(List.of("built-now"),
                Lift.builder().discover(false).plugin(current).build().plugins().stream().map(PluginInfo::id).toList());
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

package dev.lift.plugins.crac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.EventSelector;
import dev.lift.api.Json;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.kernel.PluginInfo;
import dev.lift.plugins.crac.Recorded.Calls;
import dev.lift.plugins.crac.Recorded.Listener;
import dev.lift.plugins.crac.Recorded.Ping;
import dev.lift.plugins.crac.Recorded.PingAdapter;
import dev.lift.plugins.crac.Recorded.Pool;
import dev.lift.plugins.crac.Recorded.PoolProvider;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.crac.CheckpointException;
import org.crac.RestoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real kernel with the binding, two snapshot listeners and two resource providers, checkpointed
 * and restored the way a CRaC JDK or SnapStart does it: through {@code org.crac}, which this
 * module's tests point at the runtime in {@link dev.lift.plugins.crac.simulated}.
 */
class CracSnapshotBindingTest {

    private static final List<String> CHECKPOINT = List.of(
            "resource pool-b beforeCheckpoint", "resource pool-a beforeCheckpoint",
            "listener listener-b beforeCheckpoint", "listener listener-a beforeCheckpoint");
    private static final List<String> RESTORE = List.of(
            "listener listener-a afterRestore", "listener listener-b afterRestore",
            "resource pool-a afterRestore", "resource pool-b afterRestore");

    private final Calls calls = new Calls();
    // Given to the kernel out of order: the kernel orders plugins by order(), then id.
    private final Listener listenerB = new Listener("listener-b", 20, calls);
    private final Listener listenerA = new Listener("listener-a", 10, calls);
    private final PoolProvider poolB = new PoolProvider("pool-b", 2, calls);
    private final PoolProvider poolA = new PoolProvider("pool-a", 1, calls);
    private final List<LiftKernel> kernels = new ArrayList<>();
    private final LogCapture kernelLog = LogCapture.on("lift.kernel");
    private final LogCapture bindingLog = LogCapture.on("lift.snapshot-crac"); // keeps the build output quiet

    @BeforeEach
    void freshRuntime() {
        dev.lift.plugins.crac.simulated.Core.reset();
    }

    @AfterEach
    void shutDown() {
        kernels.forEach(LiftKernel::shutdown);
        bindingLog.close();
        kernelLog.close();
    }

    private LiftKernel boot(Map<String, String> settings) {
        LiftKernel kernel = Lift.builder().discover(false).environment(Map.of()).settings(settings)
                .plugin(new CracSnapshotBinding()).plugin(listenerB).plugin(poolB).plugin(listenerA).plugin(poolA)
                .plugin(new PingAdapter())
                .plugin(new TestApp(r -> r.onEvent(EventSelector.any(Ping.class), (ping, ctx) -> {
                    Pool pool = ctx.resources().require(Pool.class, "pool-a");
                    return Map.of("coldStart", ctx.coldStart(), "connections", pool.openConnections,
                            "environmentId", pool.environmentId);
                })))
                .build();
        kernels.add(kernel);
        return kernel;
    }

    private LiftKernel boot() {
        return boot(Map.of());
    }

    private static JsonNode ping(LiftKernel kernel) throws Exception {
        return Json.mapper().readTree(kernel.invoke("{\"ping\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("deprecation") // org.crac's Core.checkpointRestore: what a CRaC JDK runs on jcmd JDK.checkpoint
    private static void checkpointAndRestore() throws Exception {
        org.crac.Core.checkpointRestore();
    }

    @Test
    void checkpointRunsResourcesInReverseOpeningOrderThenListenersInReversePluginOrderAndRestoreTheReverse()
            throws Exception {
        boot();
        assertEquals(1, dev.lift.plugins.crac.simulated.Core.registered(), "one org.crac resource per kernel");

        checkpointAndRestore();

        List<String> expected = new ArrayList<>(CHECKPOINT);
        expected.addAll(RESTORE);
        assertEquals(expected, calls.list());
    }

    @Test
    void connectionsAreClosedInTheSnapshotAndReopenedWithAFreshEnvironmentIdAfterRestore() throws Exception {
        boot();
        Pool a = poolA.pool;
        Pool b = poolB.pool;
        String idA = a.environmentId;
        String idB = b.environmentId;
        assertEquals(2, a.openConnections);
        assertNotNull(idA);
        List<String> atSnapshot = new ArrayList<>();
        dev.lift.plugins.crac.simulated.Core.atSnapshot(() -> atSnapshot.add(
                a.openConnections + " " + a.environmentId + " " + b.openConnections + " " + b.environmentId));

        checkpointAndRestore();

        assertEquals(List.of("0 null 0 null"), atSnapshot, "what the snapshot holds: no connection, no per-environment id");
        assertEquals(2, a.openConnections);
        assertEquals(2, b.openConnections);
        assertEquals(2, a.opened, "reopened once after the restore");
        assertNotNull(a.environmentId);
        assertNotEquals(idA, a.environmentId);
        assertNotEquals(idB, b.environmentId);
    }

    @Test
    void theFirstInvocationAfterARestoreIsAColdStartAgainAndSeesTheRefreshedResource() throws Exception {
        LiftKernel kernel = boot();
        JsonNode first = ping(kernel);
        JsonNode second = ping(kernel);
        assertTrue(first.path("coldStart").asBoolean(), first.toString());
        assertFalse(second.path("coldStart").asBoolean(), second.toString());

        checkpointAndRestore();

        JsonNode restored = ping(kernel);
        JsonNode warm = ping(kernel);
        assertTrue(restored.path("coldStart").asBoolean(), restored.toString());
        assertEquals(2, restored.path("connections").asInt(), restored.toString());
        assertNotEquals(first.path("environmentId").asText(), restored.path("environmentId").asText());
        assertFalse(warm.path("coldStart").asBoolean(), warm.toString());
    }

    @Test
    void aFailingCheckpointHookStopsNoOtherHookAndItsFailureFailsTheCheckpoint() throws Exception {
        boot();
        Exception first = new IllegalStateException("pool-b cannot let go of its connections");
        Exception second = new IllegalStateException("listener-a failed too");
        poolB.failBefore = first; // the first hook to run
        listenerA.failBefore = second; // the last
        List<String> atSnapshot = new ArrayList<>();
        dev.lift.plugins.crac.simulated.Core.atSnapshot(() -> atSnapshot.add("snapshot taken"));

        CheckpointException e = assertThrows(CheckpointException.class, CracSnapshotBindingTest::checkpointAndRestore);

        // org.crac hands on what the runtime reports: each failed resource's exception, suppressed.
        // Lift's resource reports the first failure; the kernel logged the others.
        assertArrayEquals(new Throwable[] {first}, e.getSuppressed());
        assertTrue(atSnapshot.isEmpty(), "no snapshot of a failed checkpoint");
        List<String> expected = new ArrayList<>(CHECKPOINT);
        expected.addAll(RESTORE); // the runtime restores what the failed checkpoint closed
        assertEquals(expected, calls.list());
        assertTrue(kernelLog.records(Level.SEVERE).stream().anyMatch(r -> r.getThrown() == second),
                () -> "the second failure is logged: " + kernelLog.lines());
    }

    @Test
    void aFailingRestoreHookStopsNoOtherHookAndItsFailureFailsTheRestore() throws Exception {
        LiftKernel kernel = boot();
        ping(kernel);
        Exception first = new IllegalStateException("listener-a cannot refresh its credentials");
        listenerA.failRestore = first; // the first restore hook
        poolB.failRestore = new IllegalStateException("pool-b cannot reconnect"); // the last

        RestoreException e = assertThrows(RestoreException.class, CracSnapshotBindingTest::checkpointAndRestore);

        assertEquals(1, e.getSuppressed().length, () -> List.of(e.getSuppressed()).toString());
        assertSame(first, e.getSuppressed()[0]);
        List<String> expected = new ArrayList<>(CHECKPOINT);
        expected.addAll(RESTORE);
        assertEquals(expected, calls.list());
        assertTrue(ping(kernel).path("coldStart").asBoolean(), "still a restored environment: cold start");
    }

    @Test
    void disabledItDeclinesAndRegistersNothing() throws Exception {
        LiftKernel kernel = boot(Map.of("lift.snapshot-crac.enabled", "false"));

        PluginInfo binding = kernel.plugins().stream().filter(p -> p.id().equals("snapshot-crac")).findFirst()
                .orElseThrow();
        assertFalse(binding.active());
        assertEquals(0, dev.lift.plugins.crac.simulated.Core.registered());
        checkpointAndRestore();
        assertEquals(List.of(), calls.list());
    }

    @Test
    void anEnabledValueThatIsNoBooleanFailsBootNamingTheSetting() {
        LiftBootException e = assertThrows(LiftBootException.class,
                () -> boot(Map.of("lift.snapshot-crac.enabled", "maybe")));

        assertTrue(e.getMessage().contains("lift.snapshot-crac.enabled") && e.getMessage().contains("maybe"),
                e.getMessage());
        assertEquals(0, dev.lift.plugins.crac.simulated.Core.registered());
    }

    @Test
    void aKernelThatShutDownRunsNoHooksAtTheNextCheckpoint() throws Exception {
        LiftKernel stopped = boot();
        stopped.shutdown();

        checkpointAndRestore();

        assertEquals(List.of(), calls.list());
    }

    @Test
    void theRegistrationOutlivesGarbageCollectionWhileTheKernelLives() throws Exception {
        boot();
        // org.crac and the runtime hold the resource weakly; only the binding keeps it alive.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        checkpointAndRestore();

        assertEquals(8, calls.list().size(), calls.list()::toString);
    }

    @Test
    void itLogsOneLinePerCheckpointAndRestoreWithTheTimeTaken() throws Exception {
        boot();
        try (LogCapture log = LogCapture.on("lift.snapshot-crac")) {
            checkpointAndRestore();

            List<String> lines = log.records(Level.INFO).stream().map(LogRecord::getMessage)
                    .collect(Collectors.toList());
            assertEquals(2, lines.size(), lines::toString);
            assertTrue(Pattern.matches("Checkpoint hooks ran in \\d+ ms", lines.get(0)), lines.get(0));
            assertTrue(Pattern.matches("Restore hooks ran in \\d+ ms", lines.get(1)), lines.get(1));
        }
    }

    @Test
    void aFailureIsLoggedWithTheTimeTakenAndTheException() throws Exception {
        boot();
        listenerB.failBefore = new IllegalStateException("no");
        try (LogCapture log = LogCapture.on("lift.snapshot-crac")) {
            assertThrows(CheckpointException.class, CracSnapshotBindingTest::checkpointAndRestore);

            List<String> lines = log.records(Level.INFO).stream().map(LogRecord::getMessage)
                    .collect(Collectors.toList());
            assertEquals(2, lines.size(), lines::toString);
            assertTrue(Pattern.matches("Checkpoint hooks failed after \\d+ ms: java.lang.IllegalStateException: no",
                    lines.get(0)), lines.get(0));
            assertTrue(Pattern.matches("Restore hooks ran in \\d+ ms", lines.get(1)), lines.get(1));
        }
    }
}

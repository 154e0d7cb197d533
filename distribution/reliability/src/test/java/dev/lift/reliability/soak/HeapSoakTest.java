package dev.lift.reliability.soak;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.test.LiftTestKit;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The in-process soak: many invocations (HTTP API requests through routes and SQS batches, see
 * {@link HeapSoak}) with the heap in use after a full collection measured at ten checkpoints. The
 * first checkpoint after a tenth of the run is the baseline (class loading, JIT and lazy caches are
 * done by then); the last may exceed it by at most {@code lift.soak.max-growth-mb}. Growth is a
 * size, not a time: it does not depend on the machine's speed.
 *
 * <p>Sizes: {@code lift.soak.invocations} (default 20,000 for {@code mvn verify}; {@code -Psoak}
 * or {@code scripts/soak.sh} run 1,000,000). A companion test runs the same soak with an
 * application that keeps 200 bytes per invocation and proves that the bound catches it.
 */
class HeapSoakTest {

    /**
     * At 20,000 invocations, 18,000 after the baseline: a 200-byte leak keeps 3.6 MB, almost twice
     * this, while a clean run moves by a few kilobytes. ({@code -Psoak} allows 8 MB over 900,000.)
     */
    private static final long DEFAULT_MAX_GROWTH_MB = 2;
    private static final long CI_INVOCATIONS = 20_000;

    private static long maxGrowthBytes() {
        return Long.getLong("lift.soak.max-growth-mb", DEFAULT_MAX_GROWTH_MB) * 1024 * 1024;
    }

    /**
     * Lift's own log lines (a stack trace for each failed record and each 500) are right, but a
     * million of them would make the console the thing measured; the faults suite checks them.
     */
    private static final java.util.logging.Logger LIFT_LOG = java.util.logging.Logger.getLogger("lift");
    private static boolean parentHandlers;

    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        parentHandlers = LIFT_LOG.getUseParentHandlers();
        LIFT_LOG.setUseParentHandlers(false);
    }

    @org.junit.jupiter.api.AfterAll
    static void loud() {
        LIFT_LOG.setUseParentHandlers(parentHandlers);
    }

    /** Lift as lift.jar has it (every plugin on the class path) plus the soak application. */
    private static LiftTestKit lift(SoakApp app) {
        return LiftTestKit.builder().discover(true).plugin(app).build();
    }

    @Test
    void heapStaysFlatOverManyInvocations() {
        long invocations = Long.getLong("lift.soak.invocations", CI_INVOCATIONS);
        List<HeapSoak.Checkpoint> checkpoints;
        try (LiftTestKit kit = lift(SoakApp.clean())) {
            checkpoints = new HeapSoak(kit).run(invocations, invocations / 10);
        }
        report("soak", checkpoints);
        long growth = growthAfterWarmUp(checkpoints);
        assertTrue(growth <= maxGrowthBytes(), () -> "The heap grew by " + mb(growth) + " MB from the checkpoint after "
                + "warm-up to the last, more than " + mb(maxGrowthBytes()) + " MB: something keeps part of each "
                + "invocation. Checkpoints: " + table(checkpoints));
    }

    @Test
    void aLeakOf200BytesPerInvocationBreaksTheBound() {
        SoakApp leaking = SoakApp.leaking(200);
        List<HeapSoak.Checkpoint> checkpoints;
        try (LiftTestKit kit = lift(leaking)) {
            checkpoints = new HeapSoak(kit).run(CI_INVOCATIONS, CI_INVOCATIONS / 10);
        }
        report("leaking soak", checkpoints);
        // Every invocation that reaches a handler keeps something (404s and unreadable bodies never do).
        assertTrue(leaking.leakedCount() >= CI_INVOCATIONS * 9 / 10, () -> leaking.leakedCount() + " kept");
        long growth = growthAfterWarmUp(checkpoints);
        assertTrue(growth > DEFAULT_MAX_GROWTH_MB * 1024 * 1024, () -> "A leak of 200 bytes per invocation grew the "
                + "heap by only " + mb(growth) + " MB, within the bound of " + DEFAULT_MAX_GROWTH_MB
                + " MB: the soak would miss it. Checkpoints: " + table(checkpoints));
    }

    /** From the checkpoint after the first tenth of the run (index 1; index 0 is before any invocation) to the last. */
    static long growthAfterWarmUp(List<HeapSoak.Checkpoint> checkpoints) {
        return checkpoints.get(checkpoints.size() - 1).usedHeapBytes() - checkpoints.get(1).usedHeapBytes();
    }

    private static void report(String name, List<HeapSoak.Checkpoint> checkpoints) {
        System.out.println("Heap " + name + ": " + table(checkpoints));
    }

    static String table(List<HeapSoak.Checkpoint> checkpoints) {
        return checkpoints.stream().map(c -> String.format("%,d: %.2f MB (%,d ms)", c.invocations(), c.usedMb(),
                c.elapsedMillis())).collect(Collectors.joining("; "));
    }

    private static String mb(long bytes) {
        return String.format("%.2f", bytes / (1024.0 * 1024.0));
    }
}

package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lift.api.LiftPlugin;
import dev.lift.api.PluginContext;
import dev.lift.spi.ResourceProvider;
import dev.lift.spi.SnapshotListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * SnapStart / CRaC hooks through the kernel: before a checkpoint resources and listeners run in reverse order
 * of registration, resources first (they were opened last),
 * after a restore in registration order; a hook that fails does not stop the others, and the first failure
 * is what the caller (the CRaC plugin) gets.
 */
class SnapshotHooksTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** A resource whose snapshot hooks record themselves; {@code failBefore} makes beforeCheckpoint throw. */
    final class Pool implements ResourceProvider<String> {
        private final String id;
        private final int order;
        private final RuntimeException failBefore;

        Pool(String id, int order, RuntimeException failBefore) {
            this.id = id;
            this.order = order;
            this.failBefore = failBefore;
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
        public Class<String> type() {
            return String.class;
        }

        @Override
        public String name() {
            return id;
        }

        @Override
        public String open(PluginContext context) {
            return id + "-connection";
        }

        @Override
        public void beforeCheckpoint(String resource) {
            calls.add("before " + resource);
            if (failBefore != null) {
                throw failBefore;
            }
        }

        @Override
        public void afterRestore(String resource) {
            calls.add("after " + resource);
        }
    }

    /** A plugin that listens for snapshots. */
    class Listener implements LiftPlugin, SnapshotListener {
        private final String id;
        private final int order;
        private final Exception failAfter;

        Listener(String id, int order, Exception failAfter) {
            this.id = id;
            this.order = order;
            this.failAfter = failAfter;
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
        public void beforeCheckpoint() {
            calls.add("before " + id);
        }

        @Override
        public void afterRestore() throws Exception {
            calls.add("after " + id);
            if (failAfter != null) {
                throw failAfter;
            }
        }
    }

    private LiftKernel kernel(LiftPlugin... plugins) {
        Lift.Builder b = Lift.builder().discover(false).environment(Map.of());
        for (LiftPlugin p : plugins) {
            b.plugin(p);
        }
        return b.build();
    }

    @Test
    void checkpoint_runs_in_reverse_order_and_restore_in_registration_order() throws Exception {
        try (LiftKernel kernel = kernel(new Pool("pool-a", 1, null), new Pool("pool-b", 2, null),
                new Listener("warmer-a", 1, null), new Listener("warmer-b", 2, null))) {
            kernel.snapshots().beforeCheckpoint();
            assertEquals(List.of("before pool-b-connection", "before pool-a-connection", "before warmer-b",
                    "before warmer-a"), calls);

            calls.clear();
            kernel.snapshots().afterRestore();
            assertEquals(List.of("after warmer-a", "after warmer-b", "after pool-a-connection",
                    "after pool-b-connection"), calls);
        }
    }

    @Test
    void a_failing_hook_does_not_stop_the_others_and_the_first_failure_is_thrown() throws Exception {
        IllegalStateException poolFailure = new IllegalStateException("pool-b cannot quiesce");
        Exception listenerFailure = new Exception("warmer-a cannot reconnect");
        Exception laterFailure = new Exception("warmer-b cannot reconnect");
        try (LiftKernel kernel = kernel(new Pool("pool-a", 1, null), new Pool("pool-b", 2, poolFailure),
                new Listener("warmer-a", 1, listenerFailure), new Listener("warmer-b", 2, laterFailure))) {
            assertSame(poolFailure, assertThrows(IllegalStateException.class, () -> kernel.snapshots().beforeCheckpoint()));
            assertEquals(4, calls.size(), calls::toString);

            calls.clear();
            assertSame(listenerFailure, assertThrows(Exception.class, () -> kernel.snapshots().afterRestore()));
            assertEquals(List.of("after warmer-a", "after warmer-b", "after pool-a-connection",
                    "after pool-b-connection"), calls);
        }
    }

    @Test
    void an_error_in_a_hook_is_reported_as_an_exception_naming_the_hook() throws Exception {
        Listener broken = new Listener("broken", 1, null) {
            @Override
            public void beforeCheckpoint() {
                throw new AssertionError("not ready");
            }
        };
        try (LiftKernel kernel = kernel(broken)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> kernel.snapshots().beforeCheckpoint());
            assertEquals("Snapshot hook beforeCheckpoint of 'broken' failed", e.getMessage());
        }
    }
}

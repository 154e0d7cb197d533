package dev.lift.plugins.crac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.crac.Recorded.Calls;
import dev.lift.plugins.crac.Recorded.Listener;
import dev.lift.plugins.crac.Recorded.PoolProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On a JVM without CRaC (this JDK, with no CRaC runtime configured: surefire runs this class in its
 * own execution) the binding boots, takes part, and nothing ever runs the hooks.
 */
class NoCracRuntimeTest {

    @Test
    @SuppressWarnings("deprecation") // org.crac's Core.checkpointRestore, as a CRaC JDK would run it
    void withoutCracTheBindingBootsAndNoHookEverRuns() {
        assertNull(System.getProperty("org.crac.Core.Compat"), "this class must run without the simulated runtime");
        Calls calls = new Calls();
        try (LiftKernel kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new CracSnapshotBinding()).plugin(new Listener("listener-a", 10, calls))
                .plugin(new PoolProvider("pool-a", 1, calls)).build()) {
            assertTrue(kernel.plugins().stream().anyMatch(p -> p.id().equals("snapshot-crac") && p.active()));

            // org.crac without an implementation: a checkpoint cannot be requested, and the
            // registration went nowhere.
            assertThrows(UnsupportedOperationException.class, org.crac.Core::checkpointRestore);
            assertEquals(List.of(), calls.list());
        }
    }
}

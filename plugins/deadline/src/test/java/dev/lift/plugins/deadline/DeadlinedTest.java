package dev.lift.plugins.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The hand-over between the waiting invocation and the worker, run on the test's own threads. */
class DeadlinedTest {

    @Test
    void theCancellingInterruptReachesTheWorkButNeverOutlivesIt() throws Exception {
        AtomicReference<Deadlined<String>> self = new AtomicReference<>();
        AtomicBoolean interruptedInside = new AtomicBoolean();
        Deadlined<String> task = new Deadlined<>(() -> {
            Thread canceller = new Thread(() -> self.get().cancel(), "test-canceller");
            canceller.start();
            while (!Thread.currentThread().isInterrupted()) { // ends when cancel() interrupts this thread
                Thread.onSpinWait();
            }
            interruptedInside.set(true);
            return "done anyway"; // the flag is still set as the work returns
        });
        self.set(task);
        task.run(); // on this thread, as a worker would
        assertTrue(interruptedInside.get());
        assertFalse(Thread.currentThread().isInterrupted(), "the worker's flag is cleared before it takes other work");
        assertTrue(task.cancel(), "it stays cancelled: the invocation answered without its result");
    }

    @Test
    void aHandlersOwnInterruptFlagEndsWithItsWorkToo() throws Exception {
        Deadlined<String> task = new Deadlined<>(() -> {
            Thread.currentThread().interrupt();
            return "ok";
        });
        task.run();
        assertFalse(Thread.currentThread().isInterrupted());
        assertTrue(task.await(0));
        assertFalse(task.cancel(), "finished work cannot be cancelled");
        assertEquals("ok", task.outcome());
    }

    @Test
    void workCancelledWhileQueuedNeverStarts() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        Deadlined<String> task = new Deadlined<>(() -> {
            ran.set(true);
            return "ran";
        });
        assertTrue(task.cancel());
        task.run();
        assertFalse(ran.get());
    }

    @Test
    void whatTheWorkThrowsReachesTheWaitingThreadUnchanged() throws Exception {
        IOException failure = new IOException("disk gone");
        Deadlined<String> task = new Deadlined<>(() -> {
            throw failure;
        });
        task.run();
        assertSame(failure, assertThrows(IOException.class, task::outcome));
    }
}

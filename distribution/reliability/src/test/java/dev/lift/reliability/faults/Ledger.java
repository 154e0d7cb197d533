package dev.lift.reliability.faults;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the handlers themselves saw and did, written from whatever thread ran them and read only
 * after their invocation was answered. This is the truth Lift's {@code batchItemFailures} is
 * compared against: it never looks at Lift's report.
 */
final class Ledger {

    /** What one record's handler saw when it started. */
    record Seen(String requestId, long deadlineMillis, boolean interruptedOnEntry, String thread) {
    }

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Set<String> succeeded = ConcurrentHashMap.newKeySet();
    private final Map<String, Queue<Integer>> startOrder = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();

    /** A handler started on record {@code recordId}, the {@code index}-th of its batch. */
    void started(String recordId, int index, String requestId, long deadlineMillis) {
        boolean interrupted = Thread.currentThread().isInterrupted();
        calls.computeIfAbsent(recordId, k -> new AtomicInteger()).incrementAndGet();
        seen.putIfAbsent(recordId, new Seen(requestId, deadlineMillis, interrupted, Thread.currentThread().getName()));
        startOrder.computeIfAbsent(requestId, k -> new ConcurrentLinkedQueue<>()).add(index);
        int now = inFlight.computeIfAbsent(requestId, k -> new AtomicInteger()).incrementAndGet();
        maxInFlight.computeIfAbsent(requestId, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
    }

    /** The handler of {@code recordId} is about to return normally. */
    void succeeded(String recordId) {
        succeeded.add(recordId);
    }

    /** The handler of a record of {@code requestId} ended, either way. */
    void ended(String requestId) {
        inFlight.get(requestId).decrementAndGet();
    }

    int calls(String recordId) {
        AtomicInteger n = calls.get(recordId);
        return n == null ? 0 : n.get();
    }

    boolean hasSucceeded(String recordId) {
        return succeeded.contains(recordId);
    }

    Seen seen(String recordId) {
        return seen.get(recordId);
    }

    /** The batch indexes of the records of {@code requestId}, in the order their handlers started. */
    List<Integer> startOrder(String requestId) {
        Queue<Integer> q = startOrder.get(requestId);
        return q == null ? List.of() : List.copyOf(q);
    }

    /** The most handlers of {@code requestId} that ran at once. */
    int maxInFlight(String requestId) {
        AtomicInteger n = maxInFlight.get(requestId);
        return n == null ? 0 : n.get();
    }
}

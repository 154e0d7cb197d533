package dev.lift.kernel.internal;

import dev.lift.api.BatchResponse;
import dev.lift.api.Describable;
import dev.lift.api.EventKind;
import dev.lift.api.EventSelector;
import dev.lift.api.LiftEvent;
import dev.lift.api.LogText;
import dev.lift.api.RecordBatch;
import dev.lift.api.RouteDescriptor;
import dev.lift.spi.RecordFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Routes records and single events to handlers by selector (most specific wins, then first
 * registered) and applies the batch rules: failed records are reported, never silently
 * acknowledged; ordered batches stop at the first failure; sources without partial responses
 * fail the whole invocation.
 */
final class EventDispatch {

    /** How failed records are answered. */
    enum FailureMode { REPORT, FAIL_BATCH }

    /** A compiled event or record route. */
    record EventRoute(EventKind kind, EventSelector<Object> selector, Pipeline.Step step, RouteDescriptor descriptor,
                      int index) {
        String owner() {
            return descriptor.owner();
        }

        String handler() {
            return descriptor.handler();
        }

        String describe() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + selector.describe() + " -> " + owner() + ":" + handler();
        }
    }

    private static final System.Logger LOG = System.getLogger("lift.errors");

    private final List<EventRoute> routes;
    private final ErrorHandling errors;
    private final FailureMode failureMode;
    private final ExecutorService parallel; // null: records run one after another
    private final Hooks hooks;
    private final Limits limits;

    /**
     * How a batch uses threads and time: at most {@code parallelism} records of one invocation run
     * at once, on the shared {@code parallel} pool (whose size bounds every invocation together).
     * With a {@code margin} (null: none), no record starts within the margin of the invocation's
     * deadline, and records still running when half of it is left are reported failed, so that the
     * answer leaves in time.
     */
    record Limits(int parallelism, Duration margin, Clock clock) {
        long startBy(Invocation invocation) {
            return margin == null ? Long.MAX_VALUE : invocation.deadlineMillis() - margin.toMillis();
        }

        long waitUntil(Invocation invocation) {
            return margin == null ? Long.MAX_VALUE : invocation.deadlineMillis() - margin.toMillis() / 2;
        }

        boolean tooLateToStart(Invocation invocation) {
            return margin != null && clock.millis() >= startBy(invocation);
        }

        long marginMillis() {
            return margin == null ? 0 : margin.toMillis();
        }
    }

    EventDispatch(List<EventRoute> routes, ErrorHandling errors, FailureMode failureMode, ExecutorService parallel,
                  Hooks hooks, Limits limits) {
        this.routes = List.copyOf(routes);
        this.errors = errors;
        this.failureMode = failureMode;
        this.parallel = parallel;
        this.hooks = hooks;
        this.limits = limits;
    }

    List<EventRoute> routes() {
        return routes;
    }

    private EventRoute best(Object item, boolean records) {
        EventRoute best = null;
        for (EventRoute r : routes) {
            boolean kindFits = records ? r.kind() != EventKind.EVENT : r.kind() == EventKind.EVENT;
            if (kindFits && r.selector().type().isInstance(item) && r.selector().matches(item)
                    && (best == null || r.selector().specificity() > best.selector().specificity())) {
                best = r;
            }
        }
        return best;
    }

    /** The route of one record, or null (priming: matched, never run). */
    EventRoute routeFor(Object record) {
        return best(record, true);
    }

    /** The handler of a single event; fails when none matches. */
    EventRoute matchEvent(LiftEvent event) {
        EventRoute route = best(event, false);
        if (route == null) {
            // Never the event itself (it may carry tokens and personal data) nor the route table:
            // this message may be posted to the Runtime API and shown to whoever invoked the function.
            throw new IllegalStateException("No handler matches " + describe(event) + " from "
                    + LogText.escape(event.source()) + "; register an event handler whose selector covers it");
        }
        return route;
    }

    /** A batch of records. */
    @SuppressWarnings("unchecked")
    BatchResponse dispatchBatch(Invocation invocation, RecordBatch<Object> batch) throws Exception {
        List<Object> records = batch.records();
        int n = records.size();
        EventRoute[] assigned = new EventRoute[n];
        List<String> unhandled = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            assigned[i] = best(records.get(i), true);
            if (assigned[i] == null) {
                unhandled.add(batch.itemIdentifier(records.get(i)));
            }
        }
        boolean[] failed = new boolean[n];
        IllegalStateException unmatched = null;
        if (!unhandled.isEmpty()) {
            unmatched = new IllegalStateException("No handler matches " + unhandled.size() + " of " + n + " records of "
                    + batch + " (first: " + describe(records.get(indexOf(batch, unhandled.get(0))))
                    + "); register a record or batch handler whose selector covers them");
            if (!batch.partialFailures() || failureMode == FailureMode.FAIL_BATCH) {
                // Checked before anything runs, so no record is half processed or silently acknowledged.
                throw unmatched;
            }
            // A source with partial batch responses: an unmatched record fails like a record whose
            // handler threw, so it is retried (and reaches the dead-letter queue) while the others are done.
            LOG.log(System.Logger.Level.WARNING, "Request " + LogText.escape(invocation.requestId()) + ": "
                    + unmatched.getMessage() + "; they are reported in batchItemFailures");
            for (int i = 0; i < n; i++) {
                failed[i] = assigned[i] == null;
            }
        }
        Throwable firstFailure;
        if (batch.ordered()) {
            firstFailure = runOrdered(invocation, batch, assigned, failed, unmatched);
        } else {
            // Batch handlers take their records at once, then record handlers run one by one or in parallel.
            firstFailure = unmatched;
            List<EventRoute> batchRoutes = new ArrayList<>();
            for (EventRoute r : assigned) {
                if (r != null && r.kind() == EventKind.BATCH && !batchRoutes.contains(r)) {
                    batchRoutes.add(r);
                }
            }
            for (EventRoute r : batchRoutes) {
                List<Integer> indexes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (assigned[i] == r) {
                        indexes.add(i);
                    }
                }
                Throwable t = runBatchRoute(invocation, batch, r, indexes, failed);
                firstFailure = firstFailure == null ? t : firstFailure;
            }
            Throwable t = parallel != null && batch.concurrent()
                    ? runParallel(invocation, batch, assigned, failed)
                    : runSequential(invocation, batch, assigned, failed);
            firstFailure = firstFailure == null ? t : firstFailure;
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (failed[i]) {
                ids.add(batch.itemIdentifier(records.get(i)));
            }
        }
        if (!ids.isEmpty() && (!batch.partialFailures() || failureMode == FailureMode.FAIL_BATCH)) {
            throw new BatchFailedException(ids.size() + " of " + n + " records of " + batch + " failed ("
                    + LogText.escape(String.join(", ", ids)) + "); failing the whole batch so that it is retried",
                    firstFailure);
        }
        return new BatchResponse(ids);
    }

    /**
     * An ordered (FIFO) batch: records, and runs of consecutive records that go to the same batch
     * handler, in batch order. At the first failure, that record and every later one are reported
     * failed, and none of the later ones is processed, so the source redelivers them in order.
     */
    private Throwable runOrdered(Invocation invocation, RecordBatch<Object> batch, EventRoute[] assigned, boolean[] failed,
                                 Throwable unmatched) {
        int n = assigned.length;
        for (int i = 0; i < n; ) {
            EventRoute r = assigned[i];
            if (r == null) { // no handler: as if it failed, so it and every later record are redelivered in order
                Arrays.fill(failed, i, n, true);
                return unmatched;
            }
            if (limits.tooLateToStart(invocation)) { // as if it failed: it and every later record are redelivered
                Arrays.fill(failed, i, n, true);
                return lateStart(invocation, batch, n - i);
            }
            int end = i + 1;
            Throwable t;
            if (r.kind() == EventKind.BATCH) {
                while (end < n && assigned[end] == r) {
                    end++;
                }
                List<Integer> indexes = new ArrayList<>();
                for (int k = i; k < end; k++) {
                    indexes.add(k);
                }
                t = runBatchRoute(invocation, batch, r, indexes, failed);
            } else {
                t = runRecord(invocation, batch, r, batch.records().get(i));
                failed[i] = t != null;
            }
            for (int k = i; k < end; k++) {
                if (failed[k]) {
                    Arrays.fill(failed, k, n, true);
                    return t;
                }
            }
            i = end;
        }
        return null;
    }

    private Throwable runSequential(Invocation invocation, RecordBatch<Object> batch, EventRoute[] assigned, boolean[] failed) {
        Throwable first = null;
        int late = 0;
        for (int i = 0; i < assigned.length; i++) {
            if (assigned[i] != null && assigned[i].kind() == EventKind.RECORD) {
                if (late > 0 || limits.tooLateToStart(invocation)) {
                    failed[i] = true;
                    late++;
                    continue;
                }
                Throwable t = runRecord(invocation, batch, assigned[i], batch.records().get(i));
                if (t != null) {
                    failed[i] = true;
                    first = first == null ? t : first;
                }
            }
        }
        if (late > 0) {
            Throwable t = lateStart(invocation, batch, late);
            first = first == null ? t : first;
        }
        return first;
    }

    /** Logs records that were not started for lack of time; returns the failure that stands for them. */
    private Throwable lateStart(Invocation invocation, RecordBatch<Object> batch, int count) {
        String why = count + " record(s) of " + LogText.escape(batch.source()) + " not started: less than "
                + limits.marginMillis() + " ms (lift.batch.deadline-margin) was left before the invocation's deadline";
        LOG.log(System.Logger.Level.WARNING, "Request " + LogText.escape(invocation.requestId()) + ": " + why
                + "; they are reported in batchItemFailures");
        return new IllegalStateException(why);
    }

    /**
     * Runs a batch handler on its records (by index into the batch) and marks the ones it reports.
     * A handler that throws has all of its records reported: none of them is known to be done.
     */
    private Throwable runBatchRoute(Invocation invocation, RecordBatch<Object> batch, EventRoute route,
                                    List<Integer> indexes, boolean[] failed) {
        if (limits.tooLateToStart(invocation)) {
            for (int i : indexes) {
                failed[i] = true;
            }
            return lateStart(invocation, batch, indexes.size());
        }
        List<Object> subset = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            subset.add(batch.records().get(i));
        }
        BatchResponse response;
        try {
            response = (BatchResponse) route.step().run(invocation.forRecord(route.descriptor()), subset);
        } catch (Throwable e) {
            ErrorHandling.rethrowIfFatal(e);
            LOG.log(System.Logger.Level.WARNING, "Request " + LogText.escape(invocation.requestId()) + ": batch handler "
                    + route.owner() + ":" + route.handler() + " failed; its " + indexes.size() + " record(s) of "
                    + LogText.escape(batch.source()) + " are reported in batchItemFailures", e);
            for (int i : indexes) {
                failed[i] = true;
            }
            return e;
        } finally {
            clearInterrupt();
        }
        if (response != null && !response.failedItemIdentifiers().isEmpty()) {
            Set<String> reported = new HashSet<>(response.failedItemIdentifiers());
            for (int i : indexes) {
                if (reported.contains(batch.itemIdentifier(batch.records().get(i)))) {
                    failed[i] = true;
                }
            }
        }
        return null;
    }

    /** What became of one record given to the pool. */
    private record Done(boolean started, Throwable failure) {
        static final Done NOT_STARTED = new Done(false, null);
    }

    /**
     * Records on the shared pool, at most {@code parallelism} of this invocation at a time (the
     * pool's size bounds all invocations together). A record whose turn comes within the margin
     * is not started; records still running when half the margin is left are abandoned: reported
     * failed (the source redelivers them), their late results ignored. They are not interrupted.
     */
    private Throwable runParallel(Invocation invocation, RecordBatch<Object> batch, EventRoute[] assigned,
                                  boolean[] failed) throws InterruptedException {
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < assigned.length; i++) {
            if (assigned[i] != null && assigned[i].kind() == EventKind.RECORD) {
                todo.add(i);
            }
        }
        long waitUntil = limits.waitUntil(invocation);
        ExecutorCompletionService<Done> done = new ExecutorCompletionService<>(parallel);
        Map<Future<Done>, Integer> running = new LinkedHashMap<>();
        Throwable first = null;
        int next = 0;
        int late = 0;
        while (true) {
            while (running.size() < limits.parallelism() && next < todo.size()
                    && !limits.tooLateToStart(invocation)) {
                int idx = todo.get(next++);
                running.put(done.submit(() -> {
                    if (limits.tooLateToStart(invocation)) {
                        return Done.NOT_STARTED; // waited in the pool's queue past its time
                    }
                    // Metrics recorded on this thread belong to the invocation, as on the invoking thread.
                    dev.lift.api.InvocationContext previous = KernelMetrics.enter(invocation);
                    try {
                        return new Done(true, runRecord(invocation, batch, assigned[idx], batch.records().get(idx)));
                    } finally {
                        KernelMetrics.leave(previous);
                    }
                }), idx);
            }
            if (running.isEmpty()) {
                break;
            }
            Future<Done> f;
            if (waitUntil == Long.MAX_VALUE) {
                f = done.take();
            } else {
                long left = waitUntil - limits.clock().millis();
                if (left <= 0) {
                    break;
                }
                // Short waits, so that the deadline is seen even while no record finishes.
                f = done.poll(Math.min(left, 50), TimeUnit.MILLISECONDS);
            }
            if (f == null) {
                continue;
            }
            int idx = running.remove(f);
            Done d;
            try {
                d = f.get();
            } catch (ExecutionException e) {
                Throwable t = e.getCause();
                if (t instanceof BatchFailedException) {
                    throw (BatchFailedException) t;
                }
                ErrorHandling.rethrowIfFatal(t); // as on the invoking thread: out of memory fails the invocation
                d = new Done(true, t);
            }
            if (!d.started()) {
                failed[idx] = true;
                late++;
            } else if (d.failure() != null) {
                failed[idx] = true;
                first = first == null ? d.failure() : first;
            }
        }
        for (int k = next; k < todo.size(); k++) {
            failed[todo.get(k)] = true;
            late++;
        }
        if (late > 0) {
            Throwable t = lateStart(invocation, batch, late);
            first = first == null ? t : first;
        }
        if (!running.isEmpty()) {
            for (Map.Entry<Future<Done>, Integer> e : running.entrySet()) {
                e.getKey().cancel(false); // one still queued never starts; one running runs on, unheard
                failed[e.getValue()] = true;
            }
            String why = running.size() + " record(s) of " + LogText.escape(batch.source()) + " still running with "
                    + limits.marginMillis() / 2 + " ms left before the invocation's deadline (half of "
                    + "lift.batch.deadline-margin); their results will be ignored";
            LOG.log(System.Logger.Level.WARNING, "Request " + LogText.escape(invocation.requestId()) + ": " + why
                    + "; they are reported in batchItemFailures");
            first = first == null ? new IllegalStateException(why) : first;
        }
        return first;
    }

    /** Runs one record; returns the failure to report, or null when it succeeded or was dropped. */
    private Throwable runRecord(Invocation parent, RecordBatch<Object> batch, EventRoute route, Object record) {
        Invocation invocation = parent.forRecord(route.descriptor());
        hooks.recordStart(invocation, record);
        Throwable failure = null;
        try {
            return failure = runRecordChain(invocation, batch, route, record);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            // An interrupt raised by or for this record ends with it: the next record, the next
            // invocation and the runtime's own calls on this thread must not see it.
            clearInterrupt();
            hooks.recordEnd(invocation, record, failure);
        }
    }

    private Throwable runRecordChain(Invocation invocation, RecordBatch<Object> batch, EventRoute route, Object record) {
        try {
            route.step().run(invocation, record);
            return null;
        } catch (Throwable e) {
            // Whatever a record throws (an exception, a missing class, a failed assert, an application's
            // own Error, runaway recursion) fails that record only; a JVM that is out of memory or
            // broken fails the invocation.
            ErrorHandling.rethrowIfFatal(e);
            String id = LogText.escape(batch.itemIdentifier(record));
            String request = LogText.escape(invocation.requestId());
            ErrorHandling.RecordDecision decision = errors.onRecordFailure(e, record, invocation, RecordFailure.REPORT);
            switch (decision.action()) {
                case DROP:
                    // The one log line of a dropped record: nothing else will ever show it was lost.
                    LOG.log(System.Logger.Level.ERROR, "Request " + request + ": record " + id + " of "
                            + LogText.escape(batch.source()) + " failed with " + e.getClass().getName() + " and error strategy '"
                            + decision.strategy() + "' dropped it; it will not be retried", e);
                    return null;
                case FAIL_BATCH:
                    throw new BatchFailedException("Record " + id + " of " + LogText.escape(batch.toString())
                            + " failed and the error policy fails the whole batch", e);
                default:
                    // An expected outcome the source retries: one line per record, its stack only at DEBUG,
                    // so that a batch of poison messages does not flood the log with stack traces.
                    String line = "Request " + request + ": record " + id + " of " + LogText.escape(batch.source())
                            + " failed with " + e.getClass().getName() + ": " + LogText.escape(abbreviate(e.getMessage()))
                            + "; it is reported in batchItemFailures";
                    LOG.log(System.Logger.Level.WARNING, line);
                    if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                        LOG.log(System.Logger.Level.DEBUG, "Stack trace of the failure of record " + id, e);
                    }
                    return e;
            }
        }
    }

    /**
     * A handler's interrupt (an {@link InterruptedException} it threw, or the flag it set) fails its
     * record only. Lift never interrupts a running record, so the flag is the handler's own.
     */
    private static void clearInterrupt() {
        Thread.interrupted();
    }

    /** A failure's message for one log line: at most 300 characters. */
    private static String abbreviate(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.length() <= 300 ? message : message.substring(0, 300) + "...";
    }

    private static int indexOf(RecordBatch<Object> batch, String id) {
        for (int i = 0; i < batch.records().size(); i++) {
            if (id.equals(batch.itemIdentifier(batch.records().get(i)))) {
                return i;
            }
        }
        return 0;
    }

    /**
     * A record or event as logs and errors may show it: its own payload-free description, or its
     * type name only; escaped, since S3 keys and similar may hold line breaks.
     */
    static String describe(Object item) {
        if (item instanceof Describable) {
            String d;
            try {
                d = ((Describable) item).describe();
            } catch (RuntimeException e) {
                d = null;
            }
            if (d != null) {
                return LogText.escape(d.length() > 300 ? d.substring(0, 300) + "..." : d);
            }
        }
        return item == null ? "null" : "a " + item.getClass().getSimpleName();
    }
}

package dev.lift.kernel.internal;

import dev.lift.spi.ErrorStrategy;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftException;
import dev.lift.api.LogText;
import dev.lift.spi.RecordFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses error strategies by exception type, closest in the class hierarchy first, then plugin
 * order; falls back to problem details itself. A client never sees anything of an exception that
 * is not a {@link LiftException}; the log always gets it with the request id.
 */
final class ErrorHandling implements Pipeline.HttpErrors {

    static final System.Logger LOG = System.getLogger("lift.errors");

    private final List<ErrorStrategy> strategies;
    private final Map<Class<?>, List<ErrorStrategy>> byType = new ConcurrentHashMap<>();

    ErrorHandling(List<ErrorStrategy> strategies) {
        this.strategies = List.copyOf(strategies);
    }

    private List<ErrorStrategy> candidates(Class<?> type) {
        return byType.computeIfAbsent(type, t -> {
            List<ErrorStrategy> list = new ArrayList<>();
            for (ErrorStrategy s : strategies) {
                if (s.handles().isAssignableFrom(t)) {
                    list.add(s);
                }
            }
            // Stable sort keeps plugin order among equally close strategies.
            list.sort(Comparator.comparingInt(s -> distance(t, s.handles())));
            return List.copyOf(list);
        });
    }

    private static int distance(Class<?> from, Class<?> to) {
        int d = 0;
        for (Class<?> c = from; c != null; c = c.getSuperclass()) {
            if (c == to) {
                return d;
            }
            d++;
        }
        return Integer.MAX_VALUE; // an interface: least specific
    }

    @Override
    public HttpResponse toResponse(Throwable error, InvocationContext context, HttpRequest request) {
        if (context instanceof Invocation) {
            ((Invocation) context).root().failure(error);
        }
        String requestId = context == null ? null : context.requestId();
        for (ErrorStrategy s : candidates(error.getClass())) {
            try {
                Optional<HttpResponse> r = s.toResponse(error, request, context);
                if (r != null && r.isPresent()) {
                    return r.get();
                }
            } catch (Throwable e) { // a broken strategy must not cost the client its 500, whatever it threw
                rethrowIfFatal(e);
                logStrategyFailure(s, "an error of request " + LogText.escape(requestId) + "; answering 500", error, e);
                return FallbackErrors.internalError(requestId);
            }
        }
        if (error instanceof LiftException) {
            LiftException le = (LiftException) error;
            // The kernel's own answers (no route, undecodable, stopping) are not failures to log.
            boolean kernelAnswer = context != null && context.route() != null && !context.route().matched();
            if (le.status() >= 500 && !kernelAnswer) {
                LOG.log(System.Logger.Level.ERROR, "Request " + LogText.escape(requestId) + " " + describe(request, context)
                        + " failed with "
                        + le.status(), le);
            }
            return FallbackErrors.toResponse(le, requestId);
        }
        LOG.log(System.Logger.Level.ERROR, "Unhandled exception in request " + LogText.escape(requestId) + " "
                + describe(request, context), error);
        return FallbackErrors.internalError(requestId);
    }

    /** What to do with a record whose handler threw. */
    RecordDecision onRecordFailure(Throwable error, Object record, InvocationContext context, RecordFailure fallback) {
        for (ErrorStrategy s : candidates(error.getClass())) {
            try {
                Optional<RecordFailure> r = s.onRecordFailure(error, record, context);
                if (r != null && r.isPresent()) {
                    return new RecordDecision(r.get(), s.id());
                }
            } catch (Throwable e) {
                rethrowIfFatal(e);
                logStrategyFailure(s, "a record failure of request " + LogText.escape(context.requestId())
                        + "; reporting the record as failed", error, e);
                return new RecordDecision(RecordFailure.REPORT, null);
            }
        }
        return new RecordDecision(fallback, null);
    }

    /** What happens to a failed record, and the strategy that decided it (null: the kernel's default). */
    record RecordDecision(RecordFailure action, String strategy) {
    }

    /**
     * Logs the strategy's own failure and, as a line of its own, the error it was handling: a
     * strategy that rethrows the error it was given is not a second error, and suppression may be
     * disabled on either.
     */
    private static void logStrategyFailure(ErrorStrategy s, String handling, Throwable original, Throwable failure) {
        LOG.log(System.Logger.Level.ERROR, "Error strategy '" + s.id() + "' failed while handling " + handling, failure);
        if (failure != original) {
            LOG.log(System.Logger.Level.ERROR, "The error that strategy '" + s.id() + "' was handling", original);
        }
    }

    /**
     * The errors nothing in Lift answers or swallows: every {@link VirtualMachineError} (out of
     * memory, an internal error of the JVM), for the JVM is not fit to answer and the runtime must
     * restart it; but not {@link StackOverflowError}, which has unwound the stack that overflowed
     * and leaves the JVM sound, so it fails only the request or record that caused it.
     */
    static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw (VirtualMachineError) e;
        }
    }

    private static String describe(HttpRequest request, InvocationContext context) {
        if (request != null) {
            // Escaped: a decoded %0a in the path must not start a forged log line.
            return LogText.escape(request.method()) + " " + LogText.escape(request.path());
        }
        if (context != null && context.event() != null) {
            return "(" + context.event().source() + " event)"; // never the event itself: it may carry the payload
        }
        return "(undecodable request)";
    }
}

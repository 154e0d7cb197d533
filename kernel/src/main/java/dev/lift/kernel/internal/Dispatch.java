package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.BatchResponse;
import dev.lift.api.EventKind;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import dev.lift.api.LogText;
import dev.lift.api.RecordBatch;
import dev.lift.api.RouteDescriptor;
import dev.lift.kernel.LambdaRequest;
import dev.lift.spi.EventAdapter;
import dev.lift.spi.InvocationOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One invocation: find the adapter, decode once, dispatch (HTTP by route; batches and events by
 * selector), tell listeners and metrics sinks, encode. HTTP always answers, through global
 * middleware, even when nothing matched, the request could not be decoded or Lift is stopping.
 */
final class Dispatch {

    private final Boot.Booted booted;
    private final Lifecycle lifecycle;
    private final AtomicBoolean coldStart;
    private final Encoding encoding;
    private final Map<String, RouteDescriptor> batchRoutes = new ConcurrentHashMap<>();

    Dispatch(Boot.Booted booted, Lifecycle lifecycle, AtomicBoolean coldStart) {
        this.booted = booted;
        this.lifecycle = lifecycle;
        this.coldStart = coldStart;
        this.encoding = new Encoding(booted.services().mapper());
    }

    void invoke(JsonNode root, OutputStream out, LambdaRequest meta) throws IOException {
        if (booted.keepWarm().matches(root)) {
            booted.keepWarm().answer(out, coldStart.getAndSet(false)); // nothing of the application runs
            return;
        }
        EventAdapter adapter = adapterFor(root);
        boolean entered = lifecycle.enter();
        long start = System.nanoTime();
        Invocation invocation = new Invocation(meta, entered && coldStart.getAndSet(false), root, booted.services());
        boolean attribute = booted.services().metrics().active();
        InvocationContext previous = attribute ? KernelMetrics.enter(invocation) : null;
        try {
            LiftEvent event;
            try {
                event = adapter.decode(root);
            } catch (LiftException e) {
                if (adapter.kind() != EventKind.HTTP) {
                    throw new InvocationException("Adapter '" + adapter.id() + "' could not decode the event: "
                            + (e.detail() == null ? e.getMessage() : e.detail()), null);
                }
                HttpRequest placeholder = HttpRequest.builder().source(adapter.id()).method("").path("/").build();
                invocation.event(placeholder);
                answerHttp(adapter, null, invocation, booted.http().undecodable(invocation, e), placeholder, start, out);
                return;
            }
            invocation.event(event);
            if (!entered) {
                String why = "Lift is " + lifecycle.state().name().toLowerCase(Locale.ROOT) + " and takes no new invocations";
                if (adapter.kind() != EventKind.HTTP) {
                    throw new InvocationException(why + " (request " + meta.requestId() + ")", null);
                }
                HttpRequest request = (HttpRequest) event;
                answerHttp(adapter, event, invocation,
                        booted.http().stopping(invocation, LiftException.unavailable(why, Duration.ofSeconds(1))), request,
                        start, out);
                return;
            }
            switch (event.kind()) {
                case HTTP: {
                    HttpRequest request = (HttpRequest) event;
                    answerHttp(adapter, event, invocation, booted.http().route(invocation, request), request, start, out);
                    return;
                }
                case BATCH:
                    dispatchBatch(adapter, event, invocation, start, out);
                    return;
                default:
                    dispatchEvent(adapter, event, invocation, start, out);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new InvocationException("Request " + meta.requestId() + " failed: " + e.getMessage(), e);
        } finally {
            if (attribute) {
                KernelMetrics.leave(previous);
            }
            if (entered) {
                lifecycle.exit();
            }
        }
    }

    /**
     * The priming pass (see {@code Snapshots.prime}): every typed-body reader built, then each
     * sample decoded, matched and answered by the kernel, encoded and dropped. No middleware,
     * handler or listener runs and no lifecycle or cold-start state changes.
     */
    int prime(List<? extends JsonNode> samples) {
        for (RouteRegistry.LazyReader reader : booted.bodyTypes().values()) {
            try {
                reader.get();
            } catch (RuntimeException e) { // an unreadable type is for `lift routes` to report; a request answers 500
                LOG.log(System.Logger.Level.DEBUG, () -> "Priming: no reader for " + reader.type().getName());
            }
        }
        int primed = 0;
        for (JsonNode root : samples) {
            try {
                if (primeOne(root)) {
                    primed++;
                }
            } catch (IOException | RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.DEBUG, "Priming: a sample event failed; skipped", e);
            }
        }
        return primed;
    }

    private static final System.Logger LOG = System.getLogger("lift.kernel");
    private static final LambdaRequest PRIMING = new LambdaRequest("lift-priming", Long.MAX_VALUE, "", null, "priming",
            "$LATEST", 0);

    private boolean primeOne(JsonNode root) throws IOException {
        booted.keepWarm().matches(root);
        EventAdapter adapter = null;
        for (EventAdapter a : booted.adapters()) {
            if (a.matches(root)) {
                adapter = a;
                break;
            }
        }
        if (adapter == null) {
            return false;
        }
        LiftEvent event = adapter.decode(root);
        Invocation invocation = new Invocation(PRIMING, false, root, booted.services());
        invocation.event(event);
        Object result;
        switch (event.kind()) {
            case HTTP:
                booted.http().route(invocation, (HttpRequest) event); // matched; the chain is not run
                result = encoding.ready(Pipeline.toResponse(Map.of("primed", true)), invocation);
                break;
            case BATCH:
                for (Object record : ((RecordBatch<?>) event).records()) {
                    booted.events().routeFor(record);
                }
                result = new BatchResponse(List.of());
                break;
            default:
                try {
                    booted.events().matchEvent(event);
                } catch (RuntimeException e) {
                    // no handler for this sample: the encoding is primed all the same
                }
                result = null;
        }
        encoding.encode(adapter, event, result, OutputStream.nullOutputStream());
        return true;
    }

    private void answerHttp(EventAdapter adapter, LiftEvent event, Invocation invocation, Pipeline.HttpStep step,
                            HttpRequest request, long start, OutputStream out) throws IOException {
        booted.hooks().start(invocation);
        HttpRequest routed = invocation.event() instanceof HttpRequest ? (HttpRequest) invocation.event() : request;
        HttpResponse response = encoding.ready(step.run(invocation, routed), invocation);
        RouteDescriptor route = invocation.route();
        if ("HEAD".equals(routed.method()) && "GET".equals(route.method())) {
            response.body(new byte[0], null);
        }
        int status = response.statusCode();
        end(invocation, EventKind.HTTP, status, 0, 0, invocation.failure(), start,
                status >= 500 ? "5xx" : status >= 400 ? "4xx" : null);
        encoding.encode(adapter, event, response, out);
    }

    @SuppressWarnings("unchecked")
    private void dispatchBatch(EventAdapter adapter, LiftEvent event, Invocation invocation, long start, OutputStream out)
            throws Exception {
        RecordBatch<Object> batch = (RecordBatch<Object>) event;
        invocation.route(batchRoutes.computeIfAbsent(event.source(), s -> new RouteDescriptor(EventKind.BATCH, null,
                s + " batch", Set.of(), dev.lift.api.RouteAttributes.empty(), "lift", "batch", List.of())));
        booted.hooks().start(invocation);
        BatchResponse response;
        try {
            response = booted.events().dispatchBatch(invocation, batch);
        } catch (Exception | Error e) {
            end(invocation, EventKind.BATCH, 500, batch.records().size(), batch.records().size(), e, start, "invocation");
            throw e;
        }
        int failed = response.failedItemIdentifiers().size();
        end(invocation, EventKind.BATCH, failed == 0 ? 200 : 207, batch.records().size(), failed, null, start,
                failed == 0 ? null : "record");
        encoding.encode(adapter, event, response, out);
    }

    private void dispatchEvent(EventAdapter adapter, LiftEvent event, Invocation invocation, long start, OutputStream out)
            throws Exception {
        EventDispatch.EventRoute route;
        try {
            route = booted.events().matchEvent(event);
        } catch (RuntimeException e) {
            invocation.route(batchRoutes.computeIfAbsent("event:" + event.source(), s -> new RouteDescriptor(EventKind.EVENT,
                    null, null, Set.of(), dev.lift.api.RouteAttributes.empty(), "lift", "unmatched", List.of())));
            booted.hooks().start(invocation);
            if (adapter.answersFailures()) {
                // A front door that answers its clients (WebSocket): no handler is a 404, as for an HTTP path.
                HttpResponse answer = encoding.ready(booted.errors().toResponse(
                        LiftException.notFound("No handler matches " + EventDispatch.describe(event)), invocation, null),
                        invocation);
                end(invocation, EventKind.EVENT, answer.statusCode(), 0, 0, null, start, "4xx");
                encoding.encode(adapter, event, answer, out);
                return;
            }
            end(invocation, EventKind.EVENT, 500, 0, 0, e, start, "invocation");
            throw e;
        }
        invocation.route(route.descriptor());
        booted.hooks().start(invocation);
        Object result;
        try {
            result = route.step().run(invocation, event);
        } catch (Exception | Error e) {
            if (!adapter.answersFailures() || (e instanceof VirtualMachineError && !(e instanceof StackOverflowError))) {
                end(invocation, EventKind.EVENT, 500, 0, 0, e, start, "invocation");
                throw e;
            }
            HttpResponse answer = encoding.ready(booted.errors().toResponse(e, invocation, null), invocation);
            end(invocation, EventKind.EVENT, answer.statusCode(), 0, 0, e, start,
                    answer.statusCode() >= 500 ? "5xx" : "4xx");
            encoding.encode(adapter, event, answer, out);
            return;
        }
        end(invocation, EventKind.EVENT, 200, 0, 0, null, start, null);
        encoding.encode(adapter, event, result, out);
    }

    private void end(Invocation invocation, EventKind kind, int status, int records, int failed, Throwable error,
                     long start, String errorClass) {
        long nanos = System.nanoTime() - start;
        if (!booted.hooks().isEmpty()) { // no outcome to build when nobody listens
            booted.hooks().end(invocation, new InvocationOutcome(kind, status, records, failed, error,
                    Duration.ofNanos(nanos), invocation.coldStart()));
        }
        booted.services().metrics().invocationEnded(invocation, kind, nanos, errorClass);
    }

    private EventAdapter adapterFor(JsonNode root) {
        for (EventAdapter a : booted.adapters()) {
            if (a.matches(root)) {
                return a;
            }
        }
        // Only the event's shape: its keys and values are the sender's data and may be posted to the
        // Runtime API as errorMessage. `lift plugins` lists the adapters for whoever can run it.
        String seen = root.isObject() ? "a JSON object with " + root.size() + " top-level field(s)"
                : "a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT);
        if (booted.adapters().length == 0) {
            throw new InvocationException("No event adapter is installed, so Lift cannot handle this event (" + seen
                    + "). Put an adapter plugin jar such as lift-adapter-apigateway-v2 or lift-adapter-sqs on the class "
                    + "path or in the plugins directory.", null);
        }
        throw new InvocationException("No installed adapter recognises this event (" + seen + "); "
                + booted.adapters().length + " adapter(s) are installed (`lift plugins` lists them): add the adapter "
                + "plugin for this event's source", null);
    }
}

package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftEvent;
import dev.lift.api.Metrics;
import dev.lift.api.ResourceLookup;
import dev.lift.api.RouteDescriptor;
import dev.lift.kernel.LambdaRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-invocation context. Usually confined to one thread, but the records of a batch may run
 * in parallel; each gets a {@link #forRecord view} with its own route, and attributes live in one
 * concurrent map they share.
 */
class Invocation implements InvocationContext {

    private final LambdaRequest meta;
    private final boolean coldStart;
    private final JsonNode raw;
    private final Services services;
    private volatile LiftEvent event;
    private volatile RouteDescriptor route;
    private final Map<String, Object> attributes;
    private final Invocation root;
    private volatile Throwable pending; // what an unmatched HTTP chain answers
    private volatile Throwable failure; // the error behind the answer, for listeners

    Invocation(LambdaRequest meta, boolean coldStart, JsonNode raw, Services services) {
        this.meta = meta;
        this.coldStart = coldStart;
        this.raw = raw;
        this.services = services;
        this.attributes = new ConcurrentHashMap<>(4);
        this.root = this;
    }

    /** A view for one record: the same invocation with the record's route. */
    private Invocation(Invocation parent, RouteDescriptor route) {
        this.meta = parent.meta;
        this.coldStart = parent.coldStart;
        this.raw = parent.raw;
        this.services = parent.services;
        this.event = parent.event;
        this.route = route;
        this.attributes = parent.attributes;
        this.root = parent.root;
    }

    Invocation forRecord(RouteDescriptor recordRoute) {
        return new Invocation(this, recordRoute);
    }

    /** The invocation a record view belongs to (itself for the invocation). */
    Invocation root() {
        return root;
    }

    void pending(Throwable error) {
        this.pending = error;
    }

    Exception pending() {
        Throwable t = pending;
        return t instanceof Exception ? (Exception) t : new IllegalStateException(t);
    }

    void failure(Throwable error) {
        if (failure == null) {
            failure = error;
        }
    }

    Throwable failure() {
        return failure;
    }

    void event(LiftEvent event) {
        this.event = event;
    }

    void route(RouteDescriptor route) {
        this.route = route;
    }

    @Override
    public String requestId() {
        return meta.requestId();
    }

    @Override
    public long deadlineMillis() {
        return meta.deadlineMillis();
    }

    @Override
    public String functionName() {
        return meta.functionName();
    }

    @Override
    public String functionVersion() {
        return meta.functionVersion();
    }

    @Override
    public String invokedFunctionArn() {
        return meta.invokedFunctionArn();
    }

    @Override
    public int memoryLimitMb() {
        return meta.memoryLimitMb();
    }

    @Override
    public boolean coldStart() {
        return coldStart;
    }

    @Override
    public Optional<String> traceId() {
        return Optional.ofNullable(meta.traceId());
    }

    @Override
    public LiftEvent event() {
        return event;
    }

    @Override
    public RouteDescriptor route() {
        return route;
    }

    @Override
    public JsonNode rawEvent() {
        return raw;
    }

    @Override
    public <T> T rawEvent(Class<T> type) {
        return services.converters().convert(raw, type);
    }

    @Override
    public ResourceLookup resources() {
        return services.resources();
    }

    @Override
    public Metrics metrics() {
        return services.metrics().boundTo(root); // made when asked for: most invocations never are
    }

    @Override
    public Optional<Object> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    @Override
    public void attribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public String toString() {
        return "Invocation[" + meta.requestId() + "]";
    }
}

package dev.lift.kernel.internal;

import dev.lift.api.InvocationContext;
import dev.lift.api.LiftEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-invocation context. Usually confined to one thread, but records of a batch may run in
 * parallel and share it, so attributes live in a concurrent map.
 */
final class Invocation implements InvocationContext {

    private final RequestMeta meta;
    private final boolean coldStart;
    private volatile LiftEvent event;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>(4);

    Invocation(RequestMeta meta, boolean coldStart) {
        this.meta = meta;
        this.coldStart = coldStart;
    }

    void event(LiftEvent event) {
        this.event = event;
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
}

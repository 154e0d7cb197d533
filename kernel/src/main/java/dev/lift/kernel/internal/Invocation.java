package dev.lift.kernel.internal;

import dev.lift.spi.InvocationContext;
import dev.lift.spi.LiftEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The per-invocation context. Confined to the invocation's thread, so a plain map suffices. */
final class Invocation implements InvocationContext {

    private final RequestMeta meta;
    private final boolean coldStart;
    private LiftEvent event;
    private Map<String, Object> attributes;

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
        return attributes == null ? Optional.empty() : Optional.ofNullable(attributes.get(name));
    }

    @Override
    public void attribute(String name, Object value) {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }
}

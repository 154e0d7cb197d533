package dev.lift.plugins.problem;

import dev.lift.spi.InvocationContext;
import dev.lift.spi.LiftEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An invocation context for unit tests: a fixed request id, a deadline 30 s away, the given event. */
final class TestInvocation implements InvocationContext {

    private final String requestId;
    private final LiftEvent event;
    private final Map<String, Object> attributes = new HashMap<>();

    TestInvocation(String requestId, LiftEvent event) {
        this.requestId = requestId;
        this.event = event;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public long deadlineMillis() {
        return System.currentTimeMillis() + 30_000;
    }

    @Override
    public String functionName() {
        return "test";
    }

    @Override
    public String functionVersion() {
        return "$LATEST";
    }

    @Override
    public String invokedFunctionArn() {
        return "arn:aws:lambda:eu-central-1:123456789012:function:test";
    }

    @Override
    public int memoryLimitMb() {
        return 512;
    }

    @Override
    public boolean coldStart() {
        return false;
    }

    @Override
    public Optional<String> traceId() {
        return Optional.empty();
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

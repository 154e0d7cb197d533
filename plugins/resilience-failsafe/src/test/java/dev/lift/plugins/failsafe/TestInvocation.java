package dev.lift.plugins.failsafe;

import dev.lift.spi.InvocationContext;
import dev.lift.spi.LiftEvent;
import java.util.Optional;

/** An invocation context for unit tests with a fixed request id and a deadline of the test's choosing. */
final class TestInvocation implements InvocationContext {

    private final String requestId;
    private final long deadlineMillis;

    private TestInvocation(String requestId, long deadlineMillis) {
        this.requestId = requestId;
        this.deadlineMillis = deadlineMillis;
    }

    /** An invocation whose deadline is {@code millis} from now. */
    static TestInvocation withTimeLeft(String requestId, long millis) {
        return new TestInvocation(requestId, System.currentTimeMillis() + millis);
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public long deadlineMillis() {
        return deadlineMillis;
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
        return null;
    }

    @Override
    public Optional<Object> attribute(String name) {
        return Optional.empty();
    }

    @Override
    public void attribute(String name, Object value) {
        throw new UnsupportedOperationException();
    }
}

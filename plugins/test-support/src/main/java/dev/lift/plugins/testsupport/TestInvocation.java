package dev.lift.plugins.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.lift.api.EventKind;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftEvent;
import dev.lift.api.Metrics;
import dev.lift.api.ResourceLookup;
import dev.lift.api.RouteAttributes;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.TypeRef;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An invocation context for unit tests: a fixed request id, a deadline, the given event (or none). */
public final class TestInvocation implements InvocationContext {

    private final String requestId;
    private final long deadlineMillis;
    private final LiftEvent event;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    private TestInvocation(String requestId, long deadlineMillis, LiftEvent event) {
        this.requestId = requestId;
        this.deadlineMillis = deadlineMillis;
        this.event = event;
    }

    /** An invocation of {@code event} with a deadline 30 s away. */
    public TestInvocation(String requestId, LiftEvent event) {
        this(requestId, System.currentTimeMillis() + 30_000, event);
    }

    /** An invocation without an event whose deadline is {@code millis} from now. */
    public static TestInvocation withTimeLeft(String requestId, long millis) {
        return new TestInvocation(requestId, System.currentTimeMillis() + millis, null);
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
        return event;
    }

    /** A route that names the test; unit tests of plugins rarely need more. */
    @Override
    public RouteDescriptor route() {
        return new RouteDescriptor(event == null ? EventKind.EVENT : event.kind(), null, "test", Set.of(),
                RouteAttributes.empty(), "test", "test", List.of());
    }

    /** No raw event: unit tests hand plugins decoded events. */
    @Override
    public JsonNode rawEvent() {
        return NullNode.getInstance();
    }

    @Override
    public <T> T rawEvent(Class<T> type) {
        throw new IllegalStateException("No installed event converter produces " + type.getName());
    }

    /** No resources. */
    @Override
    public ResourceLookup resources() {
        return new ResourceLookup() {
            @Override
            public <T> Optional<T> find(Class<T> type) {
                return Optional.empty();
            }

            @Override
            public <T> Optional<T> find(Class<T> type, String name) {
                return Optional.empty();
            }

            @Override
            public <T> Optional<T> find(TypeRef<T> type) {
                return Optional.empty();
            }

            @Override
            public <T> Optional<T> find(TypeRef<T> type, String name) {
                return Optional.empty();
            }
        };
    }

    @Override
    public Metrics metrics() {
        return Metrics.NOOP;
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

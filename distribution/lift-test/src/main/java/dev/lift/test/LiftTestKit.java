package dev.lift.test;

import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.api.Api;
import dev.lift.api.LiftPlugin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs Lift in-process for a test: a kernel booted from exactly the plugins the test names
 * (discovery off by default, so nothing else on the class path interferes), invoked with events
 * built by {@link Events} or read from files, with results to assert on.
 *
 * <pre>{@code
 * try (LiftTestKit lift = LiftTestKit.withPlugins(new ApiGatewayV2Adapter(), new TodoApp())) {
 *     lift.invoke(Events.http("GET", "/todos/1")).http().assertStatus(404);
 * }
 * }</pre>
 *
 * <p>Thread-safe like the kernel: tests may invoke from several threads at once. The environment
 * is empty unless given, so {@code LIFT_*} variables of the machine running the tests do not leak in.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class LiftTestKit implements AutoCloseable {

    private final LiftKernel kernel;
    private final long timeoutMillis;
    private final AtomicInteger requests = new AtomicInteger();

    private LiftTestKit(LiftKernel kernel, long timeoutMillis) {
        this.kernel = kernel;
        this.timeoutMillis = timeoutMillis;
    }

    /** A builder; discovery is off until {@link Builder#discover(boolean)} turns it on. */
    public static Builder builder() {
        return new Builder();
    }

    /** Boots a kernel with exactly these plugins. */
    public static LiftTestKit withPlugins(LiftPlugin... plugins) {
        Builder b = builder();
        for (LiftPlugin p : plugins) {
            b.plugin(p);
        }
        return b.build();
    }

    /** Boots a kernel with every plugin on the test class path, as Lambda would. */
    public static LiftTestKit discovering() {
        return builder().discover(true).build();
    }

    /** The booted kernel, for what the kit does not wrap (routes, plugins, health). */
    public LiftKernel kernel() {
        return kernel;
    }

    /** Invokes with a built event. */
    public InvocationResult invoke(TestEvent event) {
        return invoke(event.toBytes());
    }

    /** Invokes with event JSON text (for example a fixture file's content). */
    public InvocationResult invoke(String eventJson) {
        return invoke(eventJson.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Invokes with event bytes. The request id is {@code test-request-N}, counting from 1 in this kit.
     * Failures of the invocation itself (no adapter, a batch that failed as a whole) are thrown as
     * the kernel throws them.
     */
    public InvocationResult invoke(byte[] event) {
        LambdaRequest local = LambdaRequest.local(timeoutMillis);
        LambdaRequest request = new LambdaRequest("test-request-" + requests.incrementAndGet(), local.deadlineMillis(),
                local.invokedFunctionArn(), null, local.functionName(), local.functionVersion(), local.memoryLimitMb());
        return new InvocationResult(kernel.invoke(event, request));
    }

    /** Invokes with a request the test made, for example to control the deadline. */
    public InvocationResult invoke(byte[] event, LambdaRequest request) {
        return new InvocationResult(kernel.invoke(event, request));
    }

    /** Shuts the kernel down (gracefully, as at the end of a Lambda environment's life). */
    @Override
    public void close() {
        kernel.shutdown();
    }

    /** Chooses plugins and settings; not thread-safe. */
    public static final class Builder {
        private final List<LiftPlugin> plugins = new ArrayList<>();
        private final Map<String, String> settings = new HashMap<>();
        private Map<String, String> environment = Map.of();
        private boolean discover;
        private ClassLoader loader;
        private long timeoutMillis = 30_000;

        private Builder() {
        }

        /** Adds a plugin instance. */
        public Builder plugin(LiftPlugin plugin) {
            plugins.add(Objects.requireNonNull(plugin));
            return this;
        }

        /** Whether to also discover plugins on the class path (default false). */
        public Builder discover(boolean discover) {
            this.discover = discover;
            return this;
        }

        /** Where to discover plugins from (turns discovery on). */
        public Builder classLoader(ClassLoader loader) {
            this.loader = Objects.requireNonNull(loader);
            this.discover = true;
            return this;
        }

        /** A setting by property name, for example {@code lift.batch.failure-mode}. */
        public Builder setting(String property, String value) {
            settings.put(property, value);
            return this;
        }

        /** The environment the kernel reads {@code LIFT_*} variables from (default: empty). */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /** The time budget of each invocation (default 30 s). */
        public Builder timeoutMillis(long millis) {
            this.timeoutMillis = millis;
            return this;
        }

        /** Boots the kernel; a boot failure is thrown as {@link dev.lift.kernel.LiftBootException}. */
        public LiftTestKit build() {
            Lift.Builder b = Lift.builder().discover(discover).settings(settings).environment(environment);
            if (loader != null) {
                b.classLoader(loader);
            }
            plugins.forEach(b::plugin);
            return new LiftTestKit(b.build(), timeoutMillis);
        }
    }
}

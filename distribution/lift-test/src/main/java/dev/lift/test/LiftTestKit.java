package dev.lift.test;

import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.api.Api;
import dev.lift.api.LiftPlugin;
import dev.lift.api.RouteDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.opentest4j.AssertionFailedError;

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
 * <p>Booting also checks, as {@code lift routes} does, that Jackson can read the body type of every
 * typed route ({@code routes.post("/todos", Todo.class, ...)}); Lambda never runs that check, so
 * without it an unreadable type (an interface without type information, say) would only show as a
 * 500 on the first request. A kit that finds one fails with an {@link AssertionFailedError} naming
 * each route and Jackson's reason.
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
        private boolean checkBodyTypes = true;

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

        /**
         * Whether booting checks that Jackson can read every typed route's body type (default true).
         * Turn it off only to test what a request to such a route does.
         */
        public Builder checkBodyTypes(boolean check) {
            this.checkBodyTypes = check;
            return this;
        }

        /**
         * Boots the kernel; a boot failure is thrown as {@link dev.lift.kernel.LiftBootException}.
         *
         * @throws AssertionFailedError naming each typed route whose body type Jackson cannot read,
         *     with Jackson's reason (see {@link #checkBodyTypes})
         */
        public LiftTestKit build() {
            Lift.Builder b = Lift.builder().discover(discover).settings(settings).environment(environment);
            if (loader != null) {
                b.classLoader(loader);
            }
            plugins.forEach(b::plugin);
            LiftKernel kernel = b.build();
            if (checkBodyTypes) {
                Map<RouteDescriptor, String> unreadable = kernel.unreadableBodyTypes();
                if (!unreadable.isEmpty()) {
                    kernel.shutdown();
                    throw new AssertionFailedError(unreadableMessage(unreadable));
                }
            }
            return new LiftTestKit(kernel, timeoutMillis);
        }

        private static String unreadableMessage(Map<RouteDescriptor, String> unreadable) {
            StringBuilder sb = new StringBuilder("Jackson cannot read the body type of ")
                    .append(unreadable.size() == 1 ? "1 route" : unreadable.size() + " routes")
                    .append("; on Lambda every request to ").append(unreadable.size() == 1 ? "it" : "them")
                    .append(" would fail with a 500:");
            unreadable.forEach((route, reason) -> sb.append("\n  ").append(route).append(": ").append(reason));
            return sb.append("\nUse a record or a class Jackson can construct, give an interface type information")
                    .append(" (@JsonTypeInfo), or add a Jackson module with LiftPlugin.jsonModules().").toString();
        }
    }
}

package dev.lift.kernel;

import dev.lift.kernel.internal.BootFailure;
import dev.lift.kernel.internal.Kernel;
import dev.lift.spi.LifecycleListener;
import dev.lift.api.LiftPlugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Boots Lift. {@link #shared()} is the JVM-wide kernel the Lambda entry point uses: plugins are
 * discovered with {@link java.util.ServiceLoader} from the class loader that loaded Lift, and a
 * JVM shutdown hook drains in-flight invocations and closes resources (bounded by
 * {@code lift.kernel.drain-time}, default 200 ms, to fit Lambda's shutdown window).
 * {@link #builder()} boots other kernels, for tests and embedding.
 */
public final class Lift {

    private Lift() {
    }

    /** A builder for a kernel of your own. */
    public static Builder builder() {
        return new Builder();
    }

    /** The JVM-wide kernel, booted on first use (once per JVM) with a shutdown hook. */
    public static LiftKernel shared() {
        return Shared.KERNEL;
    }

    private static final class Shared {
        static final LiftKernel KERNEL = builder().shutdownHook(true).build();
    }

    /** Configures and boots a kernel. Not thread-safe; use from one thread. */
    public static final class Builder {
        private ClassLoader loader = Lift.class.getClassLoader();
        private boolean discover = true;
        private final List<LiftPlugin> plugins = new ArrayList<>();
        private final Map<String, String> settings = new HashMap<>();
        private Map<String, String> environment = System.getenv();
        private final List<LifecycleListener> listeners = new ArrayList<>();
        private boolean shutdownHook;
        private java.time.Clock clock = java.time.Clock.systemUTC();

        private Builder() {
        }

        /** The class loader to discover plugins from (default: the one that loaded Lift). */
        public Builder classLoader(ClassLoader loader) {
            this.loader = Objects.requireNonNull(loader);
            return this;
        }

        /** Whether to discover plugins with ServiceLoader (default true); off, only {@link #plugin} counts. */
        public Builder discover(boolean discover) {
            this.discover = discover;
            return this;
        }

        /** Adds a plugin instance (besides any discovered). */
        public Builder plugin(LiftPlugin plugin) {
            plugins.add(Objects.requireNonNull(plugin));
            return this;
        }

        /** Sets a setting by its property name, for example {@code lift.batch.failure-mode}; wins over the environment. */
        public Builder setting(String property, String value) {
            settings.put(property, value);
            return this;
        }

        /** Sets several settings by property name. */
        public Builder settings(Map<String, String> values) {
            settings.putAll(values);
            return this;
        }

        /** The environment to read {@code LIFT_*} variables from (default: the process environment). */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /** Tells a listener about state changes, including those during boot. */
        public Builder listener(LifecycleListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * The clock invocation deadlines are measured against (default: the system clock): a test
         * sets a fixed or hand-moved one to show what happens near a deadline without waiting.
         */
        public Builder clock(java.time.Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Registers a JVM shutdown hook that shuts the kernel down gracefully (default false). */
        public Builder shutdownHook(boolean register) {
            this.shutdownHook = register;
            return this;
        }

        /**
         * Boots the kernel.
         *
         * @throws LiftBootException naming every problem found
         */
        public LiftKernel build() {
            Kernel kernel;
            try {
                kernel = new Kernel(new Kernel.Config(discover ? loader : null, List.copyOf(plugins),
                        Map.copyOf(settings), environment, List.copyOf(listeners), clock));
            } catch (BootFailure e) {
                throw new LiftBootException(e.getMessage(), e.getCause());
            }
            LiftKernel lift = new LiftKernel(kernel);
            if (shutdownHook) {
                Runtime.getRuntime().addShutdownHook(new Thread(lift::shutdown, "lift-shutdown"));
            }
            return lift;
        }
    }
}

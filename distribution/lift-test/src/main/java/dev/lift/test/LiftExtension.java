package dev.lift.test;

import dev.lift.api.Api;
import dev.lift.api.LiftPlugin;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that boots a {@link LiftTestKit} for a test class and shuts it down after.
 * Registered on a {@code static} field, one kernel serves every test of the class; on an instance
 * field, each test gets a fresh kernel (and fresh plugin instances, if given as a supplier).
 * Test methods may also take a {@link LiftTestKit} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LiftExtension lift = LiftExtension.withPlugins(new ApiGatewayV2Adapter(), new TodoApp());
 *
 * @Test
 * void unknownTodoIs404() {
 *     lift.invoke(Events.http("GET", "/todos/9")).http().assertStatus(404);
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class LiftExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final Supplier<LiftTestKit> boot;
    private volatile LiftTestKit kit;
    private volatile boolean classScoped;

    private LiftExtension(Supplier<LiftTestKit> boot) {
        this.boot = boot;
    }

    /** Boots with exactly these plugin instances (shared by the tests if the field is static). */
    public static LiftExtension withPlugins(LiftPlugin... plugins) {
        LiftPlugin[] copy = plugins.clone();
        return new LiftExtension(() -> LiftTestKit.withPlugins(copy));
    }

    /** Boots from a builder each time a kernel is needed, for example with fresh plugin instances. */
    public static LiftExtension of(Supplier<LiftTestKit> boot) {
        return new LiftExtension(Objects.requireNonNull(boot));
    }

    /** Boots with every plugin on the test class path. */
    public static LiftExtension discovering() {
        return new LiftExtension(LiftTestKit::discovering);
    }

    /** The running kit (booted on first use). */
    public LiftTestKit kit() {
        LiftTestKit k = kit;
        if (k == null) {
            synchronized (this) {
                if (kit == null) {
                    kit = boot.get();
                }
                k = kit;
            }
        }
        return k;
    }

    /** Invokes the running kit with a built event. */
    public InvocationResult invoke(TestEvent event) {
        return kit().invoke(event);
    }

    /** Invokes the running kit with event JSON text. */
    public InvocationResult invoke(String eventJson) {
        return kit().invoke(eventJson);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
        kit();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        kit();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!classScoped) {
            shutdown();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        shutdown();
    }

    private synchronized void shutdown() {
        if (kit != null) {
            kit.close();
            kit = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LiftTestKit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return kit();
    }
}

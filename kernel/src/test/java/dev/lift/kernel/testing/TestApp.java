package dev.lift.kernel.testing;

import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import java.util.function.Consumer;

/** An application whose routes a test supplies as a lambda. */
public class TestApp implements LiftApplication {

    private final String id;
    private final Consumer<Routes> routes;

    public TestApp(String id, Consumer<Routes> routes) {
        this.id = id;
        this.routes = routes;
    }

    public TestApp(Consumer<Routes> routes) {
        this("test-app", routes);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void configure(Routes r) {
        routes.accept(r);
    }
}

package dev.lift.plugins.testsupport;

import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import java.util.function.Consumer;

/** An application whose routes a test supplies. */
public final class TestApp implements LiftApplication {

    private final Consumer<Routes> routes;

    public TestApp(Consumer<Routes> routes) {
        this.routes = routes;
    }

    @Override
    public String id() {
        return "test-app";
    }

    @Override
    public void configure(Routes r) {
        routes.accept(r);
    }
}

package dev.lift.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Booting a kit checks every typed route's body type, so an unreadable one fails the test, not Lambda. */
class BodyTypeCheckTest {

    /** An interface without type information: Jackson cannot know which class to make. */
    interface Shape {
        double area();
    }

    record Todo(String title, boolean done) {
    }

    static final class ShapeApp implements LiftApplication {
        @Override
        public String id() {
            return "shape-app";
        }

        @Override
        public void configure(Routes routes) {
            routes.post("/shapes", Shape.class, (shape, req, ctx) -> Map.of("area", shape.area()));
            routes.post("/todos", Todo.class, (todo, req, ctx) -> todo);
        }
    }

    static final class TodoApp implements LiftApplication {
        @Override
        public String id() {
            return "todo-app";
        }

        @Override
        public void configure(Routes routes) {
            routes.post("/todos", Todo.class, (todo, req, ctx) -> todo);
        }
    }

    @Test
    void anInterfaceBodyTypeFailsTheKitNamingTheRouteAndJacksonsReason() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> LiftTestKit.withPlugins(new ApiGatewayV2Adapter(), new ShapeApp()));
        assertEquals("Jackson cannot read the body type of 1 route; on Lambda every request to it would fail with a 500:\n"
                + "  POST /shapes: dev.lift.test.BodyTypeCheckTest$Shape: Cannot construct instance of `dev.lift.test.BodyTypeCheckTest$Shape` (no Creators, like "
                + "default constructor, exist): abstract types either need to be mapped to concrete types, have custom "
                + "deserializer, or contain additional type information\n"
                + "Use a record or a class Jackson can construct, give an interface type information (@JsonTypeInfo), "
                + "or add a Jackson module with LiftPlugin.jsonModules().", e.getMessage());
    }

    @Test
    void aRecordBodyTypePassesAndIsRead() {
        try (LiftTestKit kit = LiftTestKit.withPlugins(new ApiGatewayV2Adapter(), new TodoApp())) {
            kit.invoke(Events.http("POST", "/todos").json("{\"title\":\"Try Lift\",\"done\":true}")).http()
                    .assertStatus(200)
                    .assertJsonBody("{\"title\":\"Try Lift\",\"done\":true}");
        }
    }

    @Test
    void withTheCheckOffTheRouteBootsAndARequestToItIsA500() {
        try (LiftTestKit kit = LiftTestKit.builder().plugin(new ApiGatewayV2Adapter()).plugin(new ShapeApp())
                .checkBodyTypes(false).build()) {
            kit.invoke(Events.http("POST", "/shapes").json("{\"side\":2}")).http().assertStatus(500);
        }
    }
}

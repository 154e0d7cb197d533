package dev.lift.example;

import dev.lift.api.SpiVersion;
import dev.lift.api.Api;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftApplication;
import dev.lift.api.LiftException;
import dev.lift.api.PluginContext;
import dev.lift.api.Routes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The example application: a small todo API, a greeting, and event handlers that show each kind of
 * work Lift dispatches. It depends on {@code lift-spi} only and is found through
 * {@code META-INF/services/dev.lift.api.LiftApplication}, exactly like a user's application.
 *
 * <pre>
 * GET    /hello/{name}      {"message":"Hello, {name}!"}
 * GET    /todos             every todo
 * POST   /todos             {"title":"...","done":false} -> 201 with Location; blank title -> 422
 * GET    /todos/{id}        one todo, 404 if unknown
 * PUT    /todos/{id}        replace title and done, 404 if unknown
 * DELETE /todos/{id}        204, 404 if unknown
 * GET    /me                {"sub":"...","scopes":[...]} of the caller's bearer token; 401 without a valid one
 * GET    /me/admin          the same, and 403 unless the token has scope admin
 * </pre>
 *
 * <p>{@code /me} and {@code /me/admin} are marked {@code authenticated()} / {@code scopes("admin")}:
 * the jwt plugin checks the token (configured with {@code LIFT_JWT_JWKS_URL} and
 * {@code LIFT_JWT_ISSUER}); without it they answer 401, never the handler.
 *
 * <p>Event handlers: see {@link ExampleWorkers}.
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class ExampleApp implements LiftApplication {

    private final TodoStore store = new TodoStore();

    @Override
    public String id() {
        return "example-app";
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    /**
     * Takes part unless {@code lift.example-app.enabled} (env {@code LIFT_EXAMPLE_APP_ENABLED}) is
     * false. lift.jar carries this app, and its handlers are catch-alls, so the kernel never even
     * calls this when another application is installed (class path, layer, plugins directory or
     * builder), unless that setting is explicitly true.
     */
    @Override
    public boolean init(PluginContext context) {
        return context.settings().getBoolean("enabled", true);
    }

    @Override
    public void configure(Routes routes) {
        routes.get("/hello/{name}", ExampleApp::hello);
        routes.group("/todos", todos -> {
            todos.get("", (req, ctx) -> store.list());
            todos.post("", TodoInput.class, this::create);
            todos.get("/{id}", (req, ctx) -> find(req));
            todos.put("/{id}", TodoInput.class, this::update);
            todos.delete("/{id}", this::delete);
        });
        routes.get("/me", ExampleApp::me).authenticated()
                .get("/me/admin", ExampleApp::me).scopes("admin");
        new ExampleWorkers(store).register(routes);
    }

    /**
     * The caller as the authentication plugin verified it: the jwt plugin puts the token's subject
     * and scopes on the invocation as {@code lift.auth.subject} and {@code lift.auth.scopes}.
     */
    private static Object me(HttpRequest request, InvocationContext context) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("sub", context.attribute("lift.auth.subject").orElse(null));
        me.put("scopes", context.attribute("lift.auth.scopes").orElse(List.of()));
        return me;
    }

    /** The store, for tests that look behind the API. */
    public TodoStore store() {
        return store;
    }

    private static Object hello(HttpRequest request, InvocationContext context) {
        return Map.of("message", "Hello, " + request.pathParam("name").orElse("world") + "!");
    }

    private Object create(TodoInput input, HttpRequest request, InvocationContext context) {
        TodoInput valid = input.validated();
        Todo todo = store.create(valid.title().strip(), valid.doneOrFalse());
        return HttpResponse.json(todo).withStatus(201).header("Location", "/todos/" + todo.id());
    }

    private Todo find(HttpRequest request) {
        String id = request.pathParam("id").orElseThrow();
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    private Object update(TodoInput input, HttpRequest request, InvocationContext context) {
        String id = request.pathParam("id").orElseThrow();
        TodoInput valid = input.validated();
        return store.update(id, valid.title().strip(), valid.doneOrFalse()).orElseThrow(() -> notFound(id));
    }

    private Object delete(HttpRequest request, InvocationContext context) {
        String id = request.pathParam("id").orElseThrow();
        if (!store.delete(id)) {
            throw notFound(id);
        }
        return HttpResponse.noContent();
    }

    private static LiftException notFound(String id) {
        return LiftException.notFound("There is no todo with id " + id);
    }
}

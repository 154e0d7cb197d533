package dev.lift.api;

/**
 * The user's application, discovered like any plugin: it registers routes and event handlers.
 * Several applications may be installed; their routes must not conflict.
 *
 * <pre>{@code
 * public final class TodoApp implements LiftApplication {
 *     public String id() { return "todo-app"; }
 *     public void configure(Routes routes) {
 *         routes.get("/todos/{id}", (req, ctx) -> store.get(req.pathParam("id").orElseThrow()));
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface LiftApplication extends LiftPlugin {

    /** Registers routes and handlers; called once at boot, after {@link #init}. */
    void configure(Routes routes);
}

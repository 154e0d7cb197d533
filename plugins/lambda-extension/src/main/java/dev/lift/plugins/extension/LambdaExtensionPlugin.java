package dev.lift.plugins.extension;

import dev.lift.api.LiftPlugin;
import dev.lift.api.PluginContext;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import java.io.IOException;
import java.time.Duration;

/**
 * Registers Lift with the Lambda Extensions API as an internal extension during init. Lambda sends
 * SIGTERM to the runtime process at shutdown only when an extension is registered; with this
 * plugin the JVM's shutdown hook, and so Lift's graceful shutdown (drain, close resources in
 * reverse order, flush), runs on the managed Java runtime and on the custom runtime alike. Lambda
 * then gives the runtime about 500 ms before SIGKILL, which Lift's shutdown budget fits inside.
 *
 * <p>The registration asks for no events; a daemon thread then waits on the extension's next
 * event, which is how an extension tells Lambda that its init is done. Outside Lambda (no
 * {@code AWS_LAMBDA_RUNTIME_API}) the plugin declines. Settings ({@code lift.lambda-extension.*},
 * env {@code LIFT_LAMBDA_EXTENSION_*}):
 * <ul>
 *   <li>{@code enabled}: {@code true} (default) or {@code false};</li>
 *   <li>{@code name}: the extension name Lambda lists, default {@code lift};</li>
 *   <li>{@code register-timeout}: how long registration may take, default {@code 1s};</li>
 *   <li>{@code runtime-api}: the {@code host:port} of the API, default {@code AWS_LAMBDA_RUNTIME_API}.</li>
 * </ul>
 * A failed registration is logged and boot goes on: the function still serves, only without SIGTERM.
 */
public final class LambdaExtensionPlugin implements LiftPlugin {

    private volatile Thread waiter;
    private volatile String extensionId;

    @Override
    public String id() {
        return "lambda-extension";
    }

    @Override
    public int order() {
        return -1000; // before every other plugin: register early in init
    }

    @Override
    public boolean init(PluginContext context) {
        Settings settings = context.settings();
        boolean enabled = settings.getBoolean("enabled", true);
        String name = settings.get("name", "lift").trim();
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new SettingException(settings.describe("name"), name,
                    "1 to 64 letters, digits, '.', '_' or '-'");
        }
        Duration timeout = settings.getDuration("register-timeout", Duration.ofSeconds(1));
        String address = settings.get("runtime-api").orElse(System.getenv("AWS_LAMBDA_RUNTIME_API"));
        if (!enabled || address == null || address.isBlank()) {
            return false;
        }
        ExtensionsApi api;
        try {
            api = new ExtensionsApi(address.trim(), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IllegalArgumentException e) {
            throw new SettingException(settings.describe("runtime-api") + " or AWS_LAMBDA_RUNTIME_API", address,
                    "host:port");
        }
        System.Logger log = context.logger();
        ExtensionsApi.Answer answer;
        try {
            answer = api.register(name, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "Could not register with the Lambda Extensions API ("
                    + e.getClass().getSimpleName() + "); SIGTERM will not reach this runtime and shutdown hooks will not run");
            return false;
        }
        if (answer.status() != 200 || answer.extensionId() == null || answer.extensionId().isBlank()) {
            log.log(System.Logger.Level.WARNING, "The Lambda Extensions API refused the registration (HTTP " + answer.status()
                    + "); SIGTERM will not reach this runtime and shutdown hooks will not run");
            return false;
        }
        extensionId = answer.extensionId();
        Thread t = new Thread(() -> awaitEvents(api, answer.extensionId(), log), "lift-extension");
        t.setDaemon(true);
        t.start();
        waiter = t;
        log.log(System.Logger.Level.DEBUG, () -> "Registered with the Lambda Extensions API as internal extension '" + name + "'");
        return true;
    }

    /** Waits on the next event for as long as Lambda hands them out; an internal extension with no events waits until the end. */
    private static void awaitEvents(ExtensionsApi api, String id, System.Logger log) {
        while (true) {
            ExtensionsApi.Answer event;
            try {
                event = api.next(id);
            } catch (IOException e) {
                log.log(System.Logger.Level.DEBUG, () -> "The Lambda Extensions API closed the event stream: " + e.getMessage());
                return;
            }
            if (event.status() != 200) {
                log.log(System.Logger.Level.WARNING, "The Lambda Extensions API answered HTTP " + event.status()
                        + " for the next event; the internal extension stops waiting");
                return;
            }
            if (event.body().contains("\"SHUTDOWN\"")) {
                return;
            }
        }
    }

    /** The id Lambda gave this extension, or null before (or without) registration. */
    String extensionId() {
        return extensionId;
    }

    /** The thread that waits on events, or null. */
    Thread waiter() {
        return waiter;
    }
}

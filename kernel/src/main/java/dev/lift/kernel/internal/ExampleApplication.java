package dev.lift.kernel.internal;

import dev.lift.api.LiftApplication;
import dev.lift.api.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The rule for the example application that {@code lift.jar} carries (id {@value #ID}): it takes
 * part only when it is the one application installed. Its handlers are catch-alls (every SQS queue,
 * every S3 bucket, every EventBridge event and schedule), so beside a user's application they would
 * take the events that application does not select. The rule is applied to the full plugin list,
 * so it holds however the other application arrives: on the class path (a shaded jar, a jar beside
 * {@code lift.jar}, a Lambda layer in {@code /opt/java/lib}), in a plugins directory, or given to
 * the builder. Only {@code lift.example-app.enabled=true} (env {@code LIFT_EXAMPLE_APP_ENABLED})
 * keeps both, and boot then says so with a warning.
 */
final class ExampleApplication {

    /** The example application's plugin id. */
    static final String ID = "example-app";

    private static final System.Logger LOG = System.getLogger("lift.kernel");

    private ExampleApplication() {
    }

    /**
     * Returns the example application's plugin when it must step aside, else null; its settings are
     * attached so that {@code lift plugins} shows what it read.
     */
    static LoadedPlugin steppingAside(List<LoadedPlugin> plugins, Function<String, Settings> settings) {
        LoadedPlugin example = null;
        List<String> others = new ArrayList<>();
        for (LoadedPlugin lp : plugins) {
            if (lp.plugin instanceof LiftApplication) {
                if (ID.equals(lp.id())) {
                    example = lp;
                } else {
                    others.add(lp.id() + " (" + lp.source + ")");
                }
            }
        }
        if (example == null || others.isEmpty()) {
            return null;
        }
        example.settings = (KernelSettings) settings.apply(ID);
        if (example.settings.getBoolean("enabled", false)) {
            LOG.log(System.Logger.Level.WARNING, "The example application runs beside " + String.join(", ", others)
                    + " because lift.example-app.enabled / LIFT_EXAMPLE_APP_ENABLED is true: its catch-all handlers"
                    + " take every SQS, S3, EventBridge and schedule event those applications do not select");
            return null;
        }
        LOG.log(System.Logger.Level.INFO, "The example application steps aside for " + String.join(", ", others));
        return example;
    }
}

package dev.lift.plugins.crac;

import dev.lift.api.Api;
import dev.lift.api.LiftPlugin;
import dev.lift.api.PluginContext;
import dev.lift.api.Settings;
import dev.lift.spi.LifecycleListener;
import dev.lift.spi.LifecycleState;
import dev.lift.spi.Snapshots;
import org.crac.Core;

/**
 * Connects the kernel's snapshot hooks ({@link Snapshots}: every {@code SnapshotListener} and the
 * resource providers' {@code beforeCheckpoint} / {@code afterRestore}) to {@code org.crac}, which
 * Lambda SnapStart and CRaC JDKs call when they take a snapshot and restore it. At init it
 * registers one {@code org.crac.Resource} with the global context; the runtime calls it before the
 * checkpoint and after the restore, and it runs the kernel's hooks in their documented order and
 * logs one line with the time they took. A failing hook fails the checkpoint (or the restore): the
 * first failure reaches the runtime, after every other hook ran. Before the hooks it asks the
 * kernel to prime ({@link Snapshots#prime}) with AWS's sample event of each standard source, which
 * loads the pipeline's classes into the snapshot without running application code
 * ({@code lift.snapshot.priming=false} skips it).
 *
 * <p>On a JVM without CRaC, {@code org.crac} keeps no registration and nothing is ever called: the
 * plugin costs one object.
 *
 * <p>Settings (namespace {@code snapshot-crac}):
 * <pre>
 * lift.snapshot-crac.enabled=true   # false: decline and register nothing; default true
 * </pre>
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class CracSnapshotBinding implements LiftPlugin, LifecycleListener {

    /** The plugin id, which is also the settings namespace. */
    public static final String ID = "snapshot-crac";

    // org.crac (and the JDK behind it) holds registered resources weakly: without this field the
    // resource would be collected and the runtime would silently skip the hooks.
    private volatile CheckpointResource resource;

    /** For {@link java.util.ServiceLoader}. */
    public CracSnapshotBinding() {
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Registers the checkpoint resource with {@code org.crac}'s global context, or declines when
     * {@code enabled} is false.
     *
     * @throws dev.lift.api.SettingException naming the setting when {@code enabled} is not a boolean
     */
    @Override
    public boolean init(PluginContext context) {
        Settings settings = context.settings();
        if (!settings.getBoolean("enabled", true)) {
            context.logger().log(System.Logger.Level.DEBUG, "Disabled by " + settings.describe("enabled")
                    + "; checkpoints will not run Lift's snapshot hooks");
            return false;
        }
        // Snapshots is a kernel service, complete only once every plugin has opened: looked up at
        // checkpoint time, never here.
        CheckpointResource r = new CheckpointResource(() -> context.resources().require(Snapshots.class),
                context.logger());
        resource = r;
        Core.getGlobalContext().register(r);
        return true;
    }

    /**
     * A kernel that stopped (or failed to boot) keeps its registration, since {@code org.crac} cannot
     * unregister; its hooks must not run any more, so they are switched off.
     */
    @Override
    public void onStateChange(LifecycleState from, LifecycleState to) {
        if (to == LifecycleState.STOPPED || to == LifecycleState.FAILED) {
            detach();
        }
    }

    @Override
    public void onBootFailure(Throwable error) {
        detach();
    }

    private void detach() {
        CheckpointResource r = resource;
        if (r != null) {
            r.detach();
        }
    }
}

package dev.lift.kernel;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.lift.api.Json;
import dev.lift.kernel.internal.Kernel;
import dev.lift.kernel.internal.LoadedPlugin;
import dev.lift.api.RouteDescriptor;
import dev.lift.spi.Health;
import dev.lift.spi.Snapshots;
import dev.lift.spi.HealthResult;
import dev.lift.spi.LifecycleListener;
import dev.lift.spi.LifecycleState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A booted Lift kernel: dispatches invocations and shuts down gracefully. Thread-safe: several
 * invocations may run at once (Lambda Managed Instances, the local server). Obtain one from
 * {@link Lift#builder()} or, for the JVM-wide instance, {@link Lift#shared()}.
 */
public final class LiftKernel implements AutoCloseable {

    private final Kernel kernel;

    LiftKernel(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Handles one event read from {@code in} and writes the response JSON to {@code out}. */
    public void invoke(InputStream in, OutputStream out, LambdaRequest request) throws IOException {
        kernel.invoke(kernel.parse(in), out, request);
    }

    /** Handles one event and returns the response JSON. */
    public byte[] invoke(byte[] event, LambdaRequest request) {
        // The response is collected in Jackson's ByteArrayBuilder on the thread's recycled buffer, as
        // ObjectMapper.writeValueAsBytes does, rather than in a new ByteArrayOutputStream per invocation:
        // only the returned array is allocated.
        try (ByteArrayBuilder out = new ByteArrayBuilder(Json.mapper().getFactory()._getBufferRecycler())) {
            // Parsed straight from the array: cheaper than through a stream, for the runtime loop,
            // the local server and tests that hold the event's bytes already.
            kernel.invoke(kernel.parse(event), out, request);
            byte[] response = out.toByteArray();
            out.release();
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Handles one event as a local invocation (fresh request id, 30 s budget). */
    public byte[] invoke(byte[] event) {
        return invoke(event, LambdaRequest.local());
    }

    public LifecycleState state() {
        return kernel.state();
    }

    public void addListener(LifecycleListener listener) {
        kernel.addListener(listener);
    }

    /** Invocations running right now. */
    public int inFlight() {
        return kernel.inFlight();
    }

    /** The installed plugins, in order. */
    public List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (LoadedPlugin p : kernel.plugins()) {
            out.add(new PluginInfo(p.id(), p.kinds(), p.plugin().version(), p.plugin().order(), p.source(), p.active(),
                    p.settingsRead()));
        }
        return out;
    }

    /**
     * The route table: HTTP routes, then record, batch and event handlers, each with its
     * attributes and compiled middleware chain (outermost first).
     */
    public List<RouteDescriptor> routes() {
        return kernel.routes();
    }

    /**
     * The typed-body routes whose body type Jackson cannot read, each with Jackson's reason. Run
     * by {@code lift routes} and the test kit, so the problem shows at build time; Lambda's init
     * never pays for it.
     */
    public Map<RouteDescriptor, String> unreadableBodyTypes() {
        return kernel.unreadableBodyTypes();
    }

    /** Runs every health check and resource check now, by name. */
    public Map<String, HealthResult> health() {
        return kernel.healthResults();
    }

    /** The aggregated, cached health that endpoint plugins read. */
    public Health healthReport() {
        return kernel.health();
    }

    /** The snapshot hooks (before checkpoint, after restore), for a runtime binding or a test. */
    public Snapshots snapshots() {
        return kernel.snapshots();
    }

    /** Graceful shutdown; idempotent. See {@link Lift} for what it does. */
    public void shutdown() {
        kernel.shutdown();
    }

    @Override
    public void close() {
        shutdown();
    }
}

package dev.lift.pool;

import dev.lift.api.PluginContext;
import dev.lift.api.SpiVersion;

/**
 * The example a user would write: a provider of pooled connections to the echo server, found as
 * {@code Pool<EchoConnection>} or by the name {@code echo-pool}; settings {@code lift.echo-pool.*}.
 */
public final class EchoPoolProvider extends PooledResourceProvider<EchoConnection> {

    private volatile int port;
    /** Connections this provider opened, counted on the client side as they open. */
    final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public String id() {
        return "echo-pool";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    protected Class<EchoConnection> elementType() {
        return EchoConnection.class;
    }

    @Override
    protected void configure(PluginContext context) {
        port = context.settings().getInt("port", 0, 1, 65_535);
    }

    @Override
    protected EchoConnection create() throws Exception {
        EchoConnection c = new EchoConnection(port);
        opened.incrementAndGet();
        return c;
    }

    @Override
    protected boolean validate(EchoConnection connection) {
        return connection.ping();
    }
}

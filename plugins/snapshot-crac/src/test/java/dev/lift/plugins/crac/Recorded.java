package dev.lift.plugins.crac;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.EventKind;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftPlugin;
import dev.lift.api.PluginContext;
import dev.lift.spi.EventAdapter;
import dev.lift.spi.ResourceProvider;
import dev.lift.spi.SnapshotListener;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test plugins that write every snapshot hook they run into one shared list. */
final class Recorded {

    private Recorded() {
    }

    /** The shared record of hook calls, in call order. */
    static final class Calls {
        private final List<String> calls = new CopyOnWriteArrayList<>();

        void add(String call) {
            calls.add(call);
        }

        List<String> list() {
            return List.copyOf(calls);
        }

        void clear() {
            calls.clear();
        }
    }

    /** A listener-only plugin; throws from a hook when told to. */
    static final class Listener implements LiftPlugin, SnapshotListener {
        private final String id;
        private final int order;
        private final Calls calls;
        volatile Exception failBefore;
        volatile Exception failRestore;

        Listener(String id, int order, Calls calls) {
            this.id = id;
            this.order = order;
            this.calls = calls;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public void beforeCheckpoint() throws Exception {
            calls.add("listener " + id + " beforeCheckpoint");
            if (failBefore != null) {
                throw failBefore;
            }
        }

        @Override
        public void afterRestore() throws Exception {
            calls.add("listener " + id + " afterRestore");
            if (failRestore != null) {
                throw failRestore;
            }
        }
    }

    /**
     * What a client pool holds: open connections, and an id unique to the execution environment
     * (the kind of value, like a random seed, that restored copies of one snapshot must not share).
     */
    static final class Pool {
        volatile int openConnections;
        volatile String environmentId;
        volatile int opened;
    }

    /** Opens a {@link Pool} with two connections; closes them before a checkpoint and reopens them after. */
    static final class PoolProvider implements ResourceProvider<Pool> {
        private final String id;
        private final int order;
        private final Calls calls;
        volatile Exception failBefore;
        volatile Exception failRestore;
        volatile Pool pool;

        PoolProvider(String id, int order, Calls calls) {
            this.id = id;
            this.order = order;
            this.calls = calls;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public Class<Pool> type() {
            return Pool.class;
        }

        @Override
        public Pool open(PluginContext context) {
            Pool opened = new Pool();
            connect(opened);
            pool = opened;
            return opened;
        }

        @Override
        public void beforeCheckpoint(Pool pool) throws Exception {
            calls.add("resource " + id + " beforeCheckpoint");
            pool.openConnections = 0;
            pool.environmentId = null;
            if (failBefore != null) {
                throw failBefore;
            }
        }

        @Override
        public void afterRestore(Pool pool) throws Exception {
            calls.add("resource " + id + " afterRestore");
            connect(pool);
            if (failRestore != null) {
                throw failRestore;
            }
        }

        private static void connect(Pool pool) {
            pool.openConnections = 2;
            pool.environmentId = UUID.randomUUID().toString();
            pool.opened++;
        }
    }

    /** One test event, {@code {"ping":"name"}}. */
    record Ping(String name) implements LiftEvent {
        @Override
        public EventKind kind() {
            return EventKind.EVENT;
        }

        @Override
        public String source() {
            return "ping";
        }
    }

    /** A minimal single-event adapter: {@code {"ping":"..."}} in, the handler's result as JSON out. */
    static final class PingAdapter implements EventAdapter {
        @Override
        public String id() {
            return "ping";
        }

        @Override
        public EventKind kind() {
            return EventKind.EVENT;
        }

        @Override
        public boolean matches(JsonNode event) {
            return event.path("ping").isTextual();
        }

        @Override
        public LiftEvent decode(JsonNode event) {
            return new Ping(event.path("ping").asText());
        }

        @Override
        public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
            Json.mapper().writeValue(out, result);
        }
    }
}

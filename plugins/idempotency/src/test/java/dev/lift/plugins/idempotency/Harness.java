package dev.lift.plugins.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Json;
import dev.lift.api.PluginContext;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.memorystore.MemoryKeyValueStore;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.spi.ResourceProvider;
import dev.lift.spi.store.KeyValueStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Real sample events changed where a test says, a memory store on a clock the test moves, and invoking. */
final class Harness {

    private static final AtomicInteger IDS = new AtomicInteger();

    private Harness() {
    }

    /** A clock that moves only when a test moves it. */
    static final class FakeClock extends Clock {
        private volatile Instant now = Instant.parse("2025-03-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** The memory store, opened on the test's clock (the real provider uses the system clock). */
    static final class ClockedStore implements ResourceProvider<KeyValueStore> {
        final MemoryKeyValueStore store;

        ClockedStore(Clock clock) {
            store = new MemoryKeyValueStore("memory", 10_000, clock);
        }

        @Override
        public String id() {
            return "test-store";
        }

        @Override
        public Class<KeyValueStore> type() {
            return KeyValueStore.class;
        }

        @Override
        public KeyValueStore open(PluginContext context) {
            return store;
        }
    }

    /** The sample HTTP API event as this request, without JWT claims unless given. */
    static ObjectNode request(String method, String path, Map<String, String> headers, String body, String subject) {
        ObjectNode e = Fixtures.event("apigw_http_event.json");
        e.put("rawPath", path).put("rawQueryString", "").put("body", body);
        e.remove("queryStringParameters");
        e.remove("cookies");
        ObjectNode h = e.putObject("headers");
        h.put("content-type", "application/json");
        headers.forEach(h::put);
        ObjectNode rc = (ObjectNode) e.get("requestContext");
        rc.remove("authorizer");
        if (subject != null) {
            rc.putObject("authorizer").putObject("jwt").putObject("claims").put("sub", subject);
        }
        ((ObjectNode) rc.get("http")).put("method", method).put("path", path);
        return e;
    }

    static JsonNode invoke(LiftKernel kernel, JsonNode event) {
        LambdaRequest request = new LambdaRequest("req-" + IDS.incrementAndGet(), System.currentTimeMillis() + 60_000,
                "arn:aws:lambda:eu-central-1:123456789012:function:shop", null, "shop", "$LATEST", 512);
        try {
            return Json.mapper().readTree(new String(kernel.invoke(Fixtures.bytes(event), request), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

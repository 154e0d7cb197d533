package dev.lift.plugins.crac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.BatchResponse;
import dev.lift.api.EventKind;
import dev.lift.api.EventSelector;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftPlugin;
import dev.lift.api.RecordBatch;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.crac.Recorded.Calls;
import dev.lift.plugins.crac.Recorded.Ping;
import dev.lift.plugins.crac.Recorded.PingAdapter;
import dev.lift.plugins.crac.Recorded.Pool;
import dev.lift.plugins.crac.Recorded.PoolProvider;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.spi.EventAdapter;
import dev.lift.spi.SnapshotListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint through {@code org.crac} with priming: AWS's real SQS sample event goes through the
 * pipeline into the snapshot, with connections closed and no handler run; after the restore the
 * connections reopen, per-environment state is new and the next invocation is a cold start.
 */
class PrimingCheckpointTest {

    private final Calls calls = new Calls();
    private final PoolProvider pool = new PoolProvider("pool", 1, calls);
    private final QueueAdapter queue = new QueueAdapter();
    private final Seeded seeded = new Seeded();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<LiftKernel> kernels = new ArrayList<>();
    private final LogCapture kernelLog = LogCapture.on("lift.kernel");

    /** The messages of an SQS event, by id. */
    record Message(String id) {
    }

    /** Claims SQS events as the real adapter does (the first record's eventSource); counts what it does. */
    static final class QueueAdapter implements EventAdapter {
        final AtomicInteger decoded = new AtomicInteger();
        final AtomicInteger encoded = new AtomicInteger();

        @Override
        public String id() {
            return "test-sqs";
        }

        @Override
        public EventKind kind() {
            return EventKind.BATCH;
        }

        @Override
        public boolean matches(JsonNode event) {
            return "aws:sqs".equals(event.path("Records").path(0).path("eventSource").asText());
        }

        @Override
        public LiftEvent decode(JsonNode event) {
            decoded.incrementAndGet();
            List<Message> messages = new ArrayList<>();
            for (JsonNode r : event.path("Records")) {
                messages.add(new Message(r.path("messageId").asText()));
            }
            return new RecordBatch<>(id(), Message.class, messages, Message::id, true, false, true);
        }

        @Override
        public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
            encoded.incrementAndGet();
            out.writeStartObject();
            out.writeArrayFieldStart("batchItemFailures");
            for (String id : ((BatchResponse) result).failedItemIdentifiers()) {
                out.writeStartObject();
                out.writeStringField("itemIdentifier", id);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    /** Per-environment randomness, made anew after a restore as the SnapshotListener contract asks. */
    static final class Seeded implements LiftPlugin, SnapshotListener {
        volatile long seed = new SecureRandom().nextLong();

        @Override
        public String id() {
            return "seeded";
        }

        @Override
        public void afterRestore() {
            seed = new SecureRandom().nextLong();
        }
    }

    @BeforeEach
    void freshRuntime() {
        dev.lift.plugins.crac.simulated.Core.reset();
    }

    @AfterEach
    void shutDown() {
        kernels.forEach(LiftKernel::shutdown);
        kernelLog.close();
    }

    private LiftKernel boot(Map<String, String> settings) {
        LiftKernel kernel = Lift.builder().discover(false).environment(Map.of()).settings(settings)
                .plugin(new CracSnapshotBinding()).plugin(pool).plugin(seeded).plugin(queue).plugin(new PingAdapter())
                .plugin(new TestApp(r -> r.onRecord(EventSelector.any(Message.class), (m, ctx) -> handled.add(m.id()))
                        .onEvent(EventSelector.any(Ping.class), (p, ctx) -> Map.of("coldStart", ctx.coldStart()))))
                .build();
        kernels.add(kernel);
        return kernel;
    }

    @SuppressWarnings("deprecation") // org.crac's Core.checkpointRestore: what a CRaC JDK runs on jcmd JDK.checkpoint
    private static void checkpointAndRestore() throws Exception {
        org.crac.Core.checkpointRestore();
    }

    private static boolean coldStart(LiftKernel kernel) throws IOException {
        return Json.mapper().readTree(kernel.invoke("{\"ping\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .path("coldStart").asBoolean();
    }

    @Test
    void theSnapshotHoldsAPrimedPipelineWithoutConnectionsAndTheRestoreRefreshesTheEnvironment() throws Exception {
        LiftKernel kernel = boot(Map.of());
        assertTrue(coldStart(kernel));
        assertFalse(coldStart(kernel));
        Pool p = pool.pool;
        String idBefore = p.environmentId;
        long seedBefore = seeded.seed;
        List<String> atSnapshot = new ArrayList<>();
        dev.lift.plugins.crac.simulated.Core.atSnapshot(() -> atSnapshot.add("decoded " + queue.decoded.get()
                + ", encoded " + queue.encoded.get() + ", handled " + handled.size() + ", connections "
                + p.openConnections));

        try (LogCapture log = LogCapture.on("lift.snapshot-crac")) {
            checkpointAndRestore();

            List<String> lines = log.records(Level.INFO).stream().map(LogRecord::getMessage).collect(Collectors.toList());
            assertEquals(3, lines.size(), lines::toString);
            assertTrue(Pattern.matches("Priming sent 1 sample event\\(s\\) through the pipeline in \\d+ ms", lines.get(0)),
                    lines.get(0));
        }

        // The real SQS sample went through the adapter both ways; no handler ran; nothing was connected.
        assertEquals(List.of("decoded 1, encoded 1, handled 0, connections 0"), atSnapshot);
        assertEquals(List.of(), handled);
        // After the restore: reconnected, a new environment id and seed, and a cold start again.
        assertEquals(2, p.openConnections);
        assertNotEquals(idBefore, p.environmentId);
        assertNotEquals(seedBefore, seeded.seed);
        assertTrue(coldStart(kernel), "the first invocation after a restore is a cold start");
        assertFalse(coldStart(kernel));
    }

    @Test
    void withPrimingSwitchedOffTheCheckpointOnlyRunsTheHooks() throws Exception {
        boot(Map.of("lift.snapshot.priming", "false"));
        try (LogCapture log = LogCapture.on("lift.snapshot-crac")) {
            checkpointAndRestore();

            List<String> lines = log.records(Level.INFO).stream().map(LogRecord::getMessage).collect(Collectors.toList());
            assertEquals(2, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("Checkpoint hooks ran in "), lines.get(0));
        }
        assertEquals(0, queue.decoded.get());
        assertEquals(List.of("resource pool beforeCheckpoint", "resource pool afterRestore"), calls.list());
    }

    @Test
    void aPrimingValueThatIsNoBooleanFailsBootNamingTheSetting() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(dev.lift.kernel.LiftBootException.class,
                () -> boot(Map.of("lift.snapshot.priming", "sometimes")));
        assertTrue(e.getMessage().contains("lift.snapshot.priming") && e.getMessage().contains("true or false"),
                e.getMessage());
    }
}

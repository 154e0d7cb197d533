package dev.lift.reliability.soak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.test.Events;
import dev.lift.test.HttpResult;
import dev.lift.test.LiftTestKit;
import dev.lift.test.SqsEventBuilder;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives a kit with a mix of invocations, checking every answer, and measures the heap in use
 * after a full collection at checkpoints. The mix, by invocation number {@code i}: six in ten are
 * HTTP API GETs with a path parameter and a query (each a different id), two are POSTs of a typed
 * JSON body, one is an error path (a 404, a 400 for a bad body, a 400 the handler raises, a 500 from
 * a handler bug), and one is an SQS batch of 1 to 5 messages, the last of which fails every third time.
 */
final class HeapSoak {

    /** The heap in use after a full collection, once {@code invocations} invocations were done. */
    record Checkpoint(long invocations, long usedHeapBytes, long elapsedMillis) {
        double usedMb() {
            return usedHeapBytes / (1024.0 * 1024.0);
        }
    }

    private final LiftTestKit kit;

    HeapSoak(LiftTestKit kit) {
        this.kit = kit;
    }

    /** Runs {@code invocations} invocations with a checkpoint before the first and after each {@code every}. */
    List<Checkpoint> run(long invocations, long every) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        long start = System.nanoTime();
        checkpoints.add(new Checkpoint(0, usedHeapAfterFullGc(), 0));
        for (long i = 1; i <= invocations; i++) {
            invokeAndCheck(i);
            if (i % every == 0 || i == invocations) {
                checkpoints.add(new Checkpoint(i, usedHeapAfterFullGc(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            }
        }
        return checkpoints;
    }

    private void invokeAndCheck(long i) {
        int kind = (int) (i % 10);
        if (kind < 6) {
            String id = "item-" + i;
            HttpResult r = kit.invoke(Events.http("GET", "/soak/items/" + id).query("view", "short")).http();
            JsonNode body = expect(r, 200, i).bodyJson();
            if (!id.equals(body.path("id").asText()) || !"short".equals(body.path("view").asText())) {
                throw new AssertionError("invocation " + i + ": unexpected body " + r.bodyText());
            }
        } else if (kind < 8) {
            HttpResult r = kit.invoke(Events.http("POST", "/soak/items")
                    .json("{\"name\":\"n" + i + "\",\"quantity\":" + (i % 100) + "}")).http();
            if (!("n" + i).equals(expect(r, 201, i).bodyJson().path("name").asText())) {
                throw new AssertionError("invocation " + i + ": unexpected body " + r.bodyText());
            }
        } else if (kind == 8) {
            switch ((int) (i / 10 % 4)) {
                case 0:
                    expect(kit.invoke(Events.http("GET", "/soak/missing/" + i)).http(), 404, i);
                    break;
                case 1:
                    expect(kit.invoke(Events.http("POST", "/soak/items").json("{\"name\":")).http(), 400, i);
                    break;
                case 2:
                    expect(kit.invoke(Events.http("POST", "/soak/items").json("{\"name\":\"x\",\"quantity\":-1}")).http(),
                            400, i);
                    break;
                default: {
                    HttpResult r = expect(kit.invoke(Events.http("GET", "/soak/broken")).http(), 500, i);
                    if (r.bodyText().contains("handler bug")) {
                        throw new AssertionError("invocation " + i + ": a 500 showed the exception: " + r.bodyText());
                    }
                }
            }
        } else {
            int n = 1 + (int) (i / 10 % 5);
            boolean lastFails = i / 10 % 3 == 0;
            SqsEventBuilder batch = Events.sqs("soak-queue");
            for (int k = 1; k <= n; k++) {
                batch.message("m-" + i + "-" + k, k == n && lastFails ? "fail " + k : "ok " + k);
            }
            List<String> failed = kit.invoke(batch).batch().failedItemIdentifiers();
            List<String> expected = lastFails ? List.of("m-" + i + "-" + n) : List.of();
            if (!failed.equals(expected)) {
                throw new AssertionError("invocation " + i + ": batchItemFailures " + failed + ", expected " + expected);
            }
        }
    }

    private static HttpResult expect(HttpResult r, int status, long i) {
        if (r.status() != status) {
            throw new AssertionError("invocation " + i + ": status " + r.status() + ", expected " + status + ": " + r);
        }
        return r;
    }

    /**
     * The heap in use after full collections: the least of three readings, each right after
     * {@code System.gc()}. Fails rather than measure nothing when explicit collections are disabled.
     */
    static long usedHeapAfterFullGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = collections();
        long least = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        if (collections() == before) {
            throw new IllegalStateException("System.gc() collected nothing (is -XX:+DisableExplicitGC set?): "
                    + "the soak cannot measure the heap");
        }
        return least;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}

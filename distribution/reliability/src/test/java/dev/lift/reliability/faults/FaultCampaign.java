package dev.lift.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import dev.lift.api.LiftPlugin;
import dev.lift.plugins.dynamodb.DynamoDbStreamsAdapter;
import dev.lift.plugins.kinesis.KinesisAdapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.sqs.SqsAdapter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One run of fault injection: random batches of one source, each record with a planned fault,
 * pushed through one transport in one execution mode. Every answer is checked against what the
 * handlers recorded themselves ({@link Ledger}), never against Lift's own view:
 * <ul>
 *   <li>{@code batchItemFailures} is exactly the set of records whose handler did not return
 *       normally (none lost, none reported that succeeded), without duplicates, and the
 *       invocation never fails as a whole;</li>
 *   <li>every record's handler ran exactly once (FIFO: up to the first failure, none after), saw
 *       its own invocation's request id and deadline, never started with an interrupt left by
 *       another record, and did what its plan said;</li>
 *   <li>sources that keep order ran their records one at a time in batch order; parallel records
 *       never ran on more threads than {@code lift.batch.parallelism};</li>
 *   <li>each failed record was logged once, and no log line carried a payload.</li>
 * </ul>
 */
final class FaultCampaign {

    /** Threads for records of one batch in parallel mode ({@code lift.batch.parallelism}). */
    static final int PARALLELISM = 4;
    /** Invocations at once in parallel mode (as {@code AWS_LAMBDA_MAX_CONCURRENCY} on Managed Instances). */
    static final int CONCURRENCY = 2;
    /** Each invocation's time budget: short, so that the deadline faults cost little. */
    static final long BUDGET_MILLIS = 50;
    /** How long one invocation may take before the run gives up on it: generous, never a measurement. */
    private static final long ANSWER_TIMEOUT_SECONDS = 120;
    private static final int MAX_REPORTED_MISMATCHES = 20;

    /** Sequential: one invocation at a time, records one by one. Parallel: both knobs above 1. */
    enum Mode { SEQUENTIAL, PARALLEL }

    /** What a run did and what it found. */
    record Result(String name, long seed, int records, int invocations, Map<Fault, Integer> injected,
                  int skippedAfterFifoFailure, int reported, List<String> mismatches, int mismatchCount,
                  long millis) {

        String summary() {
            return String.format("%s: seed %d, %d records in %d invocations, injected %s, not run after a FIFO failure %d,"
                    + " reported %d, mismatches %d, %d ms", name, seed, records, invocations, injected,
                    skippedAfterFifoFailure, reported, mismatchCount, millis);
        }
    }

    private final BatchSource source;
    private final Mode mode;
    private final Transport.Kind transport;

    FaultCampaign(BatchSource source, Mode mode, Transport.Kind transport) {
        this.source = source;
        this.mode = mode;
        this.transport = transport;
    }

    String name() {
        return source + "/" + mode + "/" + transport;
    }

    /** Plans about {@code records} records (whole batches) from {@code seed} and runs them. */
    Result run(long seed, int records, String requestPrefix) throws Exception {
        return run(seed, records, requestPrefix, (requestId, answer) -> answer);
    }

    /**
     * As {@link #run(long, int, String)}, with each answer passed through {@code tamper} (given the
     * request id) before it is checked: how the suite's own tests prove that a wrong answer is caught.
     */
    Result run(long seed, int records, String requestPrefix, BiFunction<String, Answer, Answer> tamper)
            throws Exception {
        Random random = new Random(seed);
        Ledger ledger = new Ledger();
        List<LiftPlugin> plugins = List.of(new SqsAdapter(), new KinesisAdapter(), new DynamoDbStreamsAdapter(),
                new ProblemDetailsErrorStrategy(), new FaultyHandlers(ledger));
        int concurrency = mode == Mode.PARALLEL ? CONCURRENCY : 1;
        Map<String, String> settings = Map.of("lift.batch.parallelism",
                Integer.toString(mode == Mode.PARALLEL ? PARALLELISM : 1));
        Tally tally = new Tally();
        List<String> allRecordIds = new ArrayList<>();
        long start = System.nanoTime();
        try (LogWatch logs = new LogWatch(); Transport lift = transport.open(plugins, settings, concurrency)) {
            int invocation = 0;
            while (tally.records < records) {
                List<Invocation> wave = new ArrayList<>();
                for (int w = 0; w < concurrency && tally.records < records; w++) {
                    Invocation inv = plan(random, requestPrefix + "-" + (++invocation));
                    tally.records += inv.records().size();
                    inv.records().forEach(r -> allRecordIds.add(r.id()));
                    wave.add(inv);
                }
                List<CompletableFuture<Answer>> answers = new ArrayList<>();
                for (Invocation inv : wave) {
                    answers.add(lift.invoke(inv.requestId(), source.event(inv.records()), BUDGET_MILLIS));
                }
                for (int w = 0; w < wave.size(); w++) {
                    Invocation inv = wave.get(w);
                    Answer answer = tamper.apply(inv.requestId(),
                            answers.get(w).get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS));
                    List<String> found = new ArrayList<>();
                    check(inv, answer, ledger, logs, found, tally);
                    tally.invocations++;
                    found.forEach(f -> tally.mismatch(inv.requestId() + ": " + f));
                }
            }
            if (logs.payloadLeak() != null) {
                tally.mismatch("a log line carried a record's payload: " + logs.payloadLeak());
            }
            if (tally.mismatches > 0 && !lift.log().isEmpty()) {
                tally.examples.add("runtime log: " + lift.log());
            }
        }
        // The transport is closed: no thread of Lift's is left to handle a record late.
        for (String id : allRecordIds) {
            if (ledger.calls(id) > 1) {
                tally.mismatch("record " + id + " was handled " + ledger.calls(id) + " times by the end of the run");
            }
        }
        return new Result(name(), seed, tally.records, tally.invocations, tally.injected, tally.skipped, tally.reported,
                tally.examples, tally.mismatches, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Running counts of one run; used by the run's own thread only. */
    private static final class Tally {
        int records;
        int invocations;
        int skipped;
        int reported;
        int mismatches;
        final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
        final List<String> examples = new ArrayList<>();

        void mismatch(String what) {
            mismatches++;
            if (examples.size() < MAX_REPORTED_MISMATCHES) {
                examples.add(what);
            }
        }
    }

    /** One invocation's batch. */
    private record Invocation(String requestId, List<BatchSource.Planned> records) {
    }

    private Invocation plan(Random random, String requestId) {
        int n = 1 + random.nextInt(source.maxBatch());
        int groups = 1 + random.nextInt(3);
        List<BatchSource.Planned> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(new BatchSource.Planned(requestId + "-r" + i, i, fault(random), "g" + random.nextInt(groups)));
        }
        return new Invocation(requestId, records);
    }

    /** 70 % of records succeed plainly; the rest spread over the faults, the slow deadline ones least often. */
    private static Fault fault(Random random) {
        int roll = random.nextInt(100);
        if (roll < 70) {
            return Fault.NONE;
        }
        int[] weights = {6, 5, 4, 3, 4, 4, 2, 2}; // in the order of Fault after NONE; sums to 30
        int r = roll - 70;
        Fault[] kinds = Fault.values();
        for (int k = 0; k < weights.length; k++) {
            if (r < weights[k]) {
                return kinds[k + 1];
            }
            r -= weights[k];
        }
        throw new AssertionError(roll);
    }

    /** Checks one answered invocation, counts it in {@code tally} and adds what is wrong to {@code found}. */
    private void check(Invocation inv, Answer answer, Ledger ledger, LogWatch logs, List<String> found, Tally tally) {
        List<BatchSource.Planned> records = inv.records();
        List<String> reported = new ArrayList<>();
        if (answer.error() != null) {
            found.add("the invocation failed as a whole (Lambda would retry every record): " + answer.error());
        } else {
            reported = reportedIdentifiers(answer.response(), found);
        }
        Set<String> reportedSet = new LinkedHashSet<>(reported);
        if (reportedSet.size() != reported.size()) {
            found.add("batchItemFailures names a record twice: " + reported);
        }
        int firstPlannedFailure = IntStream.range(0, records.size()).filter(i -> !records.get(i).fault().succeeds())
                .findFirst().orElse(records.size());
        Set<String> notSucceeded = new LinkedHashSet<>();
        Set<String> all = new HashSet<>();
        int failedAndRun = 0;
        for (BatchSource.Planned r : records) {
            String item = source.itemIdentifier(r);
            all.add(item);
            int calls = ledger.calls(r.id());
            boolean ok = ledger.hasSucceeded(r.id());
            if (!ok) {
                notSucceeded.add(item);
            }
            if (calls == 0) {
                if (source.ordered() && r.index() > firstPlannedFailure) {
                    tally.skipped++;
                } else {
                    found.add("record " + r.index() + " (" + r.fault() + ") was never handled");
                }
                continue;
            }
            tally.injected.merge(r.fault(), 1, Integer::sum);
            if (!ok) {
                failedAndRun++;
            }
            if (calls > 1) {
                found.add("record " + r.index() + " (" + r.fault() + ") was handled " + calls + " times");
            }
            if (source.ordered() && r.index() > firstPlannedFailure) {
                found.add("record " + r.index() + " of a FIFO batch ran after record " + firstPlannedFailure + " failed");
            }
            Ledger.Seen seen = ledger.seen(r.id());
            if (!inv.requestId().equals(seen.requestId())) {
                found.add("record " + r.index() + " saw request id " + seen.requestId());
            }
            if (seen.deadlineMillis() != answer.deadlineMillis()) {
                found.add("record " + r.index() + " saw deadline " + seen.deadlineMillis() + ", the invocation had "
                        + answer.deadlineMillis());
            }
            if (seen.interruptedOnEntry()) {
                found.add("record " + r.index() + " started on " + seen.thread() + " with an interrupt left set");
            }
            if (ok != r.fault().succeeds()) {
                found.add("record " + r.index() + " (" + r.fault() + ") " + (ok ? "succeeded" : "failed") + " against its plan");
            }
        }
        if (answer.error() == null) {
            for (String item : notSucceeded) {
                if (!reportedSet.contains(item)) {
                    found.add("record " + item + " did not succeed but is not in batchItemFailures: it would be lost");
                }
            }
            for (String item : reportedSet) {
                if (!all.contains(item)) {
                    found.add("batchItemFailures names " + item + ", which is not in the batch");
                } else if (!notSucceeded.contains(item)) {
                    found.add("record " + item + " succeeded but is in batchItemFailures: it would be handled twice");
                }
            }
            if (source.ordered()) {
                Set<String> suffix = records.subList(Math.min(firstPlannedFailure, records.size()), records.size()).stream()
                        .map(source::itemIdentifier).collect(Collectors.toCollection(LinkedHashSet::new));
                if (!suffix.equals(reportedSet)) {
                    found.add("FIFO: expected the first failure (record " + firstPlannedFailure
                            + ") and every later record reported, got " + reported);
                }
            }
        }
        List<Integer> order = ledger.startOrder(inv.requestId());
        if (!source.concurrent() || mode == Mode.SEQUENTIAL) {
            int ran = source.ordered() ? Math.min(firstPlannedFailure + 1, records.size()) : records.size();
            List<Integer> expected = IntStream.range(0, ran).boxed().collect(Collectors.toList());
            if (!order.equals(expected)) {
                found.add("records started in the order " + order + ", expected " + expected);
            }
            if (ledger.maxInFlight(inv.requestId()) > 1) {
                found.add(ledger.maxInFlight(inv.requestId()) + " records of a batch that keeps order ran at once");
            }
        } else if (ledger.maxInFlight(inv.requestId()) > PARALLELISM) {
            found.add(ledger.maxInFlight(inv.requestId()) + " records ran at once, more than lift.batch.parallelism "
                    + PARALLELISM);
        }
        int logged = logs.reportedRecords(inv.requestId());
        if (logged != failedAndRun) {
            found.add(failedAndRun + " records failed but " + logged + " log lines reported a failed record");
        }
        tally.reported += reported.size();
    }

    /** The identifiers of {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}, checking its exact shape. */
    private static List<String> reportedIdentifiers(String response, List<String> found) {
        List<String> ids = new ArrayList<>();
        JsonNode json;
        try {
            json = Json.mapper().readTree(response);
        } catch (Exception e) {
            found.add("the response is not JSON: " + response);
            return ids;
        }
        JsonNode failures = json.path("batchItemFailures");
        if (!json.isObject() || json.size() != 1 || !failures.isArray()) {
            found.add("the response is not a partial batch response: " + response);
            return ids;
        }
        for (JsonNode f : failures) {
            if (!f.isObject() || f.size() != 1 || !f.path("itemIdentifier").isTextual()) {
                found.add("a batchItemFailures entry is not {\"itemIdentifier\":\"...\"}: " + f);
            } else {
                ids.add(f.path("itemIdentifier").textValue());
            }
        }
        return ids;
    }
}

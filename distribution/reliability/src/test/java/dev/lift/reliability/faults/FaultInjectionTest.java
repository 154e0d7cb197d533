package dev.lift.reliability.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault injection through every batch source with partial responses (SQS standard and FIFO,
 * Kinesis, DynamoDB Streams), records run one by one and in parallel, in-process and through the
 * custom runtime loop: {@code batchItemFailures} must be exactly the records whose handler did not
 * succeed, as the handlers themselves recorded it (see {@link FaultCampaign}).
 *
 * <p>Size: {@code lift.faults.records} records per combination (default 300, so a few thousand in
 * all for {@code mvn verify}; {@code -Pfaults-full} or {@code scripts/faults.sh} run 7,000 each,
 * 112,000 in all). The seed is random and printed; {@code -Dlift.faults.seed=N} replays a run.
 */
class FaultInjectionTest {

    private static final Map<Fault, Integer> INJECTED = new EnumMap<>(Fault.class);
    private static long seed;
    private static int recordsPerRun;

    @BeforeAll
    static void chooseSeed() {
        Long given = Long.getLong("lift.faults.seed");
        seed = given != null ? given : new SecureRandom().nextLong();
        recordsPerRun = Integer.getInteger("lift.faults.records", 300);
        System.out.println("Fault injection: seed " + seed + ", " + recordsPerRun + " records per run (replay with "
                + "-Dlift.faults.seed=" + seed + ")");
    }

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (Transport.Kind transport : Transport.Kind.values()) {
            for (BatchSource source : BatchSource.values()) {
                for (FaultCampaign.Mode mode : FaultCampaign.Mode.values()) {
                    runs.add(Arguments.of(source, mode, transport));
                }
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} {1} via {2}")
    @MethodSource("runs")
    void batchItemFailuresAreExactlyTheRecordsThatDidNotSucceed(BatchSource source, FaultCampaign.Mode mode,
                                                                Transport.Kind transport) throws Exception {
        FaultCampaign campaign = new FaultCampaign(source, mode, transport);
        // One seed for the whole class; each run derives its own, so a printed seed replays every run.
        long runSeed = seed ^ (0x9E3779B97F4A7C15L * (1 + source.ordinal() + 4L * mode.ordinal() + 8L * transport.ordinal()));
        String prefix = "f" + source.ordinal() + mode.ordinal() + transport.ordinal();
        FaultCampaign.Result result = campaign.run(runSeed, recordsPerRun, prefix);
        System.out.println("Fault injection " + result.summary());

        assertEquals(0, result.mismatchCount(), () -> "Replay with -Dlift.faults.seed=" + seed + "; " + result.summary()
                + "\n  " + String.join("\n  ", result.mismatches()));
        assertTrue(result.records() >= recordsPerRun, result::summary);
        assertTrue(result.reported() > 0, result::summary);
        result.injected().forEach((fault, n) -> INJECTED.merge(fault, n, Integer::sum));
    }

    /** The runs together must have injected every kind of fault (one FIFO run alone may miss a rare one). */
    @AfterAll
    static void everyKindOfFaultWasInjected() {
        System.out.println("Fault injection total: " + INJECTED);
        for (Fault f : Fault.values()) {
            assertTrue(INJECTED.getOrDefault(f, 0) > 0, () -> f + " was never injected: " + INJECTED);
        }
    }
}

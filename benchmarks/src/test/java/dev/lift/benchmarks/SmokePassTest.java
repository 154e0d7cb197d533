package dev.lift.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Every benchmark of the suite, with every parameter combination, runs once in this JVM: no fork, no warm-up,
 * one 10 ms iteration. It shows that each benchmark sets up, runs and tears down without an error; it measures
 * nothing and asserts no timing (run.sh and run-suite.sh measure).
 */
class SmokePassTest {

    @Test
    void every_benchmark_of_the_suite_runs_with_every_parameter_combination() throws Exception {
        Set<BenchmarkListEntry> listed = BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), java.util.List.of());
        Set<String> expectedNames = new TreeSet<>();
        int expectedRuns = 0;
        for (BenchmarkListEntry b : listed) {
            expectedNames.add(b.getUsername());
            int combinations = 1;
            if (b.getParams().hasValue()) {
                for (String[] values : b.getParams().get().values()) {
                    combinations *= values.length;
                }
            }
            expectedRuns += combinations;
        }
        // The generated list is what `java -jar benchmarks.jar` runs: an empty one would make this test vacuous.
        Set<String> classes = new TreeSet<>();
        expectedNames.forEach(n -> classes.add(n.substring(0, n.lastIndexOf('.'))));
        assertEquals(new TreeSet<>(Set.of(AdapterBenchmark.class.getName(), BatchBenchmark.class.getName(),
                BootBenchmark.class.getName(), DispatchBenchmark.class.getName(), HttpV2Benchmark.class.getName(),
                MiddlewareBenchmark.class.getName(), MiddlewareChainBenchmark.class.getName(),
                RoutingBenchmark.class.getName())), classes, "the suite in META-INF/BenchmarkList");

        Options options = new OptionsBuilder()
                .include("dev\\.lift\\.benchmarks\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(10))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        // JMH refuses to start while another JMH run on the machine holds /tmp/jmh.lock (a benchmark run beside
        // the build, as happened here). The lock guards measurements; this pass measures nothing.
        System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> results = new Runner(options).run();

        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            ran.add(r.getParams().getBenchmark());
            double score = r.getPrimaryResult().getScore();
            assertTrue(score > 0 && Double.isFinite(score),
                    () -> r.getParams().getBenchmark() + " " + r.getParams() + " gave no result: " + score);
        }
        assertEquals(expectedNames, ran);
        assertEquals(expectedRuns, results.size(), "one result per benchmark and parameter combination");
    }
}

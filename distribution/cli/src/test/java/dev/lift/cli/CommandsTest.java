package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.spi.HealthReport;
import dev.lift.spi.HealthResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** routes, plugins, health, events, and the top-level usage. */
class CommandsTest {

    @Test
    void routesListsEveryRouteWithItsHandler() {
        Cli r = Cli.run("routes");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("METHOD +PATH +HANDLER +MIDDLEWARE +ATTRIBUTES"), lines[0]);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("GET +/hello/\\{name} +example-app:ExampleApp \\(ExampleApp.java:\\d+\\) +request-id > logging > security-headers +-")),
                r.out());
        // lift.jar's security headers are on every HTTP route; /me is guarded by jwt and marked authenticated.
        assertTrue(r.out().lines().anyMatch(l -> l.matches("GET +/me +example-app:ExampleApp \\(ExampleApp.java:\\d+\\) +request-id > logging > security-headers > jwt +\\{authenticated=true}")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("POST +/todos +example-app:ExampleApp \\(ExampleApp.java:\\d+\\) <TodoInput> +request-id > logging > security-headers +-")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("RECORD +sqs any +example-app:ExampleWorkers \\(ExampleWorkers.java:\\d+\\) +- +-")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("EVENT +schedule rule=todo-cleanup +example-app:.*")), r.out());
    }

    @Test
    void theObservabilityPluginsAreInLiftJarAndLogTextAtATerminal() {
        Cli r = Cli.run("plugins");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("request-id +\\S+ +1000 +middleware,invocation-listener +yes +\\S*request-id\\S* .*")),
                r.out());
        // The CLI sets the documented setting for commands run at a terminal: text on stderr, stdout left to the command.
        assertTrue(r.out().lines().anyMatch(l -> l.matches("logging +\\S+ +1010 +middleware,invocation-listener,lifecycle-listener +yes +\\S*logging\\S* .*format=text.*")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("metrics +\\S+ +1020 +metrics-sink,invocation-listener +no +\\S*metrics\\S* +namespace=\\(default\\)")),
                r.out()); // no namespace: declined
    }

    @Test
    void pluginsListsIdsKindsAndSources() {
        Cli r = Cli.run("plugins");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("ID "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("example-app +\\S+ +0 +application +yes +\\S*example-app\\S* +enabled=true")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("adapter-sqs +\\S+ +\\d+ +adapter +yes +\\S*adapter-sqs\\S* .*")),
                r.out());
    }

    @Test
    void pluginsShowsTheVersionOfEachStandardPluginJar() {
        // The reactor hands this module the plugins' jars, whose manifests carry Implementation-Version.
        Cli r = Cli.run("plugins");
        assertEquals(0, r.exitCode(), r.err());
        String version = NewCommand.liftVersion();
        for (String id : java.util.List.of("adapter-sqs", "adapter-apigateway-v2", "error-problem-details", "example-app")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(id + " ") && l.split(" +")[1].equals(version)),
                    id + " " + version + "\n" + r.out());
        }
        // Every plugin that comes from a jar has a version; only this module's test plugin (a class directory) has none.
        assertTrue(r.out().lines().filter(l -> l.contains(".jar ")).noneMatch(l -> l.split(" +")[1].equals("unknown")),
                r.out());
    }

    @Test
    void pluginsMasksSettingsWhoseNamesLookSecret() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : java.util.List.of("jwt.secret", "db.PASSWORD", "refresh-token", "api-key", "aws.credentials", "oauth.issuer",
                "region", "batch.parallelism")) {
            settings.put(key, "value-of-" + key);
        }
        assertEquals("api-key=**** aws.credentials=**** batch.parallelism=value-of-batch.parallelism db.PASSWORD=**** "
                + "jwt.secret=**** oauth.issuer=**** refresh-token=**** region=value-of-region",
                PluginsCommand.settings(settings));
    }

    @Test
    void healthRunsTheChecksOfTheInstalledPlugins() {
        Cli r = Cli.run("health");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("CHECK "), r.out());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.subList(1, lines.size() - 1).stream().allMatch(l -> l.matches("\\S+ +UP +\\d+ ms +.*")), r.out());
        assertEquals("Overall: UP", lines.get(lines.size() - 1), r.out());
    }

    @Test
    void healthSaysPlainlyWhenThereIsNothingToCheckAndFailsWhenSomethingIsDown() {
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertEquals(0, HealthCommand.print(new HealthReport(HealthResult.Status.UP, Map.of(), Instant.EPOCH),
                new PrintStream(none, true, StandardCharsets.UTF_8)));
        assertEquals("No health checks are installed.\n", none.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream some = new ByteArrayOutputStream();
        Map<String, HealthReport.Component> components = new LinkedHashMap<>();
        components.put("db", new HealthReport.Component(HealthResult.Status.DOWN, 12, Map.of("error", "connection refused")));
        components.put("cache", new HealthReport.Component(HealthResult.Status.UP, 3, Map.of()));
        HealthReport report = new HealthReport(HealthResult.Status.DOWN, components, Instant.EPOCH);
        assertEquals(1, HealthCommand.print(report, new PrintStream(some, true, StandardCharsets.UTF_8)));
        assertEquals("CHECK  STATUS  LATENCY  DETAILS\ndb     DOWN    12 ms    {error=connection refused}\n"
                + "cache  UP      3 ms     -\nOverall: DOWN\n", some.toString(StandardCharsets.UTF_8));
    }

    @Test
    void eventsPrintsTheAwsSampleOfAType() throws IOException {
        Cli r = Cli.run("events", "sqs");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Files.readString(Path.of(Cli.fixture("sqs_event.json"))) + "\n", r.out());
        for (String type : EventsCommand.TYPES.keySet()) {
            Cli each = Cli.run("events", type);
            assertEquals(0, each.exitCode(), type + ": " + each.err());
            assertTrue(each.out().startsWith("{"), type);
        }
    }

    @Test
    void eventsWithoutATypeListsThem() {
        Cli r = Cli.run("events");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("TYPE "), r.out());
        assertTrue(r.out().contains("\napigw-v2     API Gateway HTTP API request (payload 2.0), function URLs\n"), r.out());
        assertEquals(12, r.out().lines().count());
    }

    @Test
    void anUnknownEventTypeIsAUsageError() {
        Cli r = Cli.run("events", "carrier-pigeon");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("Unknown event type 'carrier-pigeon'; use one of: apigw-v2, apigw-v1, alb, "
                + "websocket, sqs, sns, s3, eventbridge, scheduled, dynamodb, kinesis"), r.err());
    }

    @Test
    void noCommandOrAnUnknownOneShowsUsageAndExitsTwo() {
        Cli none = Cli.run();
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("Usage: lift [-hV] [COMMAND]"), none.err());
        assertTrue(none.err().contains("  serve "), none.err());
        Cli unknown = Cli.run("deploy");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("Unmatched argument at index 0: 'deploy'"), unknown.err());
        Cli badPort = Cli.run("serve", "--port", "eighty");
        assertEquals(2, badPort.exitCode());
        assertTrue(badPort.err().startsWith("Invalid value for option '--port': 'eighty' is not an int"), badPort.err());
    }

    @Test
    void runtimeWithoutTheRuntimeApiSaysWhatIsMissing() {
        Cli r = Cli.run("runtime");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("lift runtime: AWS_LAMBDA_RUNTIME_API is not set"), r.err());
    }

    @Test
    void aMissingPluginsDirectoryIsNamed() {
        Cli r = Cli.run("plugins", "--plugins", "no/such/dir");
        assertEquals(1, r.exitCode());
        assertEquals("lift plugins: The plugins directory no/such/dir does not exist or is not a directory\n", r.err());
    }
}

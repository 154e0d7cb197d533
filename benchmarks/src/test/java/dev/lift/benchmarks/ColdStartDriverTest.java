package dev.lift.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cold-start comparison of benchmarks/startup/cold.sh compares like with like: its driver, in a fresh JVM as
 * cold.sh runs it, gets the same answer to the same event from the bare handler and from LiftHandler with the
 * example application, and reports a footprint for both. No timing is asserted.
 */
class ColdStartDriverTest {

    private static final Path EVENT = Path.of("startup/cold/hello-event.json").toAbsolutePath(); // surefire runs in benchmarks/
    private static final Pattern FOOTPRINT = Pattern.compile("footprint rss-kb=(\\d+) heap-bytes=(\\d+)");

    @Test
    void bareHandlerAndLiftAnswerTheSameAndReportTheirFootprint() throws Exception {
        assertTrue(Files.isRegularFile(EVENT), EVENT.toString());
        JsonNode bare = answer("dev.lift.benchmarks.coldstart.BareHandler");
        JsonNode lift = answer("dev.lift.kernel.LiftHandler");
        ObjectMapper mapper = new ObjectMapper();
        for (JsonNode response : List.of(bare, lift)) {
            assertEquals(200, response.path("statusCode").asInt(), response::toString);
            assertEquals("{\"message\":\"Hello, lift!\"}", mapper.readTree(response.path("body").asText()).toString());
            assertTrue(response.path("headers").path("content-type").asText().startsWith("application/json"));
        }
    }

    /** Runs the driver as cold.sh does, with Lambda's flags, and returns the response it printed. */
    private static JsonNode answer(String handler) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.lift.benchmarks.coldstart.ColdStart", handler, EVENT.toString(), "footprint");
        pb.environment().keySet().removeIf(k -> k.startsWith("LIFT_"));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the driver did not exit");
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.strip().split("\n");
        String response = null;
        for (String line : lines) {
            if (line.startsWith("{\"statusCode\"")) {
                response = line;
            }
        }
        Matcher m = FOOTPRINT.matcher(lines[lines.length - 1]);
        assertTrue(m.matches(), handler + " printed no footprint line: " + out);
        assertTrue(Long.parseLong(m.group(1)) > 10_000, "RSS in kB: " + m.group(1));
        assertTrue(Long.parseLong(m.group(2)) > 100_000, "heap bytes: " + m.group(2));
        assertTrue(response != null, handler + " printed no response: " + out);
        return new ObjectMapper().readTree(response);
    }
}

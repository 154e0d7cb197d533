package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code lift serve} tells its user: the block at start, the line at shutdown, and the status line of a 422. */
class ServeSaysTest {

    @Test
    void startSaysWhereWhatFormatWhichApplicationsFromWhereAndThatTheExampleSteppedAsideAndStopSaysWhatItDrained(
            @TempDir Path work) throws Exception {
        Path plugins = GreeterPluginJar.build(work);
        ServeProcessTest.Served served = ServeProcessTest.serve(List.of(), java.util.Map.of(), "--plugins", plugins.toString(),
                "--format", "rest", "--watch");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(served.base() + "/acme/greet/bo")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String err = served.terminate();
        Path jar = plugins.resolve(GreeterPluginJar.JAR_NAME);

        assertTrue(err.contains("lift: serve: " + served.base() + " as rest (API Gateway REST API, payload 1.0), ready in "),
                err);
        // The test's class path brings an application too (CliTestApp); the plugin's is named by its jar, not a copy.
        assertTrue(Pattern.compile("lift: serve: applications: .*acme-greeter \\(" + Pattern.quote(jar.toString())
                + "\\).*; \\d+ route\\(s\\), \\d+ of them HTTP").matcher(err).find(), err);
        assertTrue(err.contains("lift: serve: the example application (example-app) stepped aside"), err);
        assertTrue(err.contains("lift: serve: the Lambda Invoke API answers POST " + served.base()
                + "/2015-03-31/functions/{name}/invocations"), err);
        assertTrue(err.contains("lift: serve: watching " + plugins + " for changed jars"), err);
        assertTrue(Pattern.compile("lift: serve: stopped in \\d+ ms; 0 request\\(s\\) answered while draining, 1 in all")
                .matcher(err).find(), err);
    }

    /**
     * The JDK's server writes the status line itself and knows no reason phrase for 422 (nor 429;
     * for 413 it has RFC 2616's "Request Entity Too Large"), and has no way to set one. Clients
     * must ignore the phrase (RFC 9110, section 15); the problem's title carries the RFC 9110 name.
     */
    @Test
    void a422HasTheJdksStatusLineAndAProblemTitledUnprocessableContent() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LiftKernel kernel = Lift.builder().environment(Cli.BOTH_APPS).build();
        try (LocalServer server = new LocalServer(kernel, "127.0.0.1", 0, 2, new PrintStream(log, true, StandardCharsets.UTF_8))
                .start(); Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            byte[] body = "{\"title\":\"\"}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /todos HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String statusLine = response.substring(0, response.indexOf("\r\n"));
            assertEquals("HTTP/1.1 422 ", statusLine, "the JDK's server now writes a phrase: update distribution/README.md");
            JsonNode problem = Json.mapper().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertEquals("Unprocessable Content", problem.path("title").asText(), response);
            assertEquals(422, problem.path("status").asInt());
        } finally {
            kernel.shutdown();
        }
    }
}

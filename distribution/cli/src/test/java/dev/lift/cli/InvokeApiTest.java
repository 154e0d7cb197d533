package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Lambda Invoke API of {@code lift serve}, called over real HTTP with what
 * {@code aws lambda invoke --endpoint-url ...} sends: the event as the body, the invocation and log
 * types as headers, a signature the server has no use for.
 */
class InvokeApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private LiftKernel kernel;
    private LocalServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        kernel = Lift.builder().environment(Cli.BOTH_APPS).build();
        server = new LocalServer(kernel, "127.0.0.1", 0, 4, new PrintStream(logBytes, true, StandardCharsets.UTF_8)).start();
        client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        kernel.shutdown();
        CliTestApp.ENTERED = new CountDownLatch(0);
        CliTestApp.RELEASE = new CountDownLatch(0);
    }

    /** As the AWS CLI sends it: POST, the payload as the body, X-Amz-Invocation-Type and X-Amz-Log-Type, SigV4 headers. */
    private HttpResponse<String> invoke(String function, String type, String logType, byte[] payload) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + "/2015-03-31/functions/" + function
                        + "/invocations")).timeout(TIMEOUT)
                .header("X-Amz-Invocation-Type", type)
                .header("X-Amz-Date", "20260101T000000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (logType != null) {
            b.header("X-Amz-Log-Type", logType);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(Path.of(Cli.fixture(name)));
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void anSqsEventGetsTheKernelsResponseAsItIs() throws Exception {
        HttpResponse<String> r = invoke("my-function", "RequestResponse", "None", fixture("sqs_event.json"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("$LATEST", r.headers().firstValue("X-Amz-Executed-Version").orElse(null));
        assertFalse(r.headers().firstValue("X-Amz-Function-Error").isPresent(), r.body());
        assertFalse(r.headers().firstValue("X-Amz-Log-Result").isPresent());
        // The same bytes the kernel answers in Lambda: the partial batch response.
        assertEquals(json(new String(kernel.invoke(fixture("sqs_event.json")), StandardCharsets.UTF_8)), json(r.body()));
        assertTrue(json(r.body()).has("batchItemFailures"), r.body());
    }

    @Test
    void anHttpEventIsAnsweredWithTheProxyResponseObjectNotUnwrapped() throws Exception {
        HttpResponse<String> r = invoke("my-function", "RequestResponse", null, fixture("apigw_http_event.json"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode response = json(r.body());
        assertEquals(202, response.path("statusCode").asInt(), r.body()); // CliTestApp's POST /my/path
        assertEquals("cli-test-app", response.path("headers").path("x-handled-by").asText(), r.body());
    }

    @Test
    void theFunctionNameOrArnInThePathIsTheInvocationsFunction() throws Exception {
        String event = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/deadline\",\"rawQueryString\":\"\","
                + "\"headers\":{},\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/deadline\"},"
                + "\"requestId\":\"r\",\"stage\":\"$default\"},\"isBase64Encoded\":false}";
        // The CLI percent-encodes the colons of an ARN.
        HttpResponse<String> r = invoke("arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aorders%3Alive",
                "RequestResponse", null, event.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(json(r.body()).path("body").asText());
        assertEquals("arn:aws:lambda:local:000000000000:function:orders", body.path("functionArn").asText());
    }

    @Test
    void aFailedInvocationIs200WithUnhandledAndTheErrorObject() throws Exception {
        HttpResponse<String> r = invoke("f", "RequestResponse", null, "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("Unhandled", r.headers().firstValue("X-Amz-Function-Error").orElse(null));
        assertEquals("$LATEST", r.headers().firstValue("X-Amz-Executed-Version").orElse(null));
        JsonNode error = json(r.body());
        assertEquals("Lift.InvocationError", error.path("errorType").asText(), r.body());
        assertFalse(error.path("errorMessage").asText().isBlank(), r.body());
        assertEquals(json("[]"), error.path("stackTrace"));
        assertFalse(r.body().contains("dev.lift."), "no class names: " + r.body());
    }

    @Test
    void eventIsAccepted202AndRunsAfterwardsAndDryRunIs204() throws Exception {
        CliTestApp.ENTERED = new CountDownLatch(1);
        CliTestApp.RELEASE = new CountDownLatch(1);
        String hold = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/hold\",\"rawQueryString\":\"\","
                + "\"headers\":{},\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/hold\"},"
                + "\"requestId\":\"r\",\"stage\":\"$default\"},\"isBase64Encoded\":false}";
        HttpResponse<String> accepted = invoke("f", "Event", null, hold.getBytes(StandardCharsets.UTF_8));
        // Answered while the invocation is still held in the handler: it runs after the answer.
        assertEquals(202, accepted.statusCode());
        assertEquals("", accepted.body());
        assertTrue(CliTestApp.ENTERED.await(10, TimeUnit.SECONDS), "the Event invocation did not run");
        CliTestApp.RELEASE.countDown();

        HttpResponse<String> dry = invoke("f", "DryRun", null, fixture("sqs_event.json"));
        assertEquals(204, dry.statusCode());
        assertEquals("", dry.body());
    }

    @Test
    void tailReturnsTheStartEndAndReportLinesBase64Encoded() throws Exception {
        HttpResponse<String> r = invoke("f", "RequestResponse", "Tail", fixture("sqs_event.json"));
        String tail = new String(Base64.getDecoder().decode(r.headers().firstValue("X-Amz-Log-Result").orElseThrow()),
                StandardCharsets.UTF_8);
        String id = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertTrue(tail.startsWith("START RequestId: " + id + " Version: $LATEST\nEND RequestId: " + id + "\nREPORT RequestId: "
                + id + "\tDuration: "), tail);
    }

    @Test
    void mistakesAreAnsweredInLambdasErrorShapeAndTheApiPathNeverReachesTheApplication() throws Exception {
        HttpResponse<String> notJson = invoke("f", "RequestResponse", null, "{\"a\":".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notJson.statusCode());
        assertEquals("InvalidRequestContentException", notJson.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertTrue(json(notJson.body()).path("message").asText().startsWith("Could not parse request body into json"),
                notJson.body());

        HttpResponse<String> badType = invoke("f", "Sometimes", null, "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, badType.statusCode());
        assertEquals("X-Amz-Invocation-Type must be one of RequestResponse, Event, DryRun",
                json(badType.body()).path("message").asText());

        HttpResponse<String> badName = invoke("no%20spaces", "RequestResponse", null, "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, badName.statusCode());
        assertEquals("ValidationException", badName.headers().firstValue("x-amzn-ErrorType").orElse(null));

        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(server.uri()
                + "/2015-03-31/functions/f/invocations")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(null));
        assertEquals("User", json(get.body()).path("Type").asText());

        HttpResponse<String> other = client.send(HttpRequest.newBuilder(URI.create(server.uri()
                + "/2015-03-31/functions/f/configuration")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode());
        assertEquals("UnknownOperationException", other.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertFalse(other.headers().firstValue("content-type").orElse("").contains("problem"), "reached the application");
    }
}

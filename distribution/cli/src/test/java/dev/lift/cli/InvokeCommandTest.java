package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code lift invoke} prints exactly what the function returns, for any event type. */
class InvokeCommandTest {

    @Test
    void httpApiEventPrintsTheV2Response() {
        Cli r = Cli.run("invoke", "--event", Cli.fixture("apigw_http_event.json"));
        assertEquals(0, r.exitCode(), r.err());
        // x-request-id: the request-id plugin echoes the (local, random) Lambda request id when the caller sent none;
        // the security-headers plugin adds its defaults to every response.
        assertEquals("{\"statusCode\":202,\"headers\":{\"content-type\":\"application/json\",\"referrer-policy\":\"no-referrer\","
                + "\"strict-transport-security\":\"max-age=31536000; includeSubDomains\",\"x-content-type-options\":\"nosniff\","
                + "\"x-frame-options\":\"DENY\",\"x-handled-by\":\"cli-test-app\","
                + "\"x-request-id\":\"<id>\"},"
                + "\"body\":\"{\\\"body\\\":\\\"Hello from Lambda!!\\\",\\\"cookies\\\":{\\\"cookie1\\\":\\\"\\\",\\\"cookie2\\\":\\\"\\\"},\\\"header2\\\":\\\"value1,value2\\\","
                + "\\\"parameter1\\\":[\\\"value1\\\",\\\"value2\\\"]}\",\"isBase64Encoded\":false}\n",
                r.out().replaceFirst("\"x-request-id\":\"[0-9a-f-]{36}\"", "\"x-request-id\":\"<id>\""));
    }

    @Test
    void sqsBatchGoesToTheExampleWorker() {
        Cli r = Cli.run("invoke", "--event", Cli.fixture("sqs_event.json"));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("{\"batchItemFailures\":[]}\n", r.out());
    }

    @Test
    void aMessageThatIsNotJsonIsReportedAsFailed() {
        String event = "{\"Records\":[{\"messageId\":\"good\",\"body\":\"{}\",\"eventSource\":\"aws:sqs\","
                + "\"eventSourceARN\":\"arn:aws:sqs:us-east-1:123456789012:todos\"},"
                + "{\"messageId\":\"bad\",\"body\":\"<xml/>\",\"eventSource\":\"aws:sqs\","
                + "\"eventSourceARN\":\"arn:aws:sqs:us-east-1:123456789012:todos\"}]}";
        Cli r = Cli.runWithInput(event, Cli.BOTH_APPS, "invoke", "--event", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"bad\"}]}\n", r.out());
    }

    @Test
    void scheduledAndEventBridgeEventsPrintTheHandlersResult() {
        Cli scheduled = Cli.run("invoke", "--event", Cli.fixture("scheduled_event.json"));
        assertEquals(0, scheduled.exitCode(), scheduled.err());
        assertEquals("{\"rule\":\"demoschedule\",\"action\":\"none\"}\n", scheduled.out());
        Cli rds = Cli.run("invoke", "-e", Cli.fixture("eventbridge_event.json"));
        assertEquals(0, rds.exitCode(), rds.err());
        assertEquals("{\"received\":\"RDS DB Instance Event\",\"source\":\"aws.rds\","
                + "\"id\":\"fe8d3c65-xmpl-c5c3-2c87-81584709a377\"}\n", rds.out());
    }

    @Test
    void readsTheEventFromStdin() throws IOException {
        String event = Files.readString(Path.of(Cli.fixture("scheduled_event.json")));
        Cli r = Cli.runWithInput(event, Cli.BOTH_APPS, "invoke", "--event", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("{\"rule\":\"demoschedule\",\"action\":\"none\"}\n", r.out());
    }

    @Test
    void aFailedInvocationExitsOneWithTheReasonOnOneLine() {
        Cli r = Cli.runWithInput("{\"hello\":\"world\"}", Map.of(), "invoke", "--event", "-");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("lift invoke: the invocation failed: No installed adapter recognises this event "
                + "(a JSON object with 1 top-level field(s))"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void eventsThatAreNotJsonFailToo() {
        Cli r = Cli.runWithInput("this is not json", Map.of(), "invoke", "--event", "-");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("lift invoke: the invocation failed: The event is not valid JSON"), r.err());
    }

    @Test
    void aMissingEventFileIsNamed() {
        Cli r = Cli.run("invoke", "--event", "no/such/event.json");
        assertEquals(1, r.exitCode());
        assertEquals("lift invoke: there is no event file no/such/event.json\n", r.err());
    }

    @Test
    void aMissingEventOptionIsAUsageError() {
        Cli r = Cli.run("invoke");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("Missing required option: '--event=FILE|-'"), r.err());
        assertTrue(r.err().contains("Usage: lift invoke"), r.err());
    }
}

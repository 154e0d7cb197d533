package dev.lift.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lift.api.FieldError;
import dev.lift.api.Json;
import dev.lift.api.LiftException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A record's payload that cannot be read fails that record with a message about the record's
 * payload, not "the request body", and names every field that is wrong.
 */
class RecordPayloadErrorsTest {

    public record Todo(@JsonProperty(required = true) String title, int priority) {
    }

    private static SqsMessage sqs(String body) {
        return new SqsMessage("m-42", "r", body, null, Map.of(), Map.of(), "arn:aws:sqs:us-east-1:123456789012:todos",
                "us-east-1");
    }

    @Test
    void brokenJsonSaysWhereInTheMessageBody() {
        LiftException e = assertThrows(LiftException.class, () -> sqs("{\"title\":").bodyAs(Todo.class));
        assertEquals(400, e.status());
        assertEquals("The body of SQS message m-42 is not valid JSON at line 1, column 10", e.detail());
    }

    @Test
    void aMissingFieldIsNamed() {
        LiftException e = assertThrows(LiftException.class, () -> sqs("{\"priority\":1}").bodyAs(Todo.class));
        assertEquals(422, e.status());
        assertEquals("The body of SQS message m-42: field 'title' is required", e.detail());
        assertEquals(List.of(new FieldError("title", "is required")), e.fieldErrors());
    }

    @Test
    void everyWrongFieldIsNamedInTheOtherPayloadsToo() {
        SnsMessage sns = new SnsMessage("s-1", "arn:aws:sns:us-east-1:123456789012:t", null, "{\"priority\":\"high\"}",
                null, "Notification", Map.of());
        LiftException e = assertThrows(LiftException.class, () -> sns.messageAs(Todo.class));
        assertEquals("The message of SNS message s-1: field 'priority' must be a number, field 'title' is required",
                e.detail());
        KinesisRecord kinesis = new KinesisRecord("e", "pk", "49", "[1]".getBytes(StandardCharsets.UTF_8), null,
                "arn:aws:kinesis:us-east-1:123456789012:stream/s", "us-east-1");
        assertEquals("The data of Kinesis record 49: the document must be an object",
                assertThrows(LiftException.class, () -> kinesis.dataAs(Todo.class)).detail());
    }

    @Test
    void httpBodiesKeepTheirOwnWording() {
        LiftException e = assertThrows(LiftException.class,
                () -> Json.decodeBody("{\"title\":".getBytes(StandardCharsets.UTF_8), Json.mapper().readerFor(Todo.class)));
        assertEquals("The request body is not valid JSON at line 1, column 10", e.detail());
    }
}

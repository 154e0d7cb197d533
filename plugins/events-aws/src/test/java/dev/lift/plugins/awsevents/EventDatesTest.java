package dev.lift.plugins.awsevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.plugins.testsupport.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The dates of the aws-lambda-java-events types as a handler reads them: epoch seconds written as numbers or
 * as text (some producers quote them), ISO-8601 times into joda, and a clear failure naming the field otherwise.
 */
class EventDatesTest {

    private final AwsEventsConverter converter = new AwsEventsConverter();

    private static ObjectNode kinesisWithArrival(String json) {
        ObjectNode event = Fixtures.event("kinesis_event.json");
        ((ObjectNode) event.path("Records").path(0).path("kinesis"))
                .set("approximateArrivalTimestamp", Fixtures.parse(json));
        return event;
    }

    private Instant arrival(ObjectNode event) {
        return converter.convert(event, KinesisEvent.class).getRecords().get(0).getKinesis()
                .getApproximateArrivalTimestamp().toInstant();
    }

    @Test
    void epoch_seconds_in_quotes_read_like_the_number() {
        assertEquals(Instant.parse("2018-12-17T22:10:50.987Z"), arrival(kinesisWithArrival("\"1545084650.987\"")));
        assertEquals(Instant.parse("2018-12-17T22:10:50Z"), arrival(kinesisWithArrival("\" 1545084650 \"")));
    }

    @Test
    void epoch_seconds_that_are_not_a_number_or_out_of_range_fail_naming_the_field() {
        for (String bad : new String[] {"\"soon\"", "true", "1e30"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> converter.convert(kinesisWithArrival(bad), KinesisEvent.class), bad);
            assertTrue(e.getMessage().startsWith("The event cannot be read as " + KinesisEvent.class.getName()),
                    e.getMessage());
            assertTrue(e.getMessage().contains("approximateArrivalTimestamp"), e.getMessage());
        }
    }

    @Test
    void a_dynamodb_creation_time_in_epoch_seconds() {
        ObjectNode event = Fixtures.event("dynamodb_event.json");
        ((ObjectNode) event.path("Records").path(0).path("dynamodb")).put("ApproximateCreationDateTime", 1428537600.5);

        DynamodbEvent read = converter.convert(event, DynamodbEvent.class);

        assertEquals(Instant.parse("2015-04-09T00:00:00.500Z"),
                read.getRecords().get(0).getDynamodb().getApproximateCreationDateTime().toInstant());
    }

    @Test
    void an_iso_time_keeps_its_offset_an_empty_one_is_null_and_a_wrong_one_names_the_field() {
        ObjectNode event = Fixtures.event("scheduled_event.json");
        event.put("time", "2015-10-08T16:53:06+02:00");
        assertEquals(Instant.parse("2015-10-08T14:53:06Z"),
                Instant.ofEpochMilli(converter.convert(event, ScheduledEvent.class).getTime().getMillis()));

        event.put("time", " ");
        assertNull(converter.convert(event, ScheduledEvent.class).getTime());

        for (String bad : new String[] {"\"last tuesday\"", "12"}) {
            event.set("time", Fixtures.parse(bad));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> converter.convert(event, ScheduledEvent.class), bad);
            assertTrue(e.getMessage().contains("time"), e.getMessage());
        }
    }
}

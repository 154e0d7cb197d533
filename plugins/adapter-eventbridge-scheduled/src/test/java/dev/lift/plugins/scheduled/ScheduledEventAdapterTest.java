package dev.lift.plugins.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.EventKind;
import dev.lift.api.LiftException;
import dev.lift.events.ScheduledEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import dev.lift.spi.EventAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.lift.plugins.testsupport.Fixtures;

class ScheduledEventAdapterTest {

    private final ScheduledEventAdapter adapter = new ScheduledEventAdapter();

    @Test
    void identityAndRegistration() {
        assertEquals("adapter-eventbridge-scheduled", adapter.id());
        assertEquals(190, adapter.order(), "before adapter-eventbridge (200), which would claim schedules too");
        assertEquals(EventKind.EVENT, adapter.kind());
        assertEquals(List.of(ScheduledEventAdapter.class),
                ServiceLoader.load(EventAdapter.class).stream().map(ServiceLoader.Provider::type).toList());
    }

    @Test
    void claimsScheduledEventsOnly() {
        assertTrue(adapter.matches(Fixtures.event("scheduled_event.json")));
        for (String other : List.of("eventbridge_event.json", "sqs_event.json", "sns_event.json", "s3_event.json",
                "dynamodb_event.json", "kinesis_event.json", "apigw_http_event.json")) {
            assertFalse(adapter.matches(Fixtures.event(other)), other);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"source\":\"aws.events\"}", "{\"detail-type\":\"Scheduled Event\"}",
            "{\"source\":\"aws.scheduler\",\"detail-type\":\"Scheduled Event\"}",
            "{\"source\":\"aws.events\",\"detail-type\":\"Scheduled event\"}",
            "{\"source\":[\"aws.events\"],\"detail-type\":\"Scheduled Event\"}", "[]", "null"})
    void doesNotClaimOtherShapes(String json) {
        assertFalse(adapter.matches(Fixtures.parse(json)));
    }

    @Test
    void decodesTheSampleEvent() {
        ScheduledEvent e = adapter.decode(Fixtures.event("scheduled_event.json"));
        assertEquals(EventKind.EVENT, e.kind());
        assertEquals("fae0433b-7a0e-e383-7849-7e10153eaa47", e.id());
        assertEquals("123456789012", e.account());
        assertEquals("eu-central-1", e.region());
        assertEquals(Instant.parse("2020-09-30T15:58:34Z"), e.time());
        assertEquals("arn:aws:events:eu-central-1:123456789012:rule/demoschedule", e.ruleArn());
        assertEquals("demoschedule", e.ruleName());
        assertEquals("aws.events", e.source());
        assertEquals("Scheduled Event", e.detailType());
    }

    /** What a handler might read from a detail; every field optional, as the detail of a schedule is empty. */
    record Job(String task, Boolean dryRun) {
    }

    @Test
    void decodesTheVersionResourcesAndEmptyDetailOfTheSample() {
        ScheduledEvent e = adapter.decode(Fixtures.event("scheduled_event.json"));
        assertEquals("0", e.version());
        assertEquals(List.of("arn:aws:events:eu-central-1:123456789012:rule/demoschedule"), e.resources());
        assertTrue(e.detail().isObject());
        assertEquals(0, e.detail().size());
        assertEquals("{}", e.detail().toString());
        assertEquals(Map.of(), e.detailAs(Map.class));
        assertEquals(new Job(null, null), e.detailAs(Job.class));
    }

    @Test
    void aDetailWithContentIsDecodedIntoAType() {
        ObjectNode event = Fixtures.event("scheduled_event.json");
        event.putObject("detail").put("task", "cleanup").put("dryRun", true);
        ScheduledEvent e = adapter.decode(event);
        assertEquals("cleanup", e.detail().get("task").asText());
        assertEquals(new Job("cleanup", true), e.detailAs(Job.class));
    }

    @Test
    void aDetailOfTheWrongShapeIsA422() {
        ObjectNode event = Fixtures.event("scheduled_event.json");
        event.putObject("detail").put("dryRun", "perhaps");
        LiftException x = assertThrows(LiftException.class, () -> adapter.decode(event).detailAs(Job.class));
        assertEquals(422, x.status());
        assertEquals("dryRun", x.fieldErrors().get(0).field());
    }

    @Test
    void withoutVersionAndDetailTheEventStillDecodes() {
        ObjectNode event = Fixtures.event("scheduled_event.json");
        event.remove(List.of("version", "detail"));
        ScheduledEvent e = adapter.decode(event);
        assertEquals("demoschedule", e.ruleName());
        assertNull(e.version());
        assertTrue(e.detail().isNull());
        assertEquals(422, assertThrows(LiftException.class, () -> e.detailAs(Job.class)).status(),
                "an absent detail is no value to decode");
    }

    @Test
    void theOldConstructorKeepsTheRuleAsTheOnlyResource() {
        ScheduledEvent e = new ScheduledEvent("1", "123456789012", "eu-central-1", null,
                "arn:aws:events:eu-central-1:123456789012:rule/nightly");
        assertEquals(List.of("arn:aws:events:eu-central-1:123456789012:rule/nightly"), e.resources());
        assertNull(e.version());
        assertTrue(e.detail().isNull());
        assertEquals(List.of(), new ScheduledEvent("1", null, null, null, null).resources());
    }

    @Test
    void findsTheRuleAmongResourcesAndOnCustomBuses() {
        ObjectNode event = Fixtures.event("scheduled_event.json");
        event.putArray("resources").add("arn:aws:lambda:eu-central-1:123456789012:function:f")
                .add("arn:aws:events:eu-central-1:123456789012:rule/orders-bus/nightly-cleanup");
        ScheduledEvent e = adapter.decode(event);
        assertEquals("nightly-cleanup", e.ruleName());
        assertEquals("arn:aws:events:eu-central-1:123456789012:rule/orders-bus/nightly-cleanup", e.ruleArn());

        assertEquals(List.of("arn:aws:lambda:eu-central-1:123456789012:function:f",
                "arn:aws:events:eu-central-1:123456789012:rule/orders-bus/nightly-cleanup"), e.resources());

        event.putArray("resources");
        assertEquals(List.of(), adapter.decode(event).resources());
        assertNull(adapter.decode(event).ruleName());
        assertNull(adapter.decode(event).ruleArn());
    }

    @Test
    void rejectsBrokenEventsNamingTheField() {
        ObjectNode event = Fixtures.event("scheduled_event.json");
        event.put("time", "soon");
        assertEquals("The scheduled event is malformed: time is not an ISO-8601 timestamp: \"soon\"",
                assertThrows(LiftException.class, () -> adapter.decode(event)).detail());
        event.put("time", "2020-09-30T15:58:34Z");
        event.remove("id");
        assertEquals("The scheduled event is malformed: id is missing",
                assertThrows(LiftException.class, () -> adapter.decode(event)).detail());
        event.put("id", "1");
        event.put("resources", 3);
        assertEquals("The scheduled event is malformed: resources must be an array, was a number",
                assertThrows(LiftException.class, () -> adapter.decode(event)).detail());
    }

    @Test
    void writesTheHandlersResultAsJson() {
        assertEquals("{\"deleted\":3}", Fixtures.encode(adapter, null, Map.of("deleted", 3)));
        assertEquals("null", Fixtures.encode(adapter, null, null));
    }

    @Test
    void ruleSelectorsMatchByNameOrArn() {
        ScheduledEvent e = adapter.decode(Fixtures.event("scheduled_event.json"));
        assertTrue(ScheduledEvent.rule("demoschedule").matches(e));
        assertTrue(ScheduledEvent.rule("arn:aws:events:eu-central-1:123456789012:rule/demoschedule").matches(e));
        assertFalse(ScheduledEvent.rule("demo").matches(e));
        assertFalse(ScheduledEvent.rule("arn:aws:events:us-east-1:123456789012:rule/demoschedule").matches(e));
        assertTrue(ScheduledEvent.any().matches(e));
        assertEquals("schedule rule=demoschedule", ScheduledEvent.rule("demoschedule").describe());
        assertTrue(ScheduledEvent.rule("demoschedule").specificity() > ScheduledEvent.any().specificity());
    }
}

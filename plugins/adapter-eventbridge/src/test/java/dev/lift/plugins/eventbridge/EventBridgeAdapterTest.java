package dev.lift.plugins.eventbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.LiftException;
import dev.lift.events.EventBridgeEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.lift.plugins.testsupport.Fixtures;

class EventBridgeAdapterTest {

    private final EventBridgeAdapter adapter = new EventBridgeAdapter();

    record RdsDetail(@JsonProperty("EventCategories") List<String> eventCategories,
                     @JsonProperty("SourceIdentifier") String sourceIdentifier,
                     @JsonProperty("Message") String message) {
    }

    record Strict(@JsonProperty("SourceType") int sourceType) {
    }

    @Test
    void identityAndRegistration() {
        assertEquals("adapter-eventbridge", adapter.id());
        assertEquals(200, adapter.order());
        assertEquals(EventKind.EVENT, adapter.kind());
        assertEquals(List.of(EventBridgeAdapter.class),
                ServiceLoader.load(EventAdapter.class).stream().map(ServiceLoader.Provider::type).toList());
    }

    @Test
    void claimsEventBridgeEnvelopes() {
        assertTrue(adapter.matches(Fixtures.event("eventbridge_event.json")));
        assertTrue(adapter.matches(Fixtures.event("scheduled_event.json")),
                "scheduled events fit too; the scheduled adapter runs first and takes them");
        for (String other : List.of("sqs_event.json", "sns_event.json", "s3_event.json", "dynamodb_event.json",
                "kinesis_event.json", "apigw_http_event.json", "apigw_rest_event.json", "elb_event.json")) {
            assertFalse(adapter.matches(Fixtures.event(other)), other);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"source\":\"a\",\"detail-type\":\"b\"}", "{\"source\":\"a\",\"detail\":{}}",
            "{\"detail-type\":\"b\",\"detail\":{}}", "{\"source\":1,\"detail-type\":\"b\",\"detail\":{}}",
            "{\"source\":\"a\",\"detail-type\":null,\"detail\":{}}", "[]", "null"})
    void doesNotClaimOtherShapes(String json) {
        assertFalse(adapter.matches(Fixtures.parse(json)));
    }

    @Test
    void decodesTheSampleEvent() {
        EventBridgeEvent e = adapter.decode(Fixtures.event("eventbridge_event.json"));
        assertEquals(EventKind.EVENT, e.kind());
        assertEquals("fe8d3c65-xmpl-c5c3-2c87-81584709a377", e.id());
        assertEquals("0", e.version());
        assertEquals("aws.rds", e.source());
        assertEquals("RDS DB Instance Event", e.detailType());
        assertEquals("123456789012", e.account());
        assertEquals(Instant.parse("2020-04-28T07:20:20Z"), e.time());
        assertEquals("us-east-2", e.region());
        assertEquals(List.of("arn:aws:rds:us-east-2:123456789012:db:rdz6xmpliljlb1"), e.resources());
        assertEquals("Finished DB Instance backup", e.detail().get("Message").asText());
        assertEquals("DB_INSTANCE", e.detail().get("SourceType").asText());
        assertEquals(new RdsDetail(List.of("backup"), "rdz6xmpliljlb1", "Finished DB Instance backup"),
                e.detailAs(RdsDetail.class));
    }

    @Test
    void aLiveEventIsNoReplay() {
        EventBridgeEvent e = adapter.decode(Fixtures.event("eventbridge_event.json"));
        assertNull(e.replayName());
        assertFalse(e.isReplay());
    }

    @Test
    void anEventReplayedFromAnArchiveNamesItsReplay() {
        ObjectNode event = Fixtures.event("eventbridge_event.json");
        event.put("replay-name", "rds-backfill-2020-04");
        EventBridgeEvent e = adapter.decode(event);
        assertEquals("rds-backfill-2020-04", e.replayName());
        assertTrue(e.isReplay());
        assertEquals("fe8d3c65-xmpl-c5c3-2c87-81584709a377", e.id(), "a replay keeps the original's id");
    }

    @Test
    void aDetailOfTheWrongShapeIsA422() {
        EventBridgeEvent e = adapter.decode(Fixtures.event("eventbridge_event.json"));
        LiftException x = assertThrows(LiftException.class, () -> e.detailAs(Strict.class));
        assertEquals(422, x.status());
        assertEquals("SourceType", x.fieldErrors().get(0).field());
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        EventBridgeEvent e = adapter.decode(Fixtures.parse(
                "{\"id\":\"1\",\"source\":\"com.example\",\"detail-type\":\"Order Placed\",\"detail\":null}"));
        assertNull(e.time());
        assertNull(e.account());
        assertEquals(List.of(), e.resources());
        assertTrue(e.detail().isNull());
        assertNull(e.version());
        assertNull(e.region());
        assertNull(e.replayName());
    }

    @Test
    void writesTheHandlersResultAsJson() {
        assertEquals("{\"ok\":true}", Fixtures.encode(adapter, null, Map.of("ok", true)));
        assertEquals("\"done\"", Fixtures.encode(adapter, null, "done"));
        assertEquals("null", Fixtures.encode(adapter, null, null));
    }

    private String rejection(ObjectNode event) {
        LiftException e = assertThrows(LiftException.class, () -> adapter.decode(event));
        assertEquals(400, e.status());
        return e.detail();
    }

    @Test
    void rejectsBrokenEventsNamingTheField() {
        ObjectNode event = Fixtures.event("eventbridge_event.json");
        event.remove("id");
        assertEquals("The EventBridge event is malformed: id is missing", rejection(event));
        event.put("id", "1");
        event.put("time", "yesterday");
        assertEquals("The EventBridge event is malformed: time is not an ISO-8601 timestamp: \"yesterday\"", rejection(event));
        event.put("time", "2020-04-28T07:20:20Z");
        event.put("resources", "arn:x");
        assertEquals("The EventBridge event is malformed: resources must be an array, was a string", rejection(event));
        event.putArray("resources").add("arn:x").add(2);
        assertEquals("The EventBridge event is malformed: resources[1] must be a string, was a number", rejection(event));
        event.putArray("resources");
        event.put("detail-type", 5);
        assertEquals("The EventBridge event is malformed: detail-type must be a string, was a number", rejection(event));
    }

    // ---- selectors ----

    private static EventBridgeEvent event(String source, String detailType) {
        return new EventBridgeEvent("1", "0", source, detailType, null, null, null, List.of(), null);
    }

    @Test
    void selectorsMatchExactlyByPrefixOrAnything() {
        EventBridgeEvent rds = adapter.decode(Fixtures.event("eventbridge_event.json"));
        assertTrue(EventBridgeEvent.matching("aws.rds", null).matches(rds));
        assertTrue(EventBridgeEvent.matching("aws.rds", "RDS DB Instance Event").matches(rds));
        assertTrue(EventBridgeEvent.matching("aws.*", null).matches(rds));
        assertTrue(EventBridgeEvent.matching(null, "RDS DB *").matches(rds));
        assertTrue(EventBridgeEvent.matching("*", "*").matches(rds));
        assertTrue(EventBridgeEvent.any().matches(rds));
        assertFalse(EventBridgeEvent.matching("aws.rd", null).matches(rds), "no wildcard means exact");
        assertFalse(EventBridgeEvent.matching("aws.rds", "RDS DB Cluster Event").matches(rds));
        assertFalse(EventBridgeEvent.matching("com.*", null).matches(rds));
        assertFalse(EventBridgeEvent.matching("aws.*", "Order*").matches(event("aws.ec2", "EC2 Instance State-change")));
        assertEquals("eventbridge source=aws.rds detail-type=RDS DB Instance Event",
                EventBridgeEvent.matching("aws.rds", "RDS DB Instance Event").describe());
        assertEquals("eventbridge any", EventBridgeEvent.any().describe());
    }

    @Test
    void moreLiteralCharactersAreMoreSpecific() {
        int any = EventBridgeEvent.any().specificity();
        int prefix = EventBridgeEvent.matching("aws.*", null).specificity();
        int longerPrefix = EventBridgeEvent.matching("aws.rd*", null).specificity();
        int exactSource = EventBridgeEvent.matching("aws.rds", null).specificity();
        int samePrefix = EventBridgeEvent.matching("aws.rds*", null).specificity();
        int both = EventBridgeEvent.matching("aws.rds", "RDS DB Instance Event").specificity();
        int sourceAndTypePrefix = EventBridgeEvent.matching("aws.rds", "RDS*").specificity();
        assertEquals(0, any);
        assertEquals(0, EventBridgeEvent.matching("*", null).specificity());
        assertTrue(any < prefix && prefix < longerPrefix && longerPrefix < exactSource, "prefix length counts");
        assertTrue(samePrefix < exactSource, "an exact value beats a prefix of the same characters");
        assertTrue(exactSource < sourceAndTypePrefix && sourceAndTypePrefix < both);
    }
}

package dev.lift.events;

import dev.lift.api.Describable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import dev.lift.api.EventKind;
import dev.lift.api.EventSelector;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An EventBridge scheduled rule firing: an event with source {@code aws.events} and
 * detail-type {@code Scheduled Event}.
 *
 * <pre>{@code
 * routes.onEvent(ScheduledEvent.rule("nightly-cleanup"), (e, ctx) -> cleanup.run(e.time()));
 * }</pre>
 *
 * @param id the event id; never null
 * @param account the rule's account; may be null
 * @param region the rule's region; may be null
 * @param time the scheduled time; may be null
 * @param ruleArn the rule's ARN (from {@code resources}); null when the event names no rule
 * @param version the envelope version, {@code "0"}; null when absent (since 0.2)
 * @param resources every ARN of the event's {@code resources}, the rule's among them; never null (since 0.2)
 * @param detail the event's {@code detail}, an empty object for schedules; a JSON null node when absent,
 *     never null. Shared: do not modify it (since 0.2)
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record ScheduledEvent(String id, String account, String region, Instant time, String ruleArn,
                             String version, List<String> resources, JsonNode detail)
        implements LiftEvent, Describable {

    /** The EventBridge source of scheduled events. */
    public static final String SOURCE = "aws.events";

    /** The EventBridge detail-type of scheduled events. */
    public static final String DETAIL_TYPE = "Scheduled Event";

    public ScheduledEvent {
        Objects.requireNonNull(id, "id");
        resources = resources == null ? List.of() : List.copyOf(resources);
        detail = detail == null ? Json.mapper().nullNode() : detail;
    }

    /**
     * A scheduled event as 0.1 knew it: no version, {@code resources} holding only the rule's ARN
     * (if any), and no detail.
     */
    public ScheduledEvent(String id, String account, String region, Instant time, String ruleArn) {
        this(id, account, region, time, ruleArn, null, ruleArn == null ? List.of() : List.of(ruleArn), null);
    }

    /**
     * The {@code detail} decoded into {@code type} with Lift's shared mapper, as
     * {@link EventBridgeEvent#detailAs(Class)} does it. The detail of a scheduled rule's event is
     * an empty object today, which decodes into a type whose fields are all optional.
     *
     * @throws LiftException 422 when the detail does not fit the type (or is absent)
     * @since 0.2
     */
    public <T> T detailAs(Class<T> type) {
        return JsonPayload.decode(detail, type, "The detail of scheduled event ", id);
    }

    /**
     * The rule's name, the last part of {@link #ruleArn()} ({@code .../rule/NAME}, or
     * {@code .../rule/BUS/NAME} on a custom event bus); null without a rule ARN.
     */
    public String ruleName() {
        if (ruleArn == null) {
            return null;
        }
        int rule = ruleArn.indexOf(":rule/");
        if (rule < 0) {
            return null;
        }
        return ruleArn.substring(ruleArn.lastIndexOf('/') + 1);
    }

    @Override
    public EventKind kind() {
        return EventKind.EVENT;
    }

    /** Always {@value #SOURCE}: the EventBridge source, like {@link EventBridgeEvent#source()}. */
    @Override
    public String source() {
        return SOURCE;
    }

    /** Always {@value #DETAIL_TYPE}. */
    public String detailType() {
        return DETAIL_TYPE;
    }

    /** The firings of one rule, given by name or by ARN. */
    public static EventSelector<ScheduledEvent> rule(String nameOrArn) {
        Objects.requireNonNull(nameOrArn, "nameOrArn");
        if (Arns.isArn(nameOrArn)) {
            return EventSelector.of(ScheduledEvent.class, "schedule rule=" + nameOrArn, 10,
                    e -> nameOrArn.equals(e.ruleArn()));
        }
        return EventSelector.of(ScheduledEvent.class, "schedule rule=" + nameOrArn, 10,
                e -> nameOrArn.equals(e.ruleName()));
    }

    /** Every scheduled event. */
    public static EventSelector<ScheduledEvent> any() {
        return EventSelector.of(ScheduledEvent.class, "schedule any", 0, e -> true);
    }

    /** For logs and errors: identifiers and the attributes selectors look at, never the payload. */
    @Override
    public String describe() {
        return "scheduled event " + id + " of rule " + ruleArn;
    }
}

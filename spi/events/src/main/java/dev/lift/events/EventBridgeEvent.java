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
import java.util.StringJoiner;

/**
 * An EventBridge event (other than a scheduled rule's, see {@link ScheduledEvent}).
 *
 * <pre>{@code
 * routes.onEvent(EventBridgeEvent.matching("aws.rds", "RDS DB Instance Event"), (e, ctx) -> {
 *     RdsEvent rds = e.detailAs(RdsEvent.class);
 *     ...
 * });
 * }</pre>
 *
 * <p>Note that {@link #source()} is the EventBridge {@code source} (for example {@code aws.rds}
 * or {@code com.example.orders}), which is what handlers and selectors care about, and not an
 * adapter id.
 *
 * @param id the event id; never null
 * @param version the envelope version, {@code "0"}; may be null
 * @param source who sent the event, for example {@code aws.rds}; never null
 * @param detailType the {@code detail-type}, for example {@code RDS DB Instance Event}; never null
 * @param account the AWS account that sent it; may be null
 * @param time when it happened; may be null
 * @param region the region it happened in; may be null
 * @param resources ARNs of the resources involved; never null
 * @param detail the event's {@code detail}; a JSON null node when absent, never null. Shared: do not modify it
 * @param replayName the {@code replay-name} EventBridge adds to events it replays from an archive; null for
 *     live events (since 0.2)
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record EventBridgeEvent(String id, String version, String source, String detailType, String account,
                               Instant time, String region, List<String> resources, JsonNode detail,
                               String replayName)
        implements LiftEvent, Describable {

    public EventBridgeEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detailType, "detailType");
        resources = resources == null ? List.of() : List.copyOf(resources);
        detail = detail == null ? Json.mapper().nullNode() : detail;
    }

    /** An event as 0.1 knew it, without {@link #replayName()}: a live event. */
    public EventBridgeEvent(String id, String version, String source, String detailType, String account,
                            Instant time, String region, List<String> resources, JsonNode detail) {
        this(id, version, source, detailType, account, time, region, resources, detail, null);
    }

    /**
     * Whether EventBridge replayed this event from an archive ({@link #replayName()} is set), so a
     * handler can skip side effects it must not repeat.
     *
     * @since 0.2
     */
    public boolean isReplay() {
        return replayName != null;
    }

    @Override
    public EventKind kind() {
        return EventKind.EVENT;
    }

    /**
     * The {@code detail} decoded into {@code type} with Lift's shared mapper.
     *
     * @throws LiftException 422 when the detail does not fit the type
     */
    public <T> T detailAs(Class<T> type) {
        return JsonPayload.decode(detail, type, "The detail of EventBridge event ", id);
    }

    /**
     * Events selected by source and detail-type. Each may be exact, end with {@code *} to match a
     * prefix ({@code "aws.*"}), or be null to match anything. More literal characters make the
     * selector more specific, and an exact value beats a prefix of the same length, so
     * {@code matching("aws.rds", "RDS DB Instance Event")} wins over {@code matching("aws.rds", null)},
     * which wins over {@code matching("aws.*", null)}.
     */
    public static EventSelector<EventBridgeEvent> matching(String source, String detailType) {
        StringJoiner description = new StringJoiner(" ", "eventbridge ", "");
        if (source != null) {
            description.add("source=" + source);
        }
        if (detailType != null) {
            description.add("detail-type=" + detailType);
        }
        if (source == null && detailType == null) {
            description.add("any");
        }
        return EventSelector.of(EventBridgeEvent.class, description.toString(),
                specificity(source) + specificity(detailType),
                e -> wildcardMatches(source, e.source()) && wildcardMatches(detailType, e.detailType()));
    }

    /** Every EventBridge event (scheduled events excepted: they are {@link ScheduledEvent}s). */
    public static EventSelector<EventBridgeEvent> any() {
        return matching(null, null);
    }

    static int specificity(String pattern) {
        if (pattern == null) {
            return 0;
        }
        // +1 for an exact value: when an exact value and a prefix both match, the prefix is no longer than it.
        return pattern.endsWith("*") ? pattern.length() - 1 : pattern.length() + 1;
    }

    static boolean wildcardMatches(String pattern, String value) {
        if (pattern == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        return pattern.endsWith("*") ? value.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(value);
    }

    /** For logs and errors: identifiers and the attributes selectors look at, never the payload. */
    @Override
    public String describe() {
        return "EventBridge event " + id + " from " + source + " (detail-type " + detailType + ")";
    }
}

package dev.lift.benchmarks;

import dev.lift.api.HttpResponse;
import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import dev.lift.events.DynamoDbStreamRecord;
import dev.lift.events.EventBridgeEvent;
import dev.lift.events.KinesisRecord;
import dev.lift.events.S3Notification;
import dev.lift.events.SqsMessage;

/**
 * The Lift side of every dispatch benchmark: the HTTP routes of the three sample requests echo the body
 * as text, and each record or event handler reads one field, as {@link BareHandlers} does.
 */
public final class DispatchApplication implements LiftApplication {

    @Override
    public String id() {
        return "bench-dispatch";
    }

    @Override
    public void configure(Routes routes) {
        routes.get("/my/path", (req, ctx) -> HttpResponse.text(req.bodyText()));   // REST API (v1) sample
        routes.post("/my/path", (req, ctx) -> HttpResponse.text(req.bodyText()));  // HTTP API (v2) sample
        routes.get("/", (req, ctx) -> HttpResponse.text(req.bodyText()));          // ALB sample
        routes.onRecord(SqsMessage.any(), (m, ctx) -> BareHandlers.touch(m.body()));
        routes.onRecord(S3Notification.any(), (n, ctx) -> BareHandlers.touch(n.key()));
        routes.onEvent(EventBridgeEvent.any(), (e, ctx) -> {
            BareHandlers.touch(e.detailType());
            return null;
        });
        routes.onRecord(DynamoDbStreamRecord.any(), (r, ctx) -> BareHandlers.touch(r.eventId()));
        routes.onRecord(KinesisRecord.any(), (r, ctx) -> BareHandlers.touch(r.sequenceNumber()));
    }
}

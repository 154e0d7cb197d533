package dev.lift.test;

import dev.lift.api.HttpResponse;
import dev.lift.api.LiftApplication;
import dev.lift.api.LiftException;
import dev.lift.api.Routes;
import dev.lift.events.DynamoDbStreamRecord;
import dev.lift.events.EventBridgeEvent;
import dev.lift.events.KinesisRecord;
import dev.lift.events.S3Notification;
import dev.lift.events.ScheduledEvent;
import dev.lift.events.SnsMessage;
import dev.lift.events.SqsMessage;
import dev.lift.events.WebSocketMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An application with one handler of each kind, for the kit's own tests. */
final class KitApp implements LiftApplication {

    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
        return "kit-app";
    }

    @Override
    public void configure(Routes routes) {
        routes.get("/greet/{name}", (req, ctx) -> HttpResponse.json(Map.of("hello", req.pathParam("name").orElseThrow(),
                "q", req.queryParam("q").orElse(""))).header("X-Trace", "t-1").cookie("seen=1"));
        routes.post("/echo", (req, ctx) -> HttpResponse.bytes(req.body(), req.header("content-type").orElse("x/y")));
        routes.get("/teapot", (req, ctx) -> {
            throw new LiftException(418, "short and stout");
        });
        routes.onRecord(SqsMessage.queue("orders"), (m, ctx) -> {
            if (m.body().startsWith("fail")) {
                throw new IllegalStateException("cannot handle " + m.messageId());
            }
            seen.add("sqs:" + m.body());
        });
        routes.onRecord(SnsMessage.any(), (m, ctx) -> seen.add("sns:" + m.message()));
        routes.onRecord(S3Notification.bucket("uploads"), (n, ctx) -> seen.add("s3:" + n.key()));
        routes.onRecord(KinesisRecord.stream("clicks"), (r, ctx) -> {
            if (r.dataAsText().equals("bad")) {
                throw new IllegalArgumentException("bad click");
            }
            seen.add("kinesis:" + r.dataAsText());
        });
        routes.onRecord(DynamoDbStreamRecord.table("Todos"), (r, ctx) -> seen.add("ddb:" + r.eventName()
                + ":" + r.keys().get("Id").n()));
        routes.onEvent(EventBridgeEvent.matching("com.example", "Thing Happened"),
                (e, ctx) -> Map.of("got", e.detail().path("n").asInt()));
        routes.onEvent(WebSocketMessage.route("$connect"), (m, ctx) -> m.queryParameters().containsKey("token")
                ? null : HttpResponse.status(401));
        routes.onEvent(WebSocketMessage.route("say"), (m, ctx) -> "you said " + m.body());
        routes.onEvent(ScheduledEvent.rule("nightly"), (e, ctx) -> Map.of("rule", e.ruleName()));
    }
}

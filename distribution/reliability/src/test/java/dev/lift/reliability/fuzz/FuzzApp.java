package dev.lift.reliability.fuzz;

import dev.lift.api.HttpRequest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The application the fuzz targets run: HTTP routes whose templates the router target checks
 * against a reference, and a handler for every record and event type that reads every accessor of
 * what the adapter decoded, so that lazily decoded parts (query, cookies, authorizer, bodies) are
 * exercised too.
 *
 * <p>An accessor may refuse bad input with a {@link LiftException} of status 4xx; anything else it
 * throws is a bug in Lift and is kept in {@link #takeUnexpected()}, because once a record handler
 * has thrown, Lift only reports the record as failed and the bug would hide behind a clean
 * {@code batchItemFailures} answer.
 */
final class FuzzApp implements LiftApplication {

    /** Method and template of every HTTP route, in registration order; {@link RouterFuzzTest} mirrors them. */
    static final List<String[]> ROUTES = List.of(
            new String[] {"GET", "/"},
            new String[] {"GET", "/a/b/c"},
            new String[] {"GET", "/a/{x}"},
            new String[] {"GET", "/a/{x}/b"},
            new String[] {"POST", "/a/{x}/b"},
            new String[] {"GET", "/a/{x}/{y}"},
            new String[] {"GET", "/users/me"},
            new String[] {"GET", "/users/{id}"},
            new String[] {"DELETE", "/users/{userId}"},
            new String[] {"GET", "/users/{id}/posts/{postId}"},
            new String[] {"GET", "/files/{path+}"},
            new String[] {"GET", "/{first}/x"},
            new String[] {"GET", "/boom/{why}"},
            new String[] {"ANY", "/{proxy+}"});

    /** The template whose handler fails on purpose, to check that a 500 shows no class name or message. */
    static final String BOOM = "/boom/{why}";

    /** What the deliberate failure says; it must never reach a response. */
    static final String BOOM_MESSAGE = "deliberate failure with internal detail dev.lift.reliability.fuzz.Secret";

    private final AtomicReference<Throwable> unexpected = new AtomicReference<>();
    private final AtomicBoolean failedOnPurpose = new AtomicBoolean();

    @Override
    public String id() {
        return "fuzz-app";
    }

    @Override
    public void configure(Routes routes) {
        for (String[] r : ROUTES) {
            routes.route(r[0], r[1], this::http);
        }
        routes.onRecord(SqsMessage.any(), (m, ctx) -> record(m, () -> {
            m.queueName();
            m.fifo();
            m.messageGroupId();
            m.attribute("SenderId");
            m.messageAttributes().forEach((k, v) -> {
                v.dataType();
                v.stringValue();
                v.binaryValue();
            });
            clientErrorAllowed(() -> m.bodyAs(Map.class));
            return m.describe() + m;
        }));
        routes.onRecord(SnsMessage.any(), (m, ctx) -> record(m, () -> {
            m.topicName();
            clientErrorAllowed(() -> m.messageAs(Map.class));
            return m.describe() + m;
        }));
        routes.onRecord(S3Notification.any(), (n, ctx) -> record(n, () -> n.describe() + n));
        routes.onRecord(DynamoDbStreamRecord.any(), (r, ctx) -> record(r, () -> {
            r.tableName();
            r.isTtlDelete();
            return r.describe() + r;
        }));
        routes.onRecord(KinesisRecord.any(), (r, ctx) -> record(r, () -> {
            r.shardId();
            r.streamName();
            r.dataAsText();
            r.isKmsEncrypted();
            r.approximateArrivalTimestamp();
            clientErrorAllowed(() -> r.dataAs(Map.class));
            return r.describe() + r;
        }));
        routes.onEvent(EventBridgeEvent.any(), (e, ctx) -> event(() -> {
            e.isReplay();
            clientErrorAllowed(() -> e.detailAs(Map.class));
            return e.describe() + e;
        }));
        routes.onEvent(ScheduledEvent.any(), (e, ctx) -> event(() -> {
            e.ruleName();
            e.detailType();
            clientErrorAllowed(() -> e.detailAs(Map.class));
            return e.describe() + e;
        }));
        routes.onEvent(WebSocketMessage.any(), (m, ctx) -> event(() -> {
            m.bodyBytes();
            m.header("Host");
            m.queryParam("token");
            clientErrorAllowed(() -> m.bodyAs(Map.class));
            return m.describe() + m;
        }));
    }

    /** Whether the HTTP handler failed on purpose since the last call; clears it. */
    boolean takeFailedOnPurpose() {
        return failedOnPurpose.getAndSet(false);
    }

    /** The first unexpected exception an accessor threw since the last call, or null; clears it. */
    Throwable takeUnexpected() {
        return unexpected.getAndSet(null);
    }

    private Object http(HttpRequest req, dev.lift.api.InvocationContext ctx) {
        Map<String, Object> seen = new LinkedHashMap<>();
        touch(() -> {
            seen.put("template", req.route().orElse(null));
            seen.put("params", req.pathParameters());
            seen.put("method", req.method());
            seen.put("path", req.path());
            seen.put("segments", req.pathSegments());
            seen.put("query", req.queryParameters());
            seen.put("cookies", req.cookies());
            seen.put("headers", req.headers().asMap());
            req.rawPath();
            req.rawQueryString();
            req.bodyText();
            req.sourceIp();
            req.stage();
            req.gatewayRequestId();
            req.authorizer();
            req.jwtClaims();
            req.jwtScopes();
            req.lambdaAuthorizerContext();
            req.iamIdentity();
            req.gatewayContext();
            req.stageVariables();
            req.extras();
            req.toString();
            for (String name : req.pathParameters().keySet()) {
                clientErrorAllowed(() -> req.safePathParam(name));
            }
            return null;
        });
        if (BOOM.equals(req.route().orElse(null))) {
            failedOnPurpose.set(true);
            throw new IllegalStateException(BOOM_MESSAGE);
        }
        byte[] body = req.body();
        if (body != null && body.length > 0 && !req.method().equals("GET") && !req.method().equals("HEAD")) {
            req.bodyAs(Map.class); // a LiftException 4xx becomes the answer, with Jackson's reason in it
        }
        return HttpResponse.json(seen);
    }

    /** Runs a record's accessors; fails some records on purpose so that batchItemFailures are written too. */
    private void record(Object record, Supplier<String> accessors) {
        String text = touch(accessors);
        if (text != null && text.length() % 5 == 0) {
            throw new IllegalStateException("deliberate record failure");
        }
    }

    private Object event(Supplier<String> accessors) {
        String text = touch(accessors);
        return text == null ? null : Map.of("length", text.length());
    }

    private <T> T touch(Supplier<T> accessors) {
        try {
            return accessors.get();
        } catch (LiftException e) {
            if (e.status() >= 500) {
                unexpected.compareAndSet(null, e);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            unexpected.compareAndSet(null, e);
            throw e;
        }
    }

    /** Reads a typed body or parameter: a 4xx refusal is a correct answer to bad input, so it is swallowed. */
    private static void clientErrorAllowed(Supplier<?> read) {
        try {
            read.get();
        } catch (LiftException e) {
            if (e.status() < 400 || e.status() >= 500) {
                throw e;
            }
        }
    }
}

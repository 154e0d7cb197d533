package dev.lift.reliability.soak;

import dev.lift.api.HttpResponse;
import dev.lift.api.LiftApplication;
import dev.lift.api.LiftException;
import dev.lift.api.Routes;
import dev.lift.events.SqsMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The application the soak drives: HTTP routes with a path parameter, a typed JSON body and the
 * error paths, and an SQS record handler that fails the messages whose body says so. Keeps
 * nothing per request, unless it is made with {@link #leaking(int)} to prove the soak notices.
 */
final class SoakApp implements LiftApplication {

    /** A typed request body. */
    record Item(String name, int quantity) {
    }

    private final int leakBytesPerInvocation;
    private final ConcurrentLinkedQueue<byte[]> leaked = new ConcurrentLinkedQueue<>();

    private SoakApp(int leakBytesPerInvocation) {
        this.leakBytesPerInvocation = leakBytesPerInvocation;
    }

    /** An application that keeps nothing. */
    static SoakApp clean() {
        return new SoakApp(0);
    }

    /** An application that keeps about {@code bytes} of every invocation forever, as a leak would. */
    static SoakApp leaking(int bytes) {
        return new SoakApp(bytes);
    }

    @Override
    public String id() {
        return "soak-app";
    }

    @Override
    public void configure(Routes routes) {
        routes.get("/soak/items/{id}", (req, ctx) -> {
            leak();
            return Map.of("id", req.pathParam("id").orElseThrow(), "view", req.queryParam("view").orElse("full"));
        });
        routes.post("/soak/items", Item.class, (item, req, ctx) -> {
            leak();
            if (item.quantity() < 0) {
                throw LiftException.badRequest("quantity must not be negative");
            }
            return HttpResponse.json(Map.of("name", item.name(), "quantity", item.quantity())).withStatus(201);
        });
        routes.get("/soak/broken", (req, ctx) -> {
            leak();
            throw new IllegalStateException("a handler bug the problem response must not show");
        });
        routes.onRecord(SqsMessage.queue("soak-queue"), (m, ctx) -> {
            leak();
            if (m.body().startsWith("fail")) {
                throw new IllegalArgumentException("poison message");
            }
        });
    }

    private void leak() {
        if (leakBytesPerInvocation > 0) {
            // The array's header is part of what a leak keeps: 16 bytes on a 64-bit JVM.
            leaked.add(new byte[leakBytesPerInvocation - 16]);
        }
    }

    /** How many invocations the leaking variant has kept something of. */
    int leakedCount() {
        return leaked.size();
    }
}

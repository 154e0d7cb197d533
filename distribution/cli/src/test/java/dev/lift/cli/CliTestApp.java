package dev.lift.cli;

import dev.lift.api.HttpResponse;
import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Routes the CLI tests need besides the example application's, found through
 * {@code META-INF/services} in the test resources like any application jar.
 */
public final class CliTestApp implements LiftApplication {

    /** Set by the test that uses {@code /together}. */
    static volatile CyclicBarrier BARRIER = new CyclicBarrier(1);

    /** {@code /hold} counts ENTERED down, then waits (at most 10 s) for RELEASE; set by the tests that use it. */
    static volatile CountDownLatch ENTERED = new CountDownLatch(0);
    static volatile CountDownLatch RELEASE = new CountDownLatch(0);

    @Override
    public String id() {
        return "cli-test-app";
    }

    @Override
    public void configure(Routes routes) {
        // AWS's sample HTTP API event is POST /my/path.
        routes.post("/my/path", (req, ctx) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("body", req.bodyText());
            out.put("cookies", req.cookies());
            out.put("header2", req.header("header2").orElse(null));
            out.put("parameter1", req.queryParams("parameter1"));
            return HttpResponse.json(out).withStatus(202).header("X-Handled-By", "cli-test-app");
        });
        routes.post("/echo", (req, ctx) -> HttpResponse.bytes(req.body(),
                req.header("content-type").orElse("application/octet-stream")));
        routes.get("/cookies", (req, ctx) -> HttpResponse.json(req.cookies())
                .cookie("a=1; Path=/").cookie("b=2; HttpOnly"));
        routes.get("/request", (req, ctx) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("method", req.method());
            out.put("path", req.path());
            out.put("query", req.queryParameters());
            out.put("multi", req.headers().all("x-multi"));
            out.put("sourceIp", req.sourceIp().orElse(null));
            return out;
        });
        routes.get("/deadline", (req, ctx) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("remainingMs", ctx.remainingTime().toMillis());
            out.put("requestId", ctx.requestId());
            out.put("traceId", ctx.traceId().orElse(null));
            out.put("functionArn", ctx.invokedFunctionArn());
            return out;
        });
        // Answers only when BARRIER's parties all arrive: proves that invocations run at the same time.
        routes.get("/together", (req, ctx) -> {
            BARRIER.await(10, TimeUnit.SECONDS);
            return "together";
        });
        // A request that stays in flight until the test lets it go.
        routes.get("/hold", (req, ctx) -> {
            ENTERED.countDown();
            return RELEASE.await(10, TimeUnit.SECONDS) ? "released" : "not released in time";
        });
    }
}

package dev.lift.benchmarks;

import dev.lift.api.HttpResponse;
import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.LiftKernel;
import dev.lift.kernel.Lift;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the number of routes costs one HTTP API (v2) request, bytes in to bytes out. The application registers
 * {@code routes} GET routes, either static ({@code /resource<i>/items}) or parameterised
 * ({@code /resource<i>/{id}/items}); the request asks for the first registered, the middle one, the last one, or
 * a path no route has (answered 404). The baseline is the 10-route case of the same run (the target compares
 * 1,000 routes with 10); {@link DispatchBenchmark} has the bare handler for this event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingBenchmark {

    @Param({"10", "100", "500", "1000"})
    public int routes;

    @Param({"static", "param"})
    public String kind;

    @Param({"first", "middle", "last", "missing"})
    public String target;

    private byte[] event;
    private LiftKernel kernel;
    private LambdaRequest request;

    @Setup
    public void setUp() {
        boolean parameterised = "param".equals(kind);
        event = Fixtures.httpV2("GET", path(routes, parameterised, target));
        request = Fixtures.request();
        kernel = Lift.builder().discover(false).environment(Map.of()).plugin(new ApiGatewayV2Adapter())
                .plugin(new ManyRoutes(routes, parameterised)).build();
    }

    @TearDown
    public void tearDown() {
        kernel.close();
    }

    @Benchmark
    public byte[] lift() {
        return kernel.invoke(event, request);
    }

    /** The request path for {@code target} among {@code routes} routes. */
    static String path(int routes, boolean parameterised, String target) {
        int i = switch (target) {
            case "first" -> 0;
            case "middle" -> routes / 2;
            case "last" -> routes - 1;
            case "missing" -> -1;
            default -> throw new IllegalArgumentException("target is first, middle, last or missing, not " + target);
        };
        if (i < 0) {
            return parameterised ? "/nowhere/42/items" : "/nowhere/items";
        }
        return parameterised ? "/resource" + i + "/42/items" : "/resource" + i + "/items";
    }

    /** {@code n} GET routes, each answering its own index as text. */
    public static final class ManyRoutes implements LiftApplication {
        private final int n;
        private final boolean parameterised;

        public ManyRoutes(int n, boolean parameterised) {
            this.n = n;
            this.parameterised = parameterised;
        }

        @Override
        public String id() {
            return "bench-routes";
        }

        @Override
        public void configure(Routes r) {
            for (int i = 0; i < n; i++) {
                String answer = "route " + i;
                r.get(parameterised ? "/resource" + i + "/{id}/items" : "/resource" + i + "/items",
                        (req, ctx) -> HttpResponse.text(answer));
            }
        }
    }
}

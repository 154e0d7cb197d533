package dev.lift.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftApplication;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.Routes;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.cors.CorsPlugin;
import dev.lift.plugins.jwt.JwtPlugin;
import dev.lift.plugins.logging.LoggingPlugin;
import dev.lift.plugins.metrics.EmfMetricsPlugin;
import dev.lift.plugins.requestid.RequestIdPlugin;
import dev.lift.spi.MiddlewarePlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What middleware costs per request, beside the same bare handler as {@link HttpV2Benchmark}:
 * <ul>
 *   <li>{@code lift}: the kernel and the v2 adapter, no middleware;</li>
 *   <li>{@code tenNoOp}: ten global middleware plugins that only call {@code next};</li>
 *   <li>{@code standardStack}: request id, JSON logging with its access line, EMF metrics, CORS and a
 *       JWT (RS256) verified against keys fetched from a JWKS on 127.0.0.1, on a route marked
 *       authenticated. Log and EMF lines are written to a discarding stream.</li>
 * </ul>
 * The request is the AWS sample HTTP API event with an {@code Authorization} and an {@code Origin}
 * header added, for all four.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MiddlewareBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private byte[] event;
    private LambdaRequest request;
    private LiftKernel plain;
    private LiftKernel tenNoOp;
    private LiftKernel stack;
    private HttpServer jwks;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-1").generate();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        byte[] keySet = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks.json", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, keySet.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(keySet);
            }
        });
        jwks.start();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench-1").build(),
                new JWTClaimsSet.Builder().issuer("https://issuer.bench").audience("bench-api").subject("user-1")
                        .expirationTime(new Date(System.currentTimeMillis() + 3_600_000L)).claim("scope", "read write")
                        .build());
        token.sign(new RSASSASigner(key));

        ObjectNode tree = (ObjectNode) MAPPER.readTree(HttpV2Benchmark.eventBytes());
        tree.with("headers").put("authorization", "Bearer " + token.serialize()).put("origin", "https://app.bench");
        event = MAPPER.writeValueAsBytes(tree);
        request = new LambdaRequest("3f1f6c1e-bench-0000-0000-000000000000", System.currentTimeMillis() + 3_600_000L,
                "arn:aws:lambda:us-east-1:123456789012:function:bench", null, "bench", "$LATEST", 512);

        plain = Lift.builder().discover(false).environment(Map.of()).plugin(new ApiGatewayV2Adapter())
                .plugin(new EchoApplication(false)).build();
        Lift.Builder ten = Lift.builder().discover(false).environment(Map.of()).plugin(new ApiGatewayV2Adapter())
                .plugin(new EchoApplication(false));
        for (int i = 0; i < 10; i++) {
            ten.plugin(new NoOp(i));
        }
        tenNoOp = ten.build();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        stack = Lift.builder().discover(false).environment(Map.of()).plugin(new ApiGatewayV2Adapter())
                .plugin(new EchoApplication(true))
                .plugin(new RequestIdPlugin()).plugin(new LoggingPlugin(discard)).plugin(new EmfMetricsPlugin(discard))
                .plugin(new CorsPlugin()).plugin(new JwtPlugin())
                .setting("lift.metrics.namespace", "Bench")
                .setting("lift.cors.allowed-origins", "https://app.bench")
                .setting("lift.jwt.jwks-url", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json")
                .setting("lift.jwt.issuer", "https://issuer.bench")
                .setting("lift.jwt.audience", "bench-api")
                .build();
        check(plain.invoke(event, request));
        check(tenNoOp.invoke(event, request));
        check(stack.invoke(event, request));
    }

    private static void check(byte[] response) throws IOException {
        int status = MAPPER.readTree(response).path("statusCode").asInt();
        if (status != 200) {
            throw new IllegalStateException("the benchmark request is answered " + status + ": "
                    + new String(response, StandardCharsets.UTF_8));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        plain.close();
        tenNoOp.close();
        stack.close();
        jwks.stop(0);
    }

    /** As {@link HttpV2Benchmark#baseline()}: parse, build the same response, write it. */
    @Benchmark
    public byte[] baseline() throws IOException {
        APIGatewayV2HTTPEvent in = MAPPER.readValue(event, APIGatewayV2HTTPEvent.class);
        APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
        out.setStatusCode(200);
        out.setHeaders(Map.of("Content-Type", HttpV2Benchmark.CONTENT_TYPE));
        out.setBody(in.getBody());
        return MAPPER.writeValueAsBytes(out);
    }

    @Benchmark
    public byte[] lift() {
        return plain.invoke(event, request);
    }

    @Benchmark
    public byte[] tenNoOp() {
        return tenNoOp.invoke(event, request);
    }

    @Benchmark
    public byte[] standardStack() {
        return stack.invoke(event, request);
    }

    /** A global middleware that only passes the request on. */
    public static final class NoOp implements MiddlewarePlugin {
        private final int n;

        NoOp(int n) {
            this.n = n;
        }

        @Override
        public String id() {
            return "no-op-" + n;
        }

        @Override
        public int order() {
            return APPLICATION + n;
        }

        @Override
        public HttpMiddleware http(RouteDescriptor route) {
            return (req, ctx, next) -> next.proceed();
        }
    }

    /** {@code POST /my/path} echoes the body; authenticated when the JWT plugin is in the stack. */
    public static final class EchoApplication implements LiftApplication {
        private final boolean authenticated;

        EchoApplication(boolean authenticated) {
            this.authenticated = authenticated;
        }

        @Override
        public String id() {
            return "bench-echo";
        }

        @Override
        public void configure(Routes routes) {
            var route = routes.post("/my/path", (req, ctx) -> HttpResponse.text(req.bodyText()));
            if (authenticated) {
                route.authenticated();
            }
        }
    }
}

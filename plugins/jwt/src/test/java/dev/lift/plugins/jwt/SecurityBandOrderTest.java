package dev.lift.plugins.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpResponse;
import dev.lift.api.RouteDescriptor;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.cors.CorsPlugin;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.securityheaders.SecurityHeadersPlugin;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.spi.MiddlewarePlugin;
import dev.lift.test.Events;
import dev.lift.test.HttpResult;
import dev.lift.test.LiftTestKit;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The three security plugins with an observability-band and a traffic-band plugin around them, as
 * lift.jar runs them: the compiled chain's order, and who sees a request that security refuses.
 */
class SecurityBandOrderTest {

    /** Records every answer on the way out, like a request logger. */
    static final class Observer implements MiddlewarePlugin {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "test-observer";
        }

        @Override
        public int order() {
            return OBSERVABILITY;
        }

        @Override
        public HttpMiddleware http(RouteDescriptor route) {
            return (request, ctx, next) -> {
                HttpResponse r = next.proceed();
                seen.add(request.method() + " " + request.path() + " " + r.statusCode());
                return r;
            };
        }
    }

    /** Counts the requests that reach the traffic band, like a rate limiter. */
    static final class Limiter implements MiddlewarePlugin {
        final List<String> reached = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "test-limiter";
        }

        @Override
        public int order() {
            return TRAFFIC;
        }

        @Override
        public HttpMiddleware http(RouteDescriptor route) {
            return (request, ctx, next) -> {
                reached.add(request.method() + " " + request.path());
                return next.proceed();
            };
        }
    }

    @Test
    void securityRunsAfterObservabilityAndBeforeTrafficAndWhatItRefusesNeverReachesTraffic() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        Observer observer = new Observer();
        Limiter limiter = new Limiter();
        try (JwksServer jwks = new JwksServer().serve(List.of(key.toPublicJWK()));
             LogCapture quiet = LogCapture.on("lift.jwt");
             LiftTestKit lift = LiftTestKit.builder().plugin(new ApiGatewayV2Adapter()).plugin(new ProblemDetailsErrorStrategy())
                     // Registered in the reverse of their order: the bands, not the list, decide.
                     .plugin(limiter).plugin(new JwtPlugin()).plugin(new SecurityHeadersPlugin()).plugin(new CorsPlugin())
                     .plugin(observer)
                     .plugin(new TestApp(r -> r.get("/me", (req, ctx) -> "me").authenticated().get("/open", (req, ctx) -> "open")))
                     .setting("lift.jwt.jwks-url", jwks.url()).setting("lift.jwt.issuer", "https://i.example/")
                     .setting("lift.cors.allowed-origins", "https://app.example.com").build()) {
            Map<String, List<String>> chains = new java.util.LinkedHashMap<>();
            lift.kernel().routes().forEach(d -> chains.put(d.toString(), d.middleware()));
            assertEquals(List.of("test-observer", "cors", "security-headers", "jwt", "test-limiter"), chains.get("GET /me"));
            assertEquals(List.of("test-observer", "cors", "security-headers", "test-limiter"), chains.get("GET /open"));

            HttpResult refused = lift.invoke(Events.http("GET", "/me").header("Origin", "https://app.example.com")).http();
            refused.assertStatus(401).assertHeader("Access-Control-Allow-Origin", "https://app.example.com")
                    .assertHeader("X-Frame-Options", "DENY");
            lift.invoke(Events.http("OPTIONS", "/me").header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "GET")).http().assertStatus(204);
            Instant now = Instant.now();
            String token = JwtPluginTest.sign(key, JWSAlgorithm.RS256, new JWTClaimsSet.Builder().issuer("https://i.example/")
                    .expirationTime(Date.from(now.plusSeconds(60))).build(), h -> { });
            lift.invoke(Events.http("GET", "/me").header("Authorization", "Bearer " + token)).http().assertStatus(200).assertBody("me");

            assertEquals(List.of("GET /me 401", "OPTIONS /me 204", "GET /me 200"), observer.seen);
            // The refused GET never reaches traffic. The preflight does: /me has no OPTIONS route, so CORS
            // learns the path's methods from the kernel's 405, which passes through the inner bands.
            assertEquals(List.of("OPTIONS /me", "GET /me"), limiter.reached);
        }
    }
}

package dev.lift.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.cors.CorsPlugin;
import dev.lift.plugins.jwt.JwtPlugin;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.securityheaders.SecurityHeadersPlugin;
import dev.lift.test.Events;
import dev.lift.test.HttpResult;
import dev.lift.test.LiftTestKit;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /me} and {@code GET /me/admin} with the security plugins lift.jar carries: the jwt plugin
 * against a JWKS served on 127.0.0.1, CORS and security headers. Without jwt settings they fail closed.
 */
class MeRouteTest {

    static final String ISSUER = "https://login.example.com/";

    private HttpServer server;
    private ExecutorService executor;
    private ECKey key;
    private LiftTestKit lift;

    @BeforeEach
    void issuer() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        executor = Executors.newSingleThreadExecutor();
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        if (lift != null) {
            lift.close();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private LiftTestKit boot(boolean jwt) {
        LiftTestKit.Builder b = LiftTestKit.builder().plugin(new ApiGatewayV2Adapter()).plugin(new ProblemDetailsErrorStrategy())
                .plugin(new JwtPlugin()).plugin(new CorsPlugin()).plugin(new SecurityHeadersPlugin()).plugin(new ExampleApp())
                .setting("lift.cors.allowed-origins", "https://app.example.com");
        if (jwt) {
            b.setting("lift.jwt.jwks-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks")
                    .setting("lift.jwt.issuer", ISSUER);
        }
        return b.build();
    }

    private String token(String scope) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject("ada").issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(300))).claim("scope", scope).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private HttpResult get(String path, String token) {
        return lift.invoke(Events.http("GET", path).header("Origin", "https://app.example.com")
                .header("Authorization", "Bearer " + token)).http();
    }

    @Test
    void meAnswersTheTokensSubjectAndScopes() throws Exception {
        lift = boot(true);
        get("/me", token("todos:read profile")).assertStatus(200)
                .assertJsonBody("{\"sub\":\"ada\",\"scopes\":[\"todos:read\",\"profile\"]}")
                .assertHeader("Access-Control-Allow-Origin", "https://app.example.com")
                .assertHeader("X-Content-Type-Options", "nosniff");
        get("/me/admin", token("admin")).assertStatus(200).assertJsonBody("{\"sub\":\"ada\",\"scopes\":[\"admin\"]}");
    }

    @Test
    void aMissingOrBadTokenIs401AndAMissingScope403WithCorsHeadersSoTheBrowserCanReadThem() throws Exception {
        lift = boot(true);
        lift.invoke(Events.http("GET", "/me")).http().assertStatus(401).assertHeader("WWW-Authenticate", "Bearer");
        get("/me", token("profile") + "x").assertStatus(401)
                .assertHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .assertHeader("Access-Control-Allow-Origin", "https://app.example.com");
        HttpResult forbidden = get("/me/admin", token("profile"));
        forbidden.assertStatus(403).assertHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"")
                .assertHeader("Access-Control-Allow-Origin", "https://app.example.com")
                .assertHeader("X-Frame-Options", "DENY");
        assertFalse(forbidden.bodyText().contains("ada"));
        // A preflight needs no token: CORS answers it before authentication.
        lift.invoke(Events.http("OPTIONS", "/me").header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization"))
                .http().assertStatus(204).assertHeader("Access-Control-Allow-Headers", "authorization");
    }

    @Test
    void withoutJwtSettingsMeFailsClosed() throws Exception {
        lift = boot(false);
        HttpResult res = get("/me", token("admin"));
        res.assertStatus(401).assertHeader("WWW-Authenticate", "Bearer");
        assertNull(res.bodyJson().get("sub"));
        get("/me/admin", token("admin")).assertStatus(401);
        lift.invoke(Events.http("GET", "/hello/Ada")).http().assertStatus(200);
    }

    @Test
    void withoutAnyAuthenticationPluginMeStillFailsClosed() throws Exception {
        lift = LiftTestKit.withPlugins(new ApiGatewayV2Adapter(), new ProblemDetailsErrorStrategy(), new ExampleApp());
        get("/me", token("admin")).assertStatus(401);
        assertEquals(200, lift.invoke(Events.http("GET", "/hello/Ada")).http().status());
    }
}

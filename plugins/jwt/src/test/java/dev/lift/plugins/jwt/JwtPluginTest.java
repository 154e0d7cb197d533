package dev.lift.plugins.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lift.kernel.LiftBootException;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.test.Events;
import dev.lift.test.HttpResult;
import dev.lift.test.LiftTestKit;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jwt plugin in a real kernel with the HTTP API adapter and problem details, fed HTTP API events
 * from the test kit, with keys generated here and served as a JWKS by a real HTTP server on
 * 127.0.0.1. What a client sees (status, WWW-Authenticate, body) and what the log says.
 */
class JwtPluginTest {

    static final String ISSUER = "https://issuer.example.com/";
    static final String AUDIENCE = "orders-api";

    static RSAKey rsa;
    static ECKey ec;
    static RSAKey stranger; // same kid as rsa, never published

    private JwksServer jwks;
    private FakeTime time;
    private JwtPlugin plugin;
    private LiftTestKit lift;
    private LogCapture log;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    }

    @BeforeEach
    void start() throws Exception {
        jwks = new JwksServer().serve(List.of(rsa.toPublicJWK(), ec.toPublicJWK()));
        time = new FakeTime();
        log = LogCapture.on("lift.jwt");
    }

    @AfterEach
    void stop() {
        if (lift != null) {
            lift.close();
        }
        jwks.close();
        log.close();
    }

    private static void routes(dev.lift.api.Routes r) {
        r.get("/public", (req, ctx) -> Map.of("claims", ctx.attribute(JwtPlugin.CLAIMS).isPresent()))
                .get("/me", (req, ctx) -> Map.of("sub", ctx.attribute(JwtPlugin.SUBJECT, String.class).orElse("?"),
                        "scopes", ctx.attribute(JwtPlugin.SCOPES).orElseThrow(),
                        "aud", ((Map<?, ?>) ctx.attribute(JwtPlugin.CLAIMS).orElseThrow()).get("aud")))
                .authenticated()
                .group("/admin", g -> g.get("/stats", (req, ctx) -> "stats")).scopes("admin", "stats:read");
    }

    private LiftTestKit boot(Map<String, String> settings) {
        LiftTestKit.Builder b = LiftTestKit.builder().plugin(new ApiGatewayV2Adapter()).plugin(new ProblemDetailsErrorStrategy())
                .plugin(plugin = new JwtPlugin(time, time)).plugin(new TestApp(JwtPluginTest::routes));
        settings.forEach((k, v) -> b.setting("lift.jwt." + k, v));
        return b.build();
    }

    private void bootConfigured() {
        lift = boot(Map.of("jwks-url", jwks.url(), "issuer", ISSUER, "audience", AUDIENCE + ",other-api"));
    }

    private HttpResult get(String path, String token) {
        var event = Events.http("GET", path);
        if (token != null) {
            event.header("Authorization", "Bearer " + token);
        }
        return lift.invoke(event).http();
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = time.instant();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("user-42")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("scope", "orders:read admin");
    }

    static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims, Consumer<JWSHeader.Builder> header) throws Exception {
        JWSHeader.Builder h = new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT);
        header.accept(h);
        SignedJWT jwt = new SignedJWT(h.build(), claims);
        JWSSigner signer = key instanceof RSAKey ? new RSASSASigner((RSAKey) key) : new ECDSASigner((ECKey) key);
        jwt.sign(signer);
        return jwt.serialize();
    }

    String rsaToken(JWTClaimsSet claims) throws Exception {
        return sign(rsa, JWSAlgorithm.RS256, claims, h -> { });
    }

    /** 401 with the challenge, a problem body that says nothing of why, and the reason in the log. */
    private void assertRefused(HttpResult res, String challenge, String loggedReason, String token) {
        res.assertStatus(401).assertHeader("WWW-Authenticate", challenge);
        assertEquals("A valid bearer token is required", res.bodyJson().get("detail").asText(), res.toString());
        String body = res.bodyText();
        assertFalse(body.contains(loggedReason), body);
        List<String> lines = log.lines();
        assertTrue(lines.stream().anyMatch(l -> l.contains(loggedReason)), "logged: " + lines);
        if (token != null) {
            assertFalse(body.contains(token));
            for (String line : lines) {
                for (String part : token.split("\\.")) {
                    assertFalse(part.length() > 8 && line.contains(part), "a log line carries the token: " + line);
                }
            }
        }
    }

    @Test
    void aValidRsaOrEcTokenReachesTheHandlerWithItsClaimsSubjectAndScopesOnTheInvocation() throws Exception {
        bootConfigured();
        get("/me", rsaToken(claims().build())).assertStatus(200)
                .assertJsonBody("{\"sub\":\"user-42\",\"scopes\":[\"orders:read\",\"admin\"],\"aud\":\"orders-api\"}");
        String es = sign(ec, JWSAlgorithm.ES256, claims().audience("other-api").claim("scope", null)
                .claim("scp", List.of("a", "b")).build(), h -> h.type(new JOSEObjectType("at+jwt")));
        get("/me", es).assertStatus(200).assertJsonBody("{\"sub\":\"user-42\",\"scopes\":[\"a\",\"b\"],\"aud\":\"other-api\"}");
        // Routes that ask for nothing get no layer and no claims, even with a token.
        get("/public", rsaToken(claims().build())).assertStatus(200).assertJsonBody("{\"claims\":false}");
        Map<String, List<String>> chains = new java.util.HashMap<>();
        lift.kernel().routes().forEach(d -> chains.put(d.toString(), d.middleware()));
        assertEquals(List.of(), chains.get("GET /public"));
        assertEquals(List.of("jwt"), chains.get("GET /me"));
        assertEquals(1, jwks.requests(), "the key set is fetched once and cached");
    }

    @Test
    void noTokenOrAnotherSchemeIs401WithABareBearerChallenge() throws Exception {
        bootConfigured();
        assertRefused(get("/me", null), "Bearer", "no bearer token", null);
        HttpResult basic = lift.invoke(Events.http("GET", "/me").header("Authorization", "Basic dXNlcjpwYXNz")).http();
        basic.assertStatus(401).assertHeader("WWW-Authenticate", "Bearer");
        HttpResult empty = lift.invoke(Events.http("GET", "/me").header("Authorization", "Bearer ")).http();
        empty.assertStatus(401).assertHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    @Test
    void expiredNotYetValidWrongIssuerWrongAudienceAndMissingExpAreRefused() throws Exception {
        bootConfigured();
        Instant now = time.instant();
        String expired = rsaToken(claims().expirationTime(Date.from(now.minusSeconds(120))).build());
        assertRefused(get("/me", expired), JwtPlugin.INVALID, "Expired JWT", expired);
        String early = rsaToken(claims().notBeforeTime(Date.from(now.plusSeconds(300))).build());
        assertRefused(get("/me", early), JwtPlugin.INVALID, "JWT before use time", early);
        String issuer = rsaToken(claims().issuer("https://evil.example.com/").build());
        assertRefused(get("/me", issuer), JwtPlugin.INVALID, "iss claim value rejected", issuer);
        String audience = rsaToken(claims().audience("someone-else").build());
        assertRefused(get("/me", audience), JwtPlugin.INVALID, "JWT aud claim rejected", audience);
        String noExp = rsaToken(claims().expirationTime(null).build());
        assertRefused(get("/me", noExp), JwtPlugin.INVALID, "missing required claims: [exp]", noExp);
    }

    @Test
    void theClockSkewForgivesSmallDifferencesOnly() throws Exception {
        bootConfigured();
        Instant now = time.instant();
        get("/me", rsaToken(claims().expirationTime(Date.from(now.minusSeconds(30))).build())).assertStatus(200);
        get("/me", rsaToken(claims().notBeforeTime(Date.from(now.plusSeconds(30))).build())).assertStatus(200);
        get("/me", rsaToken(claims().expirationTime(Date.from(now.minusSeconds(61))).build())).assertStatus(401);
    }

    @Test
    void tamperedPayloadOrHeaderAndATokenSignedByAKeyNotInTheSetAreRefused() throws Exception {
        bootConfigured();
        String good = rsaToken(claims().build());
        String[] parts = good.split("\\.");
        String payload = Base64URL.encode(claims().subject("admin").build().toString().getBytes(StandardCharsets.UTF_8)).toString();
        String tamperedPayload = parts[0] + "." + payload + "." + parts[2];
        assertRefused(get("/me", tamperedPayload), JwtPlugin.INVALID, "the signature does not verify", tamperedPayload);
        String header = Base64URL.encode("{\"kid\":\"rsa-1\",\"typ\":\"JWT\",\"alg\":\"RS256\",\"x\":1}".getBytes(StandardCharsets.UTF_8)).toString();
        String tamperedHeader = header + "." + parts[1] + "." + parts[2];
        assertRefused(get("/me", tamperedHeader), JwtPlugin.INVALID, "the signature does not verify", tamperedHeader);
        String foreign = sign(stranger, JWSAlgorithm.RS256, claims().build(), h -> { });
        assertRefused(get("/me", foreign), JwtPlugin.INVALID, "the signature does not verify with the key kid rsa-1", foreign);
        get("/me", good).assertStatus(200);
    }

    @Test
    void algNoneAndHs256KeyedWithTheRsaPublicKeyAreRefused() throws Exception {
        bootConfigured();
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + Base64URL.encode(claims().build().toString().getBytes(StandardCharsets.UTF_8)) + ".";
        assertRefused(get("/me", none), JwtPlugin.INVALID, "unsigned (alg none)", none);

        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
        hs.sign(new MACSigner(rsa.toRSAPublicKey().getEncoded()));
        String confused = hs.serialize();
        assertRefused(get("/me", confused), JwtPlugin.INVALID, "the algorithm HS256 is not allowed", confused);
        // RS512 is not in the default allow-list (RS256, ES256) even with the right key.
        String rs512 = sign(rsa, JWSAlgorithm.RS512, claims().build(), h -> { });
        assertRefused(get("/me", rs512), JwtPlugin.INVALID, "the algorithm RS512 is not allowed", rs512);
    }

    @Test
    void keysOfferedByTheTokenItselfAndUnknownCriticalHeadersAreRefusedEvenWhenTheSignatureIsGood() throws Exception {
        bootConfigured();
        String jku = sign(rsa, JWSAlgorithm.RS256, claims().build(), h -> h.jwkURL(URI.create("https://evil.example.com/jwks")));
        assertRefused(get("/me", jku), JwtPlugin.INVALID, "jku header", jku);
        String jwk = sign(rsa, JWSAlgorithm.RS256, claims().build(), h -> h.jwk(rsa.toPublicJWK()));
        assertRefused(get("/me", jwk), JwtPlugin.INVALID, "jwk header", jwk);
        String x5u = sign(rsa, JWSAlgorithm.RS256, claims().build(), h -> h.x509CertURL(URI.create("https://evil.example.com/cert")));
        assertRefused(get("/me", x5u), JwtPlugin.INVALID, "x5u header", x5u);
        String crit = sign(rsa, JWSAlgorithm.RS256, claims().build(),
                h -> h.criticalParams(Set.of("urn:example:policy")).customParam("urn:example:policy", "strict"));
        assertRefused(get("/me", crit), JwtPlugin.INVALID, "critical header parameters", crit);
        assertEquals(0, jwks.requests(), "refused before any key was needed, and nothing fetched from the URLs the tokens named");
    }

    @Test
    void anOversizedTokenIsRefusedBeforeItIsParsed() throws Exception {
        lift = boot(Map.of("jwks-url", jwks.url(), "issuer", ISSUER, "max-token-bytes", "1024"));
        String big = rsaToken(claims().claim("padding", "x".repeat(2000)).build());
        assertRefused(get("/me", big), JwtPlugin.INVALID, "larger than 1024 bytes", big);
        assertEquals(0, jwks.requests(), "no key was needed to refuse it");
    }

    @Test
    void aMissingScopeIs403InsufficientScopeAndAllScopesPass() throws Exception {
        bootConfigured();
        String reader = rsaToken(claims().claim("scope", "admin orders:read").build());
        HttpResult forbidden = get("/admin/stats", reader);
        forbidden.assertStatus(403).assertHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        assertEquals("The token does not grant the scopes this route requires", forbidden.bodyJson().get("detail").asText());
        assertFalse(forbidden.bodyText().contains("stats:read"));
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("lacks the scopes [stats:read]")), log.lines().toString());
        get("/admin/stats", rsaToken(claims().claim("scope", null).claim("scp", List.of("stats:read", "admin")).build()))
                .assertStatus(200).assertBody("stats");
        get("/admin/stats", null).assertStatus(401).assertHeader("WWW-Authenticate", "Bearer");
    }

    @Test
    void anUnknownKidRefreshesTheKeySetAtMostOncePerMinuteThenIsRefused() throws Exception {
        bootConfigured();
        get("/me", rsaToken(claims().build())).assertStatus(200);
        assertEquals(1, jwks.requests());
        RSAKey unknown = new RSAKeyGenerator(2048).keyID("rsa-unknown").generate();
        String token = sign(unknown, JWSAlgorithm.RS256, claims().build(), h -> { });
        assertRefused(get("/me", token), JwtPlugin.INVALID, "no key of the JWKS fits the token's kid rsa-unknown", token);
        assertEquals(1, jwks.requests(), "the set was fetched less than a minute ago: no refresh");
        time.advance(Duration.ofSeconds(61));
        get("/me", token).assertStatus(401);
        assertEquals(2, jwks.requests(), "one refresh for the unknown kid");
        for (int i = 0; i < 5; i++) {
            get("/me", token).assertStatus(401);
        }
        assertEquals(2, jwks.requests(), "refreshes are rate-limited");
    }

    @Test
    void aRotatedKeyIsAcceptedAfterTheRefreshAndTheRetiredOneIsNot() throws Exception {
        bootConfigured();
        String old = rsaToken(claims().build());
        get("/me", old).assertStatus(200);
        RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        jwks.serve(List.of(next.toPublicJWK(), ec.toPublicJWK()));
        String rotated = sign(next, JWSAlgorithm.RS256, claims().build(), h -> { });
        time.advance(Duration.ofSeconds(61));
        get("/me", rotated).assertStatus(200);
        assertEquals(2, jwks.requests());
        get("/me", old).assertStatus(401);
    }

    @Test
    void concurrentRequestsWithAnUnknownKidCauseOneRefresh() throws Exception {
        bootConfigured();
        get("/me", rsaToken(claims().build())).assertStatus(200);
        time.advance(Duration.ofSeconds(61));
        String token = sign(new RSAKeyGenerator(2048).keyID("nope").generate(), JWSAlgorithm.RS256, claims().build(), h -> { });
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < 10; i++) {
                        statuses.add(get("/me", token).status());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
            th.join(60_000);
        }
        assertEquals(80, statuses.size());
        assertTrue(statuses.stream().allMatch(s -> s == 401), statuses.toString());
        assertEquals(2, jwks.requests(), "80 requests with an unknown kid, one refresh");
    }

    @Test
    void aTokenInTheConfiguredCookieIsReadWhenNoAuthorizationHeaderIsSent() throws Exception {
        lift = boot(Map.of("jwks-url", jwks.url(), "issuer", ISSUER, "cookie", "session"));
        String token = rsaToken(claims().build());
        lift.invoke(Events.http("GET", "/me").cookie("session", token)).http().assertStatus(200);
        lift.invoke(Events.http("GET", "/me").cookie("other", token)).http().assertStatus(401);
    }

    @Test
    void whenTheKeySetCannotBeFetchedTheAnswerIs503NotAnOpenDoor() throws Exception {
        String url = jwks.url();
        jwks.close();
        lift = boot(Map.of("jwks-url", url, "issuer", ISSUER));
        LogCapture errors = LogCapture.on("lift.errors");
        try {
            HttpResult res = get("/me", rsaToken(claims().build()));
            res.assertStatus(503);
            assertFalse(res.bodyText().contains("127.0.0.1"), res.bodyText());
        } finally {
            errors.close();
        }
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("keys could not be fetched")), log.lines().toString());
        jwks = new JwksServer(); // for stop()
    }

    @Test
    void withoutJwksUrlProtectedRoutesAnswer401AndOthersAreUntouched() throws Exception {
        lift = boot(Map.of());
        get("/public", null).assertStatus(200);
        get("/me", rsaToken(claims().build())).assertStatus(401).assertHeader("WWW-Authenticate", "Bearer");
        get("/admin/stats", rsaToken(claims().build())).assertStatus(401);
        assertNull(plugin.keys());
        assertEquals(0, jwks.requests());
    }

    @Test
    void badSettingsFailBootNamingTheSettingAndWhatIsAllowed() {
        Map<Map<String, String>, List<String>> cases = Map.of(
                Map.of("jwks-url", "http://issuer.example.com/jwks", "issuer", ISSUER),
                List.of("lift.jwt.jwks-url", "LIFT_JWT_JWKS_URL", "https URL", "loopback"),
                Map.of("jwks-url", "https://issuer.example.com/jwks"),
                List.of("lift.jwt.issuer", "LIFT_JWT_ISSUER", "required"),
                Map.of("jwks-url", jwks.url(), "issuer", ISSUER, "algorithms", "RS256,HS256"),
                List.of("lift.jwt.algorithms", "'RS256,HS256'", "RS256, RS384", "ES512", "no HMAC"),
                Map.of("jwks-url", jwks.url(), "issuer", ISSUER, "clock-skew", "10m"),
                List.of("lift.jwt.clock-skew", "0s to 5m"),
                Map.of("jwks-url", jwks.url(), "issuer", ISSUER, "max-token-bytes", "10"),
                List.of("lift.jwt.max-token-bytes", "512 to 65536"),
                Map.of("issuer", ISSUER),
                List.of("lift.jwt.jwks-url", "lift.jwt.issuer"));
        cases.forEach((settings, expected) -> {
            LiftBootException e = assertThrows(LiftBootException.class, () -> boot(settings), settings.toString());
            for (String part : expected) {
                assertTrue(e.getMessage().contains(part), settings + " -> " + e.getMessage());
            }
        });
    }

    @Test
    void theProblemBodyIsTheSameWhateverTheReason() throws Exception {
        bootConfigured();
        Instant now = time.instant();
        String a = problem(get("/me", rsaToken(claims().expirationTime(Date.from(now.minusSeconds(600))).build())));
        String b = problem(get("/me", rsaToken(claims().issuer("https://x.example/").build())));
        String c = problem(get("/me", "not.a.token"));
        assertEquals(a, b);
        assertEquals(a, c);
    }

    private static String problem(HttpResult res) {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) res.bodyJson()).without("requestId").toString();
    }
}

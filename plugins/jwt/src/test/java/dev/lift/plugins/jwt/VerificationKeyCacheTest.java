package dev.lift.plugins.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.test.Events;
import dev.lift.test.HttpResult;
import dev.lift.test.LiftTestKit;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: each JWK of the issuer's set is turned into its Java key once, not on every request,
 * and reused until a refresh changes or drops it. Real kernel, real nimbus, a real JWKS on
 * 127.0.0.1; the conversions are counted through the plugin's {@link JwksCache.KeyConverter} seam,
 * which wraps nimbus's own conversion.
 */
class VerificationKeyCacheTest {

    static final String ISSUER = JwtPluginTest.ISSUER;

    static RSAKey rsa;
    static ECKey ec;

    private final Map<String, AtomicInteger> conversions = new ConcurrentHashMap<>();
    private JwksServer jwks;
    private FakeTime time;
    private LiftTestKit lift;
    private LogCapture log;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
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

    private void boot(String algorithms) {
        JwksCache.KeyConverter counting = jwk -> {
            conversions.computeIfAbsent(jwk.getKeyID(), k -> new AtomicInteger()).incrementAndGet();
            return JwksCache.NIMBUS.toPublicKey(jwk);
        };
        lift = LiftTestKit.builder().plugin(new ApiGatewayV2Adapter()).plugin(new ProblemDetailsErrorStrategy())
                .plugin(new JwtPlugin(time, time, counting))
                .plugin(new TestApp(r -> r.get("/me", (req, ctx) -> ctx.attribute(JwtPlugin.SUBJECT, String.class).orElse("?"))
                        .authenticated()))
                .setting("lift.jwt.jwks-url", jwks.url()).setting("lift.jwt.issuer", ISSUER)
                .setting("lift.jwt.algorithms", algorithms)
                .build();
    }

    private int converted(String kid) {
        AtomicInteger n = conversions.get(kid);
        return n == null ? 0 : n.get();
    }

    private HttpResult get(String token) {
        return lift.invoke(Events.http("GET", "/me").header("Authorization", "Bearer " + token)).http();
    }

    private JWTClaimsSet claims(String subject) {
        Instant now = time.instant();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).expirationTime(Date.from(now.plusSeconds(300)))
                .build();
    }

    private static String sign(com.nimbusds.jose.jwk.JWK key, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        return JwtPluginTest.sign(key, alg, claims, h -> { });
    }

    @Test
    void eachKeyIsConvertedOnceHoweverManyTokensAreVerifiedAndARefreshThatKeepsItConvertsItNoMore() throws Exception {
        boot("RS256,ES256");
        for (int i = 0; i < 40; i++) {
            get(sign(rsa, JWSAlgorithm.RS256, claims("rsa-user-" + i))).assertStatus(200).assertBody("rsa-user-" + i);
            get(sign(ec, JWSAlgorithm.ES256, claims("ec-user-" + i))).assertStatus(200).assertBody("ec-user-" + i);
        }
        assertEquals(1, converted("rsa-1"), "80 tokens, the RSA key converted once: " + conversions);
        assertEquals(1, converted("ec-1"), "80 tokens, the EC key converted once: " + conversions);

        // The set's time to live (10m by default) passes: it is fetched again, holds the same keys, and they are reused.
        time.advance(Duration.ofMinutes(11));
        for (int i = 0; i < 5; i++) {
            get(sign(rsa, JWSAlgorithm.RS256, claims("after-" + i))).assertStatus(200).assertBody("after-" + i);
            get(sign(ec, JWSAlgorithm.ES256, claims("after-" + i))).assertStatus(200);
        }
        assertEquals(2, jwks.requests(), "the set was refreshed after its time to live");
        assertEquals(Map.of("rsa-1", 1, "ec-1", 1), counts(), "unchanged keys are not converted again after a refresh");
    }

    @Test
    void concurrentRequestsShareOneConversion() throws Exception {
        boot("RS256,ES256");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(sign(i % 2 == 0 ? rsa : ec, i % 2 == 0 ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256, claims("user-" + i)));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String token = tokens.get(t);
            Thread th = new Thread(() -> {
                try {
                    go.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < 10; i++) {
                        HttpResult res = get(token);
                        bodies.add(res.status() + " " + res.bodyText());
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
        assertEquals(80, bodies.size());
        for (int t = 0; t < 8; t++) {
            String expected = "200 user-" + t;
            assertEquals(10, bodies.stream().filter(expected::equals).count(), expected + " in " + bodies);
        }
        assertEquals(Map.of("rsa-1", 1, "ec-1", 1), counts(), "80 concurrent verifications, one conversion per key");
    }

    @Test
    void aRotatedKeyIsAcceptedAfterTheRefreshAndTheRetiredOneIsRefusedThoughItsKeyWasCached() throws Exception {
        boot("RS256,ES256");
        String old = sign(rsa, JWSAlgorithm.RS256, claims("old"));
        get(old).assertStatus(200);
        assertEquals(1, converted("rsa-1"));

        RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        jwks.serve(List.of(next.toPublicJWK(), ec.toPublicJWK()));
        time.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 5; i++) {
            get(sign(next, JWSAlgorithm.RS256, claims("new-" + i))).assertStatus(200).assertBody("new-" + i);
        }
        assertEquals(2, jwks.requests(), "one refresh for the new kid");
        assertEquals(1, converted("rsa-2"), "the new key is converted once");
        get(old).assertStatus(401).assertHeader("WWW-Authenticate", JwtPlugin.INVALID);
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("no key of the JWKS fits the token's kid rsa-1")),
                log.lines().toString());
        assertEquals(1, converted("rsa-1"), "the retired key is not converted again");
    }

    @Test
    void newKeyMaterialUnderTheSameKidReplacesTheCachedKeyAtTheRefresh() throws Exception {
        boot("RS256,ES256");
        String old = sign(rsa, JWSAlgorithm.RS256, claims("old"));
        get(old).assertStatus(200);
        RSAKey replacement = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        jwks.serve(List.of(replacement.toPublicJWK(), ec.toPublicJWK()));
        String fresh = sign(replacement, JWSAlgorithm.RS256, claims("fresh"));
        // Until the set's time to live has passed the cached key is the issuer's key: the new material does not verify.
        get(fresh).assertStatus(401);
        assertEquals(1, jwks.requests());

        time.advance(Duration.ofMinutes(11));
        get(fresh); // this request finds the set stale and refreshes it (the token itself has expired by now)
        assertEquals(2, jwks.requests());
        get(sign(replacement, JWSAlgorithm.RS256, claims("fresh"))).assertStatus(200).assertBody("fresh");
        get(sign(replacement, JWSAlgorithm.RS256, claims("again"))).assertStatus(200).assertBody("again");
        get(sign(rsa, JWSAlgorithm.RS256, claims("old"))).assertStatus(401).assertHeader("WWW-Authenticate", JwtPlugin.INVALID);
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("the signature does not verify with the key kid rsa-1")),
                log.lines().toString());
        assertEquals(2, converted("rsa-1"), "the old material once, the new material once: " + conversions);
    }

    @Test
    void aTokenWhoseAlgorithmDoesNotFitTheCachedKeyIsRefused() throws Exception {
        // rsa-pinned says alg RS256: a PS256 token signed with its private key must not be checked with it;
        // rsa-enc is for encryption only.
        RSAKey pinned = new RSAKeyGenerator(2048).keyID("rsa-pinned").algorithm(JWSAlgorithm.RS256).generate();
        RSAKey encryption = new RSAKeyGenerator(2048).keyID("rsa-enc").keyUse(KeyUse.ENCRYPTION).generate();
        jwks.serve(List.of(rsa.toPublicJWK(), ec.toPublicJWK(), pinned.toPublicJWK(), encryption.toPublicJWK()));
        boot("RS256,PS256,ES256");
        get(sign(rsa, JWSAlgorithm.RS256, claims("rsa"))).assertStatus(200);
        get(sign(ec, JWSAlgorithm.ES256, claims("ec"))).assertStatus(200);
        get(sign(pinned, JWSAlgorithm.RS256, claims("pinned"))).assertStatus(200);
        assertEquals(Map.of("rsa-1", 1, "ec-1", 1, "rsa-pinned", 1), counts());

        // An ES256 header naming the (cached) RSA key, signed with the EC key; and the other way round.
        ECKey ecAsRsa = new ECKey.Builder(ec).keyID("rsa-1").build();
        String esWithRsaKid = sign(ecAsRsa, JWSAlgorithm.ES256, claims("x"));
        get(esWithRsaKid).assertStatus(401).assertHeader("WWW-Authenticate", JwtPlugin.INVALID);
        RSAKey rsaAsEc = new RSAKey.Builder(rsa).keyID("ec-1").build();
        get(sign(rsaAsEc, JWSAlgorithm.RS256, claims("x"))).assertStatus(401);
        get(sign(pinned, JWSAlgorithm.PS256, claims("x"))).assertStatus(401);
        get(sign(encryption, JWSAlgorithm.RS256, claims("x"))).assertStatus(401);
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("no key of the JWKS fits the token's kid rsa-1 and algorithm ES256")),
                log.lines().toString());
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("no key of the JWKS fits the token's kid rsa-pinned and algorithm PS256")),
                log.lines().toString());
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("no key of the JWKS fits the token's kid rsa-enc")),
                log.lines().toString());
        assertEquals(Map.of("rsa-1", 1, "ec-1", 1, "rsa-pinned", 1), counts(), "no key was converted for the refused tokens");
    }

    @Test
    void aKeyOfTheSetThatIsNoUsableRsaKeyIsLeftOutAndLoggedOnce() throws Exception {
        // A 256-bit modulus: nimbus parses it, the JDK refuses to build an RSA key under 512 bits.
        RSAKey weak = new RSAKey.Builder(Base64URL.encode(BigInteger.ONE.shiftLeft(255).add(BigInteger.ONE)),
                Base64URL.encode(BigInteger.valueOf(65537))).keyID("weak").build();
        jwks.serve(List.of(weak, rsa.toPublicJWK()));
        boot("RS256");
        RSAKey signer = new RSAKey.Builder(rsa).keyID("weak").build();
        String token = sign(signer, JWSAlgorithm.RS256, claims("x"));
        get(token).assertStatus(401).assertHeader("WWW-Authenticate", JwtPlugin.INVALID);
        get(token).assertStatus(401);
        get(sign(rsa, JWSAlgorithm.RS256, claims("ok"))).assertStatus(200).assertBody("ok");
        assertEquals(1, log.lines().stream().filter(l -> l.contains("the key weak of the JWKS")
                && l.contains("cannot be used")).count(), log.lines().toString());
        assertEquals(Map.of("weak", 1, "rsa-1", 1), counts());
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        conversions.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}

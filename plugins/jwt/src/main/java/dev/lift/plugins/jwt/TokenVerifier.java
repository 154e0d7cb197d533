package dev.lift.plugins.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.lift.api.LogText;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a bearer token with nimbus-jose-jwt: the signature with a key of the issuer's JWKS and an
 * allowed algorithm, then {@code iss}, {@code aud}, {@code exp} (required) and {@code nbf} with the
 * clock skew. Before that it refuses what no configuration may accept: oversized tokens, unsigned
 * ({@code alg: none}) and encrypted tokens, tokens that offer their own key ({@code jku},
 * {@code jwk}, {@code x5u}, {@code x5c}) and any {@code crit} header. Thread-safe.
 */
final class TokenVerifier {

    /** A verified token: its claims as plain JSON values, its subject and its scopes. */
    record Verified(Map<String, Object> claims, String subject, List<String> scopes) {
    }

    /** Why a token was refused, for the log; never shown to the client and never holding the token. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean serverSide;

        Rejected(String reason, boolean serverSide) {
            super(reason, null, false, false);
            this.serverSide = serverSide;
        }

        /** True when the keys could not be had: the token may be fine (answer 503, not 401). */
        boolean serverSide() {
            return serverSide;
        }
    }

    private final JwtSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    TokenVerifier(JwtSettings settings, JwksCache keys, Clock clock) {
        this.settings = settings;
        // As nimbus's JWSVerificationKeySelector: an allowed algorithm, then only keys whose kty fits it and whose
        // kid, use (sig or none) and alg (this one or none) match the header; their Java keys come from the cache.
        processor.setJWSKeySelector((header, context) -> {
            if (!settings.algorithms().contains(header.getAlgorithm())) {
                return List.of();
            }
            JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
            return matcher == null ? List.of() : keys.keys(matcher);
        });
        // RFC 9068 access tokens are typed at+jwt; ID-token style JWTs carry JWT or no typ.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
                new JOSEObjectType("application/at+jwt"), null));
        Set<String> required = new HashSet<>(Set.of("exp", "iss"));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audiences().isEmpty() ? null : settings.audiences(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), required, null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    Verified verify(String token) throws Rejected {
        if (token.length() > settings.maxTokenBytes()) {
            throw new Rejected("the token is larger than " + settings.maxTokenBytes() + " bytes", false);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new Rejected("the token is not a well-formed JWT", false);
        }
        if (jwt instanceof PlainJWT) {
            throw new Rejected("the token is unsigned (alg none)", false);
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT)) {
            throw new Rejected("the token is encrypted, not signed", false);
        }
        SignedJWT signed = (SignedJWT) jwt;
        JWSHeader header = signed.getHeader();
        checkHeader(header);
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (JwksCache.JwksUnavailable e) {
            throw new Rejected("the issuer's keys could not be fetched: " + LogText.escape(e.getMessage()), true);
        } catch (BadJWSException e) {
            throw new Rejected("the signature does not verify with the key " + keyId(header), false);
        } catch (BadJWTException e) {
            throw new Rejected("the claims are refused: " + shortened(e.getMessage()), false);
        } catch (BadJOSEException e) {
            throw new Rejected("no key of the JWKS fits the token's " + keyId(header) + " and algorithm "
                    + header.getAlgorithm() + ", or its type is refused", false);
        } catch (JOSEException e) {
            throw new Rejected("the signature could not be checked (" + e.getClass().getSimpleName() + ")", false);
        }
        return new Verified(Collections.unmodifiableMap(new LinkedHashMap<>(claims.toJSONObject())), claims.getSubject(),
                scopes(claims));
    }

    private void checkHeader(JWSHeader header) throws Rejected {
        if (header.getJWKURL() != null) {
            throw new Rejected("the token offers its own key set (jku header)", false);
        }
        if (header.getJWK() != null) {
            throw new Rejected("the token offers its own key (jwk header)", false);
        }
        if (header.getX509CertURL() != null) {
            throw new Rejected("the token offers its own certificate (x5u header)", false);
        }
        if (header.getX509CertChain() != null) {
            throw new Rejected("the token offers its own certificate (x5c header)", false);
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new Rejected("the token has critical header parameters this plugin does not understand: "
                    + shortened(String.valueOf(header.getCriticalParams())), false);
        }
        JWSAlgorithm alg = header.getAlgorithm();
        if (!settings.algorithms().contains(alg)) {
            throw new Rejected("the algorithm " + shortened(alg.getName()) + " is not allowed", false);
        }
    }

    /** Scopes from {@code scope} (space separated, RFC 9068), else from {@code scp} (a list, or a space separated string). */
    static List<String> scopes(JWTClaimsSet claims) {
        Set<String> out = new LinkedHashSet<>();
        Object scope = claims.getClaim("scope");
        Object scp = claims.getClaim("scp");
        Object source = scope != null ? scope : scp;
        if (source instanceof String s) {
            for (String part : s.split(" ")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        } else if (source instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s && !s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }

    private static String keyId(JWSHeader header) {
        return header.getKeyID() == null ? "(no kid)" : "kid " + shortened(header.getKeyID());
    }

    /** Text from the token (a claim's value, a key id), made safe and short for one log line. */
    private static String shortened(String text) {
        String t = text == null ? "null" : text;
        return LogText.escape(t.length() <= 120 ? t : t.substring(0, 120) + "...");
    }
}

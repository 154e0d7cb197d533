package dev.lift.plugins.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The jwt plugin's settings, read and checked once at boot. The plugin is configured when
 * {@code jwks-url} is set; {@code issuer} is then required.
 */
record JwtSettings(URL jwksUrl, String issuer, Set<String> audiences, Set<JWSAlgorithm> algorithms, Duration clockSkew,
                   int maxTokenBytes, String cookie, Duration jwksCacheTtl, Duration jwksTimeout) {

    /** Asymmetric algorithms only: the keys come from a public JWKS, so an HMAC "key" would be public too. */
    static final List<JWSAlgorithm> ALLOWED = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    static final String[] KEYS = {"jwks-url", "issuer", "audience", "algorithms", "clock-skew", "max-token-bytes",
        "cookie", "jwks-cache-ttl", "jwks-timeout"};

    /** The settings, or empty when {@code jwks-url} is not set (and nothing else is). */
    static Optional<JwtSettings> read(Settings s) {
        Optional<String> url = s.get("jwks-url");
        if (url.isEmpty()) {
            for (String key : KEYS) {
                if (s.get(key).isPresent()) {
                    throw new SettingException(s.describe("jwks-url"), "",
                            "the https URL of the issuer's JWKS, since " + s.describe(key) + " is set");
                }
            }
            return Optional.empty();
        }
        URL jwks = jwksUrl(s, url.get().trim());
        String issuer = s.get("issuer").map(String::trim)
                .orElseThrow(() -> new SettingException(s.describe("issuer"), "",
                        "the exact 'iss' value of accepted tokens, for example https://issuer.example.com/ (required with jwks-url)"));
        Set<String> audiences = new LinkedHashSet<>(list(s.get("audience", "")));
        Set<JWSAlgorithm> algorithms = algorithms(s);
        Duration skew = duration(s, "clock-skew", Duration.ofSeconds(60), Duration.ZERO, Duration.ofMinutes(5),
                "a duration from 0s to 5m, such as 60s");
        int maxBytes = s.getInt("max-token-bytes", 8192, 512, 65536);
        String cookie = s.get("cookie").map(String::trim).orElse(null);
        if (cookie != null && !cookie.matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+")) {
            throw new SettingException(s.describe("cookie"), cookie, "a cookie name (letters, digits and !#$%&'*+-.^_`|~)");
        }
        Duration ttl = duration(s, "jwks-cache-ttl", Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(24),
                "a duration from 1m to 24h, such as 10m");
        Duration timeout = duration(s, "jwks-timeout", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(10),
                "a duration from 100ms to 10s, such as 2s");
        return Optional.of(new JwtSettings(jwks, issuer, Set.copyOf(audiences), algorithms, skew, maxBytes, cookie, ttl, timeout));
    }

    private static URL jwksUrl(Settings s, String raw) {
        String allowed = "an https URL, or http only for a loopback host (localhost, 127.0.0.1, [::1])";
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                    || !(scheme.equals("https") || scheme.equals("http") && isLoopback(host))) {
                throw new SettingException(s.describe("jwks-url"), raw, allowed);
            }
            return uri.toURL();
        } catch (URISyntaxException | java.net.MalformedURLException | IllegalArgumentException e) {
            if (e instanceof SettingException) {
                throw (SettingException) e;
            }
            throw new SettingException(s.describe("jwks-url"), raw, allowed);
        }
    }

    /** Loopback by its literal name only: no DNS look-up decides whether plain http is allowed. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static Set<JWSAlgorithm> algorithms(Settings s) {
        List<String> names = list(s.get("algorithms", "RS256,ES256"));
        Set<JWSAlgorithm> out = new LinkedHashSet<>();
        for (String name : names) {
            JWSAlgorithm match = null;
            for (JWSAlgorithm a : ALLOWED) {
                if (a.getName().equalsIgnoreCase(name)) {
                    match = a;
                }
            }
            if (match == null) {
                throw new SettingException(s.describe("algorithms"), s.get("algorithms", ""),
                        "a comma-separated list of " + String.join(", ", ALLOWED.stream().map(JWSAlgorithm::getName).toList())
                                + " (no none, no HMAC)");
            }
            out.add(match);
        }
        if (out.isEmpty()) {
            throw new SettingException(s.describe("algorithms"), s.get("algorithms", ""), "at least one algorithm");
        }
        return Set.copyOf(out);
    }

    private static Duration duration(Settings s, String key, Duration def, Duration min, Duration max, String allowed) {
        Duration d = s.getDuration(key, def);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new SettingException(s.describe(key), s.get(key, ""), allowed);
        }
        return d;
    }

    private static List<String> list(String raw) {
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}

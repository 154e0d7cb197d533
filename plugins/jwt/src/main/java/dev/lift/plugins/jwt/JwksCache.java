package dev.lift.plugins.jwt;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import dev.lift.api.LogText;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The issuer's public keys, fetched from its JWKS URL and kept in a Caffeine cache that refreshes
 * them after {@code ttl} (keeping the old set while the endpoint cannot be reached). A token whose
 * {@code kid} is in no cached key makes one refetch, at most once per {@link #MIN_REFRESH}
 * whatever the traffic: a stream of tokens with made-up key ids cannot turn into a stream of
 * requests to the issuer. Thread-safe.
 */
final class JwksCache {

    /** Turns a key of the set into the Java key that checks signatures (a seam: tests count the conversions). */
    @FunctionalInterface
    interface KeyConverter {
        PublicKey toPublicKey(JWK jwk) throws JOSEException;
    }

    /** nimbus's own conversion: decodes the RSA modulus and exponent, or the EC point, and builds the key. */
    static final KeyConverter NIMBUS = jwk -> {
        if (jwk instanceof RSAKey rsa) {
            return rsa.toRSAPublicKey();
        }
        if (jwk instanceof ECKey ec) {
            return ec.toECPublicKey();
        }
        throw new JOSEException("a " + jwk.getKeyType() + " key cannot check an RSA or EC signature");
    };

    /** The least time between two fetches that an unknown key id may cause. */
    static final Duration MIN_REFRESH = Duration.ofMinutes(1);

    private static final String KEY = "jwks";
    private static final int MAX_JWKS_BYTES = 512 * 1024;

    private final URL url;
    private final DefaultResourceRetriever retriever;
    private final Ticker ticker;
    private final System.Logger log;
    private final KeyConverter converter;
    private final LoadingCache<String, JWKSet> cache;
    private final Object refreshLock = new Object();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile long lastFetchNanos;
    private volatile boolean fetchedOnce;

    JwksCache(URL url, Duration ttl, Duration timeout, Ticker ticker, System.Logger log) {
        this(url, ttl, timeout, ticker, log, NIMBUS);
    }

    JwksCache(URL url, Duration ttl, Duration timeout, Ticker ticker, System.Logger log, KeyConverter converter) {
        this.url = url;
        this.ticker = ticker;
        this.log = log;
        this.converter = converter;
        int millis = (int) timeout.toMillis();
        this.retriever = new DefaultResourceRetriever(millis, millis, MAX_JWKS_BYTES, true) {
            @Override
            protected HttpURLConnection openHTTPConnection(URL target) throws IOException {
                HttpURLConnection c = super.openHTTPConnection(target);
                c.setInstanceFollowRedirects(false); // the configured URL is the only place keys come from
                return c;
            }
        };
        // Same-thread executor: refreshes run on the invocation that finds the set stale, never on the common pool.
        this.cache = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run).maximumSize(1)
                .refreshAfterWrite(ttl).build(k -> fetch());
    }

    /** The key set's fetches so far (for {@code lift plugins} style diagnostics and tests). */
    int fetches() {
        return fetches.get();
    }

    /**
     * The verification keys of the set's keys that {@code matcher} accepts (the token's key type,
     * {@code kid}, {@code use} and {@code alg}); none matching makes one refetch if allowed. Keys
     * that cannot be turned into a Java key are left out.
     */
    List<PublicKey> keys(JWKMatcher matcher) throws KeySourceException {
        JWKSelector selector = new JWKSelector(matcher);
        JWKSet seen = current();
        List<JWK> jwks = selector.select(seen);
        if (jwks.isEmpty()) {
            JWKSet refreshed = refreshIfAllowed(seen);
            if (refreshed == seen) {
                return List.of();
            }
            jwks = selector.select(refreshed);
        }
        List<PublicKey> out = new ArrayList<>(jwks.size());
        for (JWK jwk : jwks) {
            try {
                out.add(converter.toPublicKey(jwk));
            } catch (JOSEException e) {
                log.log(System.Logger.Level.WARNING, () -> "jwt: the key " + LogText.escape(String.valueOf(jwk.getKeyID()))
                        + " of the JWKS at " + url + " cannot be used: " + LogText.escape(e.getMessage()));
            }
        }
        return out;
    }

    private JWKSet current() throws KeySourceException {
        try {
            return cache.get(KEY);
        } catch (CompletionException | JwksUnavailable.Unchecked e) {
            throw new JwksUnavailable(e.getCause() == null ? e : e.getCause());
        }
    }

    /** Fetches again unless another thread just did or the last fetch is less than {@link #MIN_REFRESH} ago. */
    private JWKSet refreshIfAllowed(JWKSet seen) {
        synchronized (refreshLock) {
            JWKSet now = cache.getIfPresent(KEY);
            if (now != null && now != seen) {
                return now;
            }
            if (fetchedOnce && ticker.read() - lastFetchNanos < MIN_REFRESH.toNanos()) {
                return seen;
            }
            try {
                JWKSet fresh = fetch();
                cache.put(KEY, fresh);
                return fresh;
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "jwt: could not refresh the JWKS from " + url + ": " + e.getMessage());
                return seen;
            }
        }
    }

    private JWKSet fetch() {
        lastFetchNanos = ticker.read();
        fetchedOnce = true;
        fetches.incrementAndGet();
        try {
            Resource r = retriever.retrieveResource(url);
            JWKSet set = JWKSet.parse(r.getContent());
            log.log(System.Logger.Level.DEBUG, () -> "jwt: fetched " + set.getKeys().size() + " keys from " + url);
            return set;
        } catch (IOException | java.text.ParseException e) {
            throw new JwksUnavailable.Unchecked("the JWKS at " + url + " could not be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The key set cannot be had: the request cannot be checked, which is the server's problem (503). */
    static final class JwksUnavailable extends KeySourceException {
        private static final long serialVersionUID = 1L;

        JwksUnavailable(Throwable cause) {
            super(cause.getMessage(), cause);
        }

        static final class Unchecked extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Unchecked(String message, Throwable cause) {
                super(message, cause);
            }
        }
    }
}

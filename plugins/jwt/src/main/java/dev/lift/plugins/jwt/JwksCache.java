package dev.lift.plugins.jwt;

import com.github.benmanes.caffeine.cache.CacheLoader;
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
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The issuer's public keys, fetched from its JWKS URL and kept in a Caffeine cache that refreshes
 * them after {@code ttl} (keeping the old set while the endpoint cannot be reached). A token whose
 * {@code kid} is in no cached key makes one refetch, at most once per {@link #MIN_REFRESH}
 * whatever the traffic: a stream of tokens with made-up key ids cannot turn into a stream of
 * requests to the issuer.
 *
 * <p>Each key of the set is turned into its Java {@link PublicKey} once, the first time a token
 * needs it, and reused by every later token (issue 14: decoding the RSA modulus and building the
 * key cost every request about 8 us of CPU and 4 KB of garbage). A fetch that brings the same key
 * again keeps its Java key; a changed or removed key is dropped with the set it came from.
 * Thread-safe.
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
    private final LoadingCache<String, KeySet> cache;
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
                .refreshAfterWrite(ttl).build(new CacheLoader<String, KeySet>() {
                    @Override
                    public KeySet load(String key) {
                        return fetch(null);
                    }

                    @Override
                    public KeySet reload(String key, KeySet old) {
                        return fetch(old);
                    }
                });
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
        KeySet from = current();
        List<JWK> jwks = selector.select(from.jwks);
        if (jwks.isEmpty()) {
            KeySet refreshed = refreshIfAllowed(from);
            if (refreshed == from) {
                return List.of();
            }
            from = refreshed;
            jwks = selector.select(from.jwks);
        }
        List<PublicKey> out = new ArrayList<>(jwks.size());
        for (JWK jwk : jwks) {
            from.publicKey(jwk).ifPresent(out::add);
        }
        return out;
    }

    /** Runs once per distinct key of a set (a failure too is remembered, so it is logged once). */
    private Optional<PublicKey> convert(JWK jwk) {
        try {
            return Optional.of(converter.toPublicKey(jwk));
        } catch (JOSEException e) {
            log.log(System.Logger.Level.WARNING, () -> "jwt: the key " + LogText.escape(String.valueOf(jwk.getKeyID()))
                    + " of the JWKS at " + url + " cannot be used: " + LogText.escape(e.getMessage()));
            return Optional.empty();
        }
    }

    private KeySet current() throws KeySourceException {
        try {
            return cache.get(KEY);
        } catch (CompletionException | JwksUnavailable.Unchecked e) {
            throw new JwksUnavailable(e.getCause() == null ? e : e.getCause());
        }
    }

    /** Fetches again unless another thread just did or the last fetch is less than {@link #MIN_REFRESH} ago. */
    private KeySet refreshIfAllowed(KeySet seen) {
        synchronized (refreshLock) {
            KeySet now = cache.getIfPresent(KEY);
            if (now != null && now != seen) {
                return now;
            }
            if (fetchedOnce && ticker.read() - lastFetchNanos < MIN_REFRESH.toNanos()) {
                return seen;
            }
            try {
                KeySet fresh = fetch(seen);
                cache.put(KEY, fresh);
                return fresh;
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "jwt: could not refresh the JWKS from " + url + ": " + e.getMessage());
                return seen;
            }
        }
    }

    /** Fetches the set; the Java keys of {@code previous} whose JWK is in it unchanged are kept. */
    private KeySet fetch(KeySet previous) {
        lastFetchNanos = ticker.read();
        fetchedOnce = true;
        fetches.incrementAndGet();
        try {
            Resource r = retriever.retrieveResource(url);
            JWKSet set = JWKSet.parse(r.getContent());
            log.log(System.Logger.Level.DEBUG, () -> "jwt: fetched " + set.getKeys().size() + " keys from " + url);
            return new KeySet(set, previous);
        } catch (IOException | java.text.ParseException e) {
            throw new JwksUnavailable.Unchecked("the JWKS at " + url + " could not be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * A fetched set and the Java keys made from its JWKs so far. JWKs are compared by content
     * (every member, key material included), so a key is reused only while the issuer publishes
     * exactly that key. Holds at most one entry per key of its set, so it is as bounded as the
     * set (at most {@value #MAX_JWKS_BYTES} bytes), and is dropped with it.
     */
    private final class KeySet {
        final JWKSet jwks;
        private final ConcurrentHashMap<JWK, Optional<PublicKey>> converted = new ConcurrentHashMap<>();

        KeySet(JWKSet jwks, KeySet previous) {
            this.jwks = jwks;
            if (previous != null) {
                for (JWK jwk : jwks.getKeys()) {
                    Optional<PublicKey> kept = previous.converted.get(jwk);
                    if (kept != null) {
                        converted.put(jwk, kept);
                    }
                }
            }
        }

        /** Concurrent first uses of a key wait for one conversion instead of each making their own. */
        Optional<PublicKey> publicKey(JWK jwk) {
            Optional<PublicKey> known = converted.get(jwk);
            return known != null ? known : converted.computeIfAbsent(jwk, JwksCache.this::convert);
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

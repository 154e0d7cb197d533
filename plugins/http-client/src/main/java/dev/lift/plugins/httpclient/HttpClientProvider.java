package dev.lift.plugins.httpclient;

import dev.lift.api.Api;
import dev.lift.api.PluginContext;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.api.SpiVersion;
import dev.lift.spi.HealthResult;
import dev.lift.spi.ResourceProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Opens one shared JDK {@link HttpClient} for downstream calls, found by type
 * ({@code resources().require(HttpClient.class)}) or by name {@code http-client}. The resource is
 * a {@link Downstream}: an {@code HttpClient} that builds the JDK client on first use and replaces
 * it after a snapshot restore. The JDK client keeps connections alive and reuses them across
 * invocations.
 *
 * <p>Settings (namespace {@code http-client}):
 * <pre>
 * lift.http-client.connect-timeout=2s     # default 2s
 * lift.http-client.request-timeout=10s    # for requests that set no timeout; default 10s
 * lift.http-client.version=http-2         # http-1-1 or http-2 (falls back to 1.1 per connection); default http-2
 * lift.http-client.redirects=normal       # never, always or normal (not from https to http); default normal
 * lift.http-client.prewarm=false          # build the client during init instead of on first use
 * lift.http-client.warm-up-url=           # GET this URL during init (implies prewarm); a failure is logged
 * lift.http-client.ping-url=              # the health check GETs this URL: UP below status 500; none: always UP
 * lift.http-client.ping-timeout=1s        # the health check's request timeout
 * </pre>
 *
 * <p>Logs (logger {@code lift.http-client}) name a URL by scheme, host, port and path only, never
 * its query.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class HttpClientProvider implements ResourceProvider<HttpClient> {

    /** The plugin id, which is also the settings namespace and the resource's name. */
    public static final String ID = "http-client";

    private volatile boolean prewarm;
    private volatile URI warmUpUrl;
    private volatile URI pingUrl;
    private volatile Duration pingTimeout = Duration.ofSeconds(1);
    private volatile System.Logger log = System.getLogger("lift." + ID);

    /** For {@link java.util.ServiceLoader}. */
    public HttpClientProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Class<HttpClient> type() {
        return HttpClient.class;
    }

    /**
     * Reads the settings and returns a {@link Downstream} whose JDK client is not built yet.
     *
     * @throws SettingException naming the setting when a value is not allowed
     */
    @Override
    public HttpClient open(PluginContext context) {
        Settings s = context.settings();
        Duration connectTimeout = positive(s, "connect-timeout", Duration.ofSeconds(2));
        Duration requestTimeout = positive(s, "request-timeout", Duration.ofSeconds(10));
        HttpClient.Version version = s.getEnum("version", HttpClient.Version.class, HttpClient.Version.HTTP_2);
        HttpClient.Redirect redirects = s.getEnum("redirects", HttpClient.Redirect.class, HttpClient.Redirect.NORMAL);
        warmUpUrl = url(s, "warm-up-url");
        pingUrl = url(s, "ping-url");
        pingTimeout = positive(s, "ping-timeout", Duration.ofSeconds(1));
        prewarm = s.getBoolean("prewarm", false) || warmUpUrl != null;
        log = context.logger();
        Downstream d = new Downstream(connectTimeout, requestTimeout, version, redirects);
        log.log(System.Logger.Level.DEBUG, () -> "Shared HTTP client: " + d + (prewarm ? ", pre-warmed" : ", built on first use"));
        return d;
    }

    private static Duration positive(Settings s, String key, Duration defaultValue) {
        Duration d = s.getDuration(key, defaultValue);
        if (d.isNegative() || d.isZero()) {
            throw new SettingException(s.describe(key), s.get(key, ""), "a positive duration such as 250ms, 2s or 1m");
        }
        return d;
    }

    private static URI url(Settings s, String key) {
        String raw = s.get(key).orElse(null);
        if (raw == null) {
            return null;
        }
        try {
            URI uri = new URI(raw.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below with what is allowed
        }
        throw new SettingException(s.describe(key), raw, "an absolute http:// or https:// URL");
    }

    /** A URL for logs: no user info, no query, no fragment. */
    static String forLog(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /**
     * With {@code prewarm} or a {@code warm-up-url}: builds the JDK client now and sends the warm-up
     * GET, logging how long each took. A failed warm-up is logged and does not fail boot.
     */
    @Override
    public void prewarm(HttpClient resource) {
        if (!prewarm || !(resource instanceof Downstream)) {
            return;
        }
        Downstream d = (Downstream) resource;
        long start = System.nanoTime();
        d.current();
        long built = System.nanoTime();
        if (warmUpUrl == null) {
            log.log(System.Logger.Level.INFO, "Shared HTTP client built in " + (built - start) / 1_000_000 + " ms");
            return;
        }
        try {
            HttpResponse<Void> r = d.send(HttpRequest.newBuilder(warmUpUrl).GET().build(), HttpResponse.BodyHandlers.discarding());
            log.log(System.Logger.Level.INFO, "Shared HTTP client built in " + (built - start) / 1_000_000 + " ms; warm-up GET "
                    + forLog(warmUpUrl) + " answered " + r.statusCode() + " in " + (System.nanoTime() - built) / 1_000_000 + " ms");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.log(System.Logger.Level.WARNING, "Shared HTTP client: warm-up GET " + forLog(warmUpUrl) + " failed ("
                    + e.getClass().getSimpleName() + "); the first invocation opens the connection");
        }
    }

    /** Without {@code ping-url}: UP. With it: a GET, UP below status 500, else DOWN with the status or error. */
    @Override
    public HealthResult check(HttpClient resource) throws InterruptedException {
        URI ping = pingUrl;
        if (ping == null) {
            return HealthResult.up();
        }
        try {
            HttpResponse<Void> r = resource.send(HttpRequest.newBuilder(ping).timeout(pingTimeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            Map<String, Object> details = Map.of("ping", forLog(ping), "status", r.statusCode());
            return r.statusCode() < 500 ? new HealthResult(HealthResult.Status.UP, details) : HealthResult.down(details);
        } catch (java.io.IOException e) {
            return HealthResult.down(Map.of("ping", forLog(ping), "error", e.getClass().getSimpleName()));
        }
    }

    /** Drops the JDK client, so that no pooled connection goes into the snapshot. */
    @Override
    public void beforeCheckpoint(HttpClient resource) {
        if (resource instanceof Downstream) {
            ((Downstream) resource).renew();
        }
    }

    /** A new JDK client for new connections (built now when pre-warming, else on first use). */
    @Override
    public void afterRestore(HttpClient resource) {
        if (resource instanceof Downstream) {
            ((Downstream) resource).renew();
            prewarm(resource);
        }
    }

    @Override
    public void close(HttpClient resource) {
        if (resource instanceof Downstream) {
            ((Downstream) resource).close();
        }
    }
}

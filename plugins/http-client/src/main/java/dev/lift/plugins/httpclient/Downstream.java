package dev.lift.plugins.httpclient;

import dev.lift.api.Api;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The shared {@link HttpClient} the {@code http-client} plugin opens: an {@code HttpClient} itself,
 * so handlers use it as one, that sends through the JDK client it currently holds.
 *
 * <p>Why a wrapper: the JDK client keeps connections alive in a pool of its own that nothing can
 * empty, and on Java 17 it cannot be closed either. After a snapshot restore those pooled sockets
 * must not be reused (every restored copy would share them, and the peer has long dropped them), so
 * the plugin replaces the JDK client underneath: handlers that hold this object keep working and
 * their next call opens fresh connections. It also builds the JDK client only on first use (unless
 * pre-warming is configured), and gives requests without a timeout of their own the configured
 * default {@code request-timeout}.
 *
 * <p>Thread-safe.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class Downstream extends HttpClient {

    private final Supplier<HttpClient> factory;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Redirect redirect;
    private final Version version;
    private volatile HttpClient current;
    private volatile boolean closed;
    private volatile int builds;

    Downstream(Duration connectTimeout, Duration requestTimeout, Version version, Redirect redirect) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.version = version;
        this.redirect = redirect;
        this.factory = () -> HttpClient.newBuilder().connectTimeout(connectTimeout).version(version)
                .followRedirects(redirect).build();
    }

    /** The JDK client in use now, built on first call. */
    public HttpClient current() {
        HttpClient c = current;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (current == null) {
                current = factory.get();
                builds++;
            }
            return current;
        }
    }

    /** Whether the JDK client has been built (it is built on first use, or when pre-warming). */
    public boolean built() {
        return current != null;
    }

    /** How many JDK clients this wrapper has built: one more after every renewal that was followed by use. */
    public int builds() {
        return builds;
    }

    /** The default timeout of requests that set none. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Drops the JDK client and with it its pooled connections; the next call builds a new one. On
     * Java 21 and later the old client is also closed (it is {@link AutoCloseable} there).
     */
    void renew() {
        HttpClient old;
        synchronized (this) {
            old = current;
            current = null;
        }
        closeQuietly(old);
    }

    private static void closeQuietly(HttpClient client) {
        if (client instanceof AutoCloseable) { // Java 21+: frees its selector thread and sockets now
            try {
                ((AutoCloseable) client).close();
            } catch (Exception e) {
                // Nothing useful to do at a checkpoint or shutdown; the client is dropped either way.
            }
        }
    }

    /**
     * Stops sending: later calls fail with an {@link IOException}. On Java 21 and later this
     * overrides {@code HttpClient.close()} (and so is what {@code AutoCloseable} calls); on Java 17 the
     * JDK client is dropped and its selector thread ends when it is collected.
     */
    public void close() {
        closed = true;
        renew();
    }

    private HttpClient open() throws IOException {
        if (closed) {
            throw new IOException("The shared HTTP client is closed: the function is shutting down");
        }
        return current();
    }

    private HttpRequest withDefaultTimeout(HttpRequest request) {
        if (request.timeout().isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).timeout(requestTimeout).build();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return open().send(withDefaultTimeout(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return open().sendAsync(withDefaultTimeout(request), handler);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        try {
            return open().sendAsync(withDefaultTimeout(request), handler, pushPromiseHandler);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.of(connectTimeout);
    }

    @Override
    public Redirect followRedirects() {
        return redirect;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
        return current().sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return current().sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return version;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.empty();
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return current().newWebSocketBuilder();
    }

    @Override
    public String toString() {
        return "Downstream[version=" + version + ", redirects=" + redirect + ", connect-timeout=" + connectTimeout.toMillis()
                + " ms, request-timeout=" + requestTimeout.toMillis() + " ms, built=" + built() + "]";
    }
}

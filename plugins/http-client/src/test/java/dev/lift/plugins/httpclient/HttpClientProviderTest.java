package dev.lift.plugins.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.SettingException;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestPluginContext;
import dev.lift.spi.HealthResult;
import dev.lift.spi.ResourceProvider;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider on its own, against a real local HTTP server. */
class HttpClientProviderTest {

    private LocalServer server;
    private LogCapture log;

    @BeforeEach
    void start() throws Exception {
        server = new LocalServer();
        log = LogCapture.on("lift.http-client");
    }

    @AfterEach
    void stop() {
        log.close();
        server.close();
    }

    private static Downstream open(HttpClientProvider provider, Map<String, String> settings) {
        return assertInstanceOf(Downstream.class, provider.open(new TestPluginContext(HttpClientProvider.ID, settings)));
    }

    private static String get(HttpClient client, java.net.URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString()).body();
    }

    @Test
    void isFoundByServiceLoaderAsTheProviderOfHttpClient() {
        @SuppressWarnings("rawtypes")
        List<ResourceProvider> found = ServiceLoader.load(ResourceProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertTrue(found.stream().anyMatch(p -> p instanceof HttpClientProvider), found.toString());
        assertEquals("http-client", new HttpClientProvider().id());
        assertEquals("http-client", new HttpClientProvider().name());
        assertEquals(HttpClient.class, new HttpClientProvider().type());
    }

    @Test
    void theJdkClientIsBuiltOnFirstUseAndKeepsItsConnectionAlive() throws Exception {
        HttpClientProvider provider = new HttpClientProvider();
        Downstream client = open(provider, Map.of("version", "http-1-1"));
        provider.prewarm(client);
        assertFalse(client.built(), "not built during init without pre-warming");
        String port = get(client, server.uri("/port"));
        assertTrue(client.built());
        assertEquals(port, get(client, server.uri("/port")), "the second call reuses the connection");
        assertEquals(1, client.builds());
    }

    @Test
    void settingsShapeTheClient() {
        Downstream defaults = open(new HttpClientProvider(), Map.of());
        assertEquals(Duration.ofSeconds(2), defaults.connectTimeout().orElseThrow());
        assertEquals(Duration.ofSeconds(10), defaults.requestTimeout());
        assertEquals(HttpClient.Version.HTTP_2, defaults.version());
        assertEquals(HttpClient.Redirect.NORMAL, defaults.followRedirects());
        Downstream set = open(new HttpClientProvider(), Map.of("connect-timeout", "500ms", "request-timeout", "3s",
                "version", "HTTP-1-1", "redirects", "never"));
        assertEquals(Duration.ofMillis(500), set.connectTimeout().orElseThrow());
        assertEquals(Duration.ofSeconds(3), set.requestTimeout());
        assertEquals(HttpClient.Version.HTTP_1_1, set.version());
        assertEquals(HttpClient.Redirect.NEVER, set.followRedirects());
    }

    @Test
    void redirectsFollowTheSetting() throws Exception {
        assertEquals(200, open(new HttpClientProvider(), Map.of()).send(HttpRequest.newBuilder(server.uri("/moved")).build(),
                BodyHandlers.ofString()).statusCode());
        assertEquals(302, open(new HttpClientProvider(), Map.of("redirects", "never")).send(
                HttpRequest.newBuilder(server.uri("/moved")).build(), BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aRequestWithoutATimeoutOfItsOwnGetsTheDefaultRequestTimeout() {
        Downstream client = open(new HttpClientProvider(), Map.of("request-timeout", "200ms"));
        assertThrows(HttpTimeoutException.class, () -> get(client, server.uri("/slow")));
    }

    @Test
    void badSettingsFailNamingTheSettingAndWhatIsAllowed() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("connect-timeout", "soon"), "Invalid setting lift.http-client.connect-timeout (env "
                        + "LIFT_HTTP_CLIENT_CONNECT_TIMEOUT): 'soon' is not allowed; expected a duration such as 300ms, 2s, 1m or PT0.3S",
                Map.of("request-timeout", "0s"), "Invalid setting lift.http-client.request-timeout (env "
                        + "LIFT_HTTP_CLIENT_REQUEST_TIMEOUT): '0s' is not allowed; expected a positive duration such as 250ms, 2s or 1m",
                Map.of("version", "http-3"), "Invalid setting lift.http-client.version (env LIFT_HTTP_CLIENT_VERSION): "
                        + "'http-3' is not allowed; expected one of http-1-1, http-2",
                Map.of("redirects", "sometimes"), "Invalid setting lift.http-client.redirects (env LIFT_HTTP_CLIENT_REDIRECTS): "
                        + "'sometimes' is not allowed; expected one of never, always, normal",
                Map.of("ping-url", "ftp://127.0.0.1/x"), "Invalid setting lift.http-client.ping-url (env "
                        + "LIFT_HTTP_CLIENT_PING_URL): 'ftp://127.0.0.1/x' is not allowed; expected an absolute http:// or https:// URL",
                Map.of("warm-up-url", "/relative"), "Invalid setting lift.http-client.warm-up-url (env "
                        + "LIFT_HTTP_CLIENT_WARM_UP_URL): '/relative' is not allowed; expected an absolute http:// or https:// URL");
        bad.forEach((settings, message) -> assertEquals(message,
                assertThrows(SettingException.class, () -> open(new HttpClientProvider(), settings)).getMessage()));
    }

    @Test
    void aWarmUpUrlBuildsTheClientAndCallsItDuringInitLoggingNoQuery() {
        HttpClientProvider provider = new HttpClientProvider();
        Downstream client = open(provider, Map.of("warm-up-url", server.uri("/ok?token=secret").toString()));
        provider.prewarm(client);
        assertTrue(client.built());
        assertEquals(1, server.hits("/ok"));
        List<String> info = log.records(Level.INFO).stream().map(LogRecord::getMessage).toList();
        assertEquals(1, info.size());
        assertTrue(info.get(0).matches("Shared HTTP client built in \\d+ ms; warm-up GET " + server.uri("/ok")
                .toString().replace(".", "\\.") + " answered 200 in \\d+ ms"), info.get(0));
    }

    @Test
    void aFailedWarmUpIsLoggedAndDoesNotFailBoot() throws Exception {
        java.net.URI nowhere;
        try (LocalServer gone = new LocalServer()) {
            nowhere = gone.uri("/ok");
        }
        HttpClientProvider provider = new HttpClientProvider();
        Downstream client = open(provider, Map.of("warm-up-url", nowhere.toString()));
        provider.prewarm(client);
        assertEquals(List.of("Shared HTTP client: warm-up GET " + nowhere + " failed (ConnectException); the first invocation "
                + "opens the connection"), log.records(Level.WARNING).stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void healthGetsThePingUrl() throws Exception {
        HttpClientProvider none = new HttpClientProvider();
        assertEquals(HealthResult.up(), none.check(open(none, Map.of())));
        HttpClientProvider ok = new HttpClientProvider();
        assertEquals(new HealthResult(HealthResult.Status.UP, Map.of("ping", server.uri("/ok").toString(), "status", 200)),
                ok.check(open(ok, Map.of("ping-url", server.uri("/ok").toString()))));
        HttpClientProvider failing = new HttpClientProvider();
        assertEquals(new HealthResult(HealthResult.Status.DOWN, Map.of("ping", server.uri("/fail").toString(), "status", 503)),
                failing.check(open(failing, Map.of("ping-url", server.uri("/fail").toString()))));
        HttpClientProvider slow = new HttpClientProvider();
        assertEquals(new HealthResult(HealthResult.Status.DOWN, Map.of("ping", server.uri("/slow").toString(),
                "error", "HttpTimeoutException")), slow.check(open(slow, Map.of("ping-url", server.uri("/slow").toString(),
                "ping-timeout", "200ms"))));
    }

    @Test
    void afterASnapshotRestoreRequestsGoOverNewConnections() throws Exception {
        HttpClientProvider provider = new HttpClientProvider();
        Downstream client = open(provider, Map.of("version", "http-1-1"));
        String before = get(client, server.uri("/port"));
        assertEquals(before, get(client, server.uri("/port")));
        provider.beforeCheckpoint(client);
        assertFalse(client.built(), "the JDK client and its connections are dropped before the snapshot");
        provider.afterRestore(client);
        String after = get(client, server.uri("/port"));
        assertNotEquals(before, after, "a new connection after the restore");
        assertEquals(2, client.builds());
    }

    @Test
    void afterCloseCallsFailWithAClearMessage() {
        HttpClientProvider provider = new HttpClientProvider();
        Downstream client = open(provider, Map.of());
        provider.close(client);
        IOException e = assertThrows(IOException.class, () -> get(client, server.uri("/ok")));
        assertEquals("The shared HTTP client is closed: the function is shutting down", e.getMessage());
        assertEquals(0, server.hits("/ok"));
    }

    @Test
    void asyncCallsGoThroughTheSharedClientAndFailAsFuturesOnceItIsClosed() throws Exception {
        HttpClientProvider provider = new HttpClientProvider();
        Downstream client = open(provider, Map.of());
        assertEquals("ok", client.sendAsync(HttpRequest.newBuilder(server.uri("/ok")).build(), BodyHandlers.ofString())
                .get(30, java.util.concurrent.TimeUnit.SECONDS).body());
        assertEquals("ok", client.sendAsync(HttpRequest.newBuilder(server.uri("/ok")).build(), BodyHandlers.ofString(), null)
                .get(30, java.util.concurrent.TimeUnit.SECONDS).body());
        assertEquals(2, server.hits("/ok"));
        // The rest of HttpClient is the JDK client's own, as configured.
        assertTrue(client.sslContext() != null && client.sslParameters() != null);
        assertTrue(client.cookieHandler().isEmpty() && client.authenticator().isEmpty());

        provider.close(client);
        java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> client.sendAsync(HttpRequest.newBuilder(server.uri("/ok")).build(), BodyHandlers.ofString())
                        .get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failed.getCause());
        assertThrows(java.util.concurrent.ExecutionException.class,
                () -> client.sendAsync(HttpRequest.newBuilder(server.uri("/ok")).build(), BodyHandlers.ofString(), null)
                        .get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(2, server.hits("/ok"));
    }
}

package dev.lift.plugins.dynamodbclient;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.lift.api.LiftPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local as a server on a free loopback port, in this JVM, telemetry off. {@link #shared()}
 * is started once per test JVM (in memory) and stays up until the JVM exits; a test that stops and
 * starts DynamoDB makes its own with {@link #onDisk(Path)}. Clients use static dummy credentials and
 * an explicit region and endpoint, so the SDK never looks anywhere else.
 */
final class DynamoDbLocal implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("dummykey", "dummysecret"));

    private static DynamoDbLocal shared;

    private final int port;
    private final List<String> args;
    private DynamoDBProxyServer server;
    private DynamoDbClient client;

    private DynamoDbLocal(int port, List<String> args) {
        this.port = port;
        this.args = args;
    }

    /** The JVM's in-memory DynamoDB Local, started on first use. */
    static synchronized DynamoDbLocal shared() {
        if (shared == null) {
            DynamoDbLocal d = new DynamoDbLocal(freePort(), List.of("-inMemory"));
            d.start();
            Runtime.getRuntime().addShutdownHook(new Thread(d::stop, "dynamodb-local-stop"));
            shared = d;
        }
        return shared;
    }

    /** A DynamoDB Local of its own whose tables live in {@code dir}, so they survive a stop and start. */
    static DynamoDbLocal onDisk(Path dir) {
        DynamoDbLocal d = new DynamoDbLocal(freePort(), List.of("-dbPath", dir.toString(), "-sharedDb"));
        d.start();
        return d;
    }

    synchronized void start() {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        try {
            server = ServerRunner.createServerFromCommandLineArgs(all.toArray(new String[0]));
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not stop", e);
            }
            server = null;
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client of the test's own, for setting tables up and looking behind the plugin's back. */
    synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDbClient.builder().region(Region.of(REGION)).endpointOverride(endpoint())
                    .credentialsProvider(CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
        return client;
    }

    DynamoDbEnhancedClient enhanced() {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client()).build();
    }

    /** The settings that point the plugin here. */
    Map<String, String> settings() {
        return Map.of("lift.dynamodb.endpoint", endpoint().toString(), "lift.dynamodb.region", REGION);
    }

    /** The plugin, with the static dummy credentials. */
    static LiftPlugin provider() {
        return new DynamoDbProvider(() -> CREDENTIALS);
    }

    /** A table name no other test uses. */
    static String uniqueTable(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        stop();
        if (client != null) {
            client.close();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.lift.plugins.dynamodbclient;

import dev.lift.api.Api;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB clients of one function: the SDK v2 {@link DynamoDbClient} on the URL-connection
 * HTTP client and the {@link DynamoDbEnhancedClient} over it, built once by the {@code dynamodb}
 * plugin and shared by every invocation (both are thread-safe). Handlers and plugins find it with
 * {@code resources().require(DynamoDb.class)}.
 *
 * <p>Ask for the clients on each use rather than keeping them: after a SnapStart restore the
 * plugin builds new ones (fresh connections and credentials), and {@link #client()} returns those.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class DynamoDb implements AutoCloseable {

    /** How the clients are built: region, optional endpoint, credentials and timeouts. */
    record Config(Region region, URI endpoint, Supplier<AwsCredentialsProvider> credentials, Duration connectTimeout,
                  Duration callTimeout, int maxAttempts) {
        Config {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(credentials, "credentials");
        }
    }

    /** One generation of clients; replaced whole after a restore. */
    private record Clients(DynamoDbClient client, DynamoDbEnhancedClient enhanced) {
    }

    private final Config config;
    private final Object lock = new Object();
    private volatile Clients clients;
    private volatile boolean closed;

    DynamoDb(Config config) {
        this.config = config;
    }

    /** The low-level client; built on first use, and again after a snapshot restore. */
    public DynamoDbClient client() {
        return clients().client();
    }

    /** The Enhanced Client over {@link #client()}. */
    public DynamoDbEnhancedClient enhanced() {
        return clients().enhanced();
    }

    /** The region the clients sign for. */
    public Region region() {
        return config.region();
    }

    /** The endpoint override ({@code lift.dynamodb.endpoint}), if one is set. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(config.endpoint());
    }

    private Clients clients() {
        Clients c = clients;
        if (c != null) {
            return c;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The DynamoDB clients are closed: the function is shutting down");
            }
            c = clients;
            if (c == null) {
                c = build();
                clients = c;
            }
            return c;
        }
    }

    private Clients build() {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(b -> b.maxAttempts(config.maxAttempts()));
        if (config.callTimeout() != null) {
            override.apiCallTimeout(config.callTimeout());
        }
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
        if (config.connectTimeout() != null) {
            http.connectionTimeout(config.connectTimeout());
        }
        if (config.callTimeout() != null) {
            http.socketTimeout(config.callTimeout());
        }
        software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder b = DynamoDbClient.builder()
                .region(config.region())
                .credentialsProvider(config.credentials().get())
                .httpClientBuilder(http)
                .overrideConfiguration(override.build());
        if (config.endpoint() != null) {
            b.endpointOverride(config.endpoint());
        }
        DynamoDbClient client = b.build();
        return new Clients(client, DynamoDbEnhancedClient.builder().dynamoDbClient(client).build());
    }

    /**
     * Forgets the current clients (closing them), so that the next use builds new ones: before a
     * snapshot, so that no connection or credential is frozen into it.
     */
    void reset() {
        Clients old;
        synchronized (lock) {
            old = clients;
            clients = null;
        }
        if (old != null) {
            old.client().close();
        }
    }

    /** Closes the clients; later use fails. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        reset();
    }

    @Override
    public String toString() {
        return "DynamoDb[" + config.region() + (config.endpoint() == null ? "" : ", " + config.endpoint()) + "]";
    }
}

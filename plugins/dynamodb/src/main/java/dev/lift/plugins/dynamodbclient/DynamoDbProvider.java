package dev.lift.plugins.dynamodbclient;

import dev.lift.api.Api;
import dev.lift.api.PluginContext;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.api.SpiVersion;
import dev.lift.spi.HealthResult;
import dev.lift.spi.ResourceProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Opens the {@link DynamoDb} clients: built once at boot on the URL-connection HTTP client,
 * pre-warmed during init, closed at shutdown, dropped before a SnapStart checkpoint and rebuilt
 * after the restore, and checked for health with a one-item {@code ListTables}.
 *
 * <p>Region and credentials come from the usual AWS environment ({@code AWS_REGION}, the
 * function's role through the default credentials chain); for DynamoDB Local or another endpoint
 * set {@code LIFT_DYNAMODB_ENDPOINT}. Settings (namespace {@code dynamodb}):
 * <pre>
 * lift.dynamodb.endpoint=http://127.0.0.1:8000  # an http(s) URL; default: the region's DynamoDB endpoint
 * lift.dynamodb.region=eu-central-1             # default: AWS_REGION, then AWS_DEFAULT_REGION
 * lift.dynamodb.connect-timeout=2s              # default 2s
 * lift.dynamodb.call-timeout=10s                # a whole call, retries included; default 10s
 * lift.dynamodb.max-attempts=3                  # 1 to 10 tries of a call; default 3
 * lift.dynamodb.create-tables=false             # create missing tables at boot (local use); default false
 * lift.dynamodb.tenant-claim=tenant_id          # the claim tenant-scoped views read; default tenant_id
 * lift.dynamodb.table.NAME=physical-name        # the table behind typed table NAME; default NAME
 * lift.dynamodb.store-table=lift-store          # opens the KeyValueStore on this table (see DynamoDbStoreProvider)
 * </pre>
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class DynamoDbProvider implements ResourceProvider<DynamoDb> {

    /** The plugin id, which is also the settings namespace of every DynamoDB plugin. */
    public static final String ID = "dynamodb";

    /** Before the tables and the store, which open on top of the clients. */
    public static final int ORDER = -100;

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");

    private final Supplier<AwsCredentialsProvider> credentials;
    private volatile System.Logger log;

    /** For {@link java.util.ServiceLoader}: credentials from the default AWS chain. */
    public DynamoDbProvider() {
        this(() -> DefaultCredentialsProvider.builder().build());
    }

    /**
     * With credentials of the caller's choosing, for embedding and tests (static credentials for
     * DynamoDB Local, so that the SDK never looks for any elsewhere).
     */
    public DynamoDbProvider(Supplier<AwsCredentialsProvider> credentials) {
        this.credentials = credentials;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public Class<DynamoDb> type() {
        return DynamoDb.class;
    }

    /**
     * Reads the settings and builds the clients (no network call).
     *
     * @throws SettingException naming the setting when one is malformed or no region is known
     */
    @Override
    public DynamoDb open(PluginContext context) {
        log = context.logger();
        DynamoDb.Config config = config(context.settings(), System.getenv());
        DynamoDb dynamo = new DynamoDb(config);
        dynamo.client(); // built here, within init, so the first invocation does not pay for it
        log.log(System.Logger.Level.DEBUG, () -> "DynamoDB clients for " + config.region()
                + (config.endpoint() == null ? "" : " at " + config.endpoint()));
        return dynamo;
    }

    DynamoDb.Config config(Settings s, Map<String, String> env) {
        URI endpoint = s.get("endpoint").map(v -> endpoint(s, v)).orElse(null);
        String given = s.get("region")
                .or(() -> Optional.ofNullable(env.get("AWS_REGION")).filter(v -> !v.isBlank()))
                .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION")).filter(v -> !v.isBlank()))
                .orElseThrow(() -> new SettingException(s.describe("region"), "",
                        "an AWS region such as eu-central-1 (or set AWS_REGION)"));
        String region = given.trim().toLowerCase(Locale.ROOT);
        if (!REGION.matcher(region).matches()) {
            throw new SettingException(s.describe("region"), given, "an AWS region such as eu-central-1");
        }
        Duration connect = positive(s, "connect-timeout", Duration.ofSeconds(2));
        Duration call = positive(s, "call-timeout", Duration.ofSeconds(10));
        int attempts = s.getInt("max-attempts", 3, 1, 10);
        return new DynamoDb.Config(Region.of(region), endpoint, credentials, connect, call, attempts);
    }

    private static URI endpoint(Settings s, String value) {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below with the allowed form
        }
        throw new SettingException(s.describe("endpoint"), value, "an http:// or https:// URL such as http://127.0.0.1:8000");
    }

    private static Duration positive(Settings s, String key, Duration fallback) {
        Duration d = s.getDuration(key, fallback);
        if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new SettingException(s.describe(key), s.get(key).orElse(""), "a duration from 1ms to 15m, such as 2s");
        }
        return d;
    }

    /**
     * Loads the SDK's request path (marshalling, signing, HTTP) with one cheap call, so the first
     * invocation does not. A failure is logged, not fatal: health reports it.
     */
    @Override
    public void prewarm(DynamoDb dynamo) {
        try {
            dynamo.client().listTables(r -> r.limit(1));
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "DynamoDB did not answer while warming up (" + Failures.describe(e)
                    + "); the function starts anyway and health reports it");
        }
    }

    /** UP when a one-item ListTables answers within the check's timeout; DOWN with the reason otherwise. */
    @Override
    public HealthResult check(DynamoDb dynamo) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("region", dynamo.region().id());
        dynamo.endpoint().ifPresent(e -> details.put("endpoint", e.toString()));
        try {
            dynamo.client().listTables(r -> r.limit(1).overrideConfiguration(o -> o.apiCallTimeout(HealthCalls.TIMEOUT)));
            return new HealthResult(HealthResult.Status.UP, details);
        } catch (RuntimeException e) {
            details.put("error", Failures.describe(e));
            return HealthResult.down(details);
        }
    }

    @Override
    public void beforeCheckpoint(DynamoDb dynamo) {
        dynamo.reset();
    }

    @Override
    public void afterRestore(DynamoDb dynamo) {
        dynamo.client();
        prewarm(dynamo);
    }

    @Override
    public void close(DynamoDb dynamo) {
        dynamo.close();
    }

    @Override
    public Duration closeTimeout() {
        return Duration.ofMillis(200);
    }
}

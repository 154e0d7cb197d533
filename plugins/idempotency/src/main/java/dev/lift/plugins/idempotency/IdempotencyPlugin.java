package dev.lift.plugins.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.api.Api;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.Json;
import dev.lift.api.LiftException;
import dev.lift.api.LogText;
import dev.lift.api.PluginContext;
import dev.lift.api.RecordMiddleware;
import dev.lift.api.ResourceLookup;
import dev.lift.api.RouteAttributes;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.api.SpiVersion;
import dev.lift.events.SqsMessage;
import dev.lift.spi.MiddlewarePlugin;
import dev.lift.spi.store.KeyValueStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes retried requests and redelivered records safe: the first response to a key is stored in the
 * shared {@link KeyValueStore} and replayed, with {@code Idempotent-Replayed: true}, to every repeat
 * within {@code ttl}, and the handler runs once. The key is the {@code Idempotency-Key} header or a
 * SHA-256 of configured body fields, scoped by route and by the verified caller's subject. A repeat
 * while the first is still running is a 409 problem; the same key with another payload a 422 problem.
 * A 5xx response is not stored and its in-flight marker is released, so a retry runs again; a marker
 * of work that never finished (the function was killed) expires after {@code in-flight-ttl}.
 *
 * <p>SQS records: a record whose message id (or body hash) already succeeded is acknowledged without
 * running the handler; one in flight elsewhere fails, to be delivered again; a failed one releases
 * its marker.
 *
 * <p>Settings (namespace {@code idempotency}); the plugin declines unless {@code enabled=true} or
 * {@code key-fields} or {@code tag} is set:
 * <pre>
 * lift.idempotency.enabled=true          # default: true when key-fields or tag is set
 * lift.idempotency.ttl=1h                # how long a response is replayed: 1s to 365 days (PT24H, 10m); default PT1H
 * lift.idempotency.in-flight-ttl=15m     # when a marker of unfinished work expires: 1s to 365 days; default 15m
 * lift.idempotency.header=Idempotency-Key
 * lift.idempotency.key-fields=orderId,customer.id   # without the header: a hash of these body fields
 * lift.idempotency.methods=POST,PATCH    # HTTP methods covered; default POST,PATCH
 * lift.idempotency.records=true          # SQS records too; default true
 * lift.idempotency.record-key=message-id # message-id | body (a hash of the body); default message-id
 * lift.idempotency.tag=idempotent        # only routes, groups and handlers tagged so; default every one
 * </pre>
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class IdempotencyPlugin implements MiddlewarePlugin {

    /** The plugin id and settings namespace. */
    public static final String ID = "idempotency";

    /** Innermost of the traffic band: inside rate limits and deadlines, just around the handler. */
    public static final int ORDER = TRAFFIC + 20;

    /** The header on a replayed response. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    static final String SUBJECT_ATTRIBUTE = "lift.auth.subject";
    static final String CLAIMS_ATTRIBUTE = "lift.auth.claims";

    enum RecordKey { MESSAGE_ID, BODY }

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private volatile ResourceLookup resources;
    private volatile System.Logger log;
    private volatile KeyValueStore store;
    private volatile Duration ttl;
    private volatile Duration inFlightTtl;
    private volatile String header;
    private volatile List<String> keyFields;
    private volatile Set<String> methods;
    private volatile boolean records;
    private volatile RecordKey recordKey;
    private volatile String tag;

    /** For {@link java.util.ServiceLoader}. */
    public IdempotencyPlugin() {
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
    public boolean init(PluginContext context) {
        Settings s = context.settings();
        storeResource = s.get("store-resource").map(String::trim).orElse(null);
        boolean configured = s.get("key-fields").isPresent() || s.get("tag").isPresent();
        if (!s.getBoolean("enabled", configured)) {
            return false;
        }
        resources = context.resources();
        log = context.logger();
        ttl = ttl(s, "ttl", Duration.ofHours(1));
        inFlightTtl = ttl(s, "in-flight-ttl", Duration.ofMinutes(15));
        header = s.get("header", "Idempotency-Key").trim();
        List<String> fields = new ArrayList<>();
        for (String f : s.get("key-fields", "").split(",")) {
            if (!f.isBlank()) {
                fields.add(f.trim());
            }
        }
        keyFields = List.copyOf(fields);
        Set<String> m = new LinkedHashSet<>();
        for (String method : s.get("methods", "POST,PATCH").split(",")) {
            String v = method.trim().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(v)) {
                throw new SettingException(s.describe("methods"), s.get("methods").orElse(""),
                        "a comma-separated list of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
            }
            m.add(v);
        }
        methods = Set.copyOf(m);
        records = s.getBoolean("records", true);
        recordKey = s.getEnum("record-key", RecordKey.class, RecordKey.MESSAGE_ID);
        tag = s.get("tag").map(String::trim).orElse(null);
        return true;
    }

    private static Duration ttl(Settings s, String key, Duration fallback) {
        Duration d = s.getDuration(key, fallback);
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(KeyValueStore.MAX_TTL) > 0) {
            throw new SettingException(s.describe(key), s.get(key).orElse(""),
                    "a duration from 1s to 365 days, such as 10m or PT24H");
        }
        return d;
    }

    private boolean applies(RouteDescriptor route) {
        if (!route.matched()) {
            return false;
        }
        if (tag != null && !route.attributes().get(RouteAttributes.TAGS).map(t -> t.contains(tag)).orElse(false)) {
            return false;
        }
        if (findStore().isEmpty()) {
            throw new IllegalStateException("The idempotency plugin needs a KeyValueStore resource to keep responses in, "
                    + "and none is installed: add a store plugin such as store-memory, or set lift.idempotency.enabled "
                    + "(env LIFT_IDEMPOTENCY_ENABLED) to false");
        }
        return true;
    }

    private KeyValueStore store() {
        KeyValueStore s = store;
        if (s == null) {
            s = findStore().orElseThrow();
            store = s;
        }
        return s;
    }

    /** The resource name of the key-value store to use, or null for the only one installed. */
    private volatile String storeResource;

    /** The key-value store: the one named by {@code store-resource}, else the only one installed. */
    private java.util.Optional<KeyValueStore> findStore() {
        if (storeResource != null) {
            return resources.find(KeyValueStore.class, storeResource);
        }
        try {
            return resources.find(KeyValueStore.class);
        } catch (IllegalStateException several) {
            throw new IllegalStateException(several.getMessage() + ": choose one with lift.idempotency.store-resource (env LIFT_IDEMPOTENCY_STORE_RESOURCE)");
        }
    }

    @Override
    public HttpMiddleware http(RouteDescriptor route) {
        if (!applies(route) || route.method() == null
                || !(route.method().equals("ANY") || methods.contains(route.method()))) {
            return null;
        }
        return new HttpMiddleware() {
            @Override
            public HttpResponse handle(HttpRequest request, InvocationContext context, Next next) {
                return idempotent(route, request, context, next);
            }

            @Override
            public String toString() {
                return "idempotency " + header + (keyFields.isEmpty() ? "" : " or " + keyFields);
            }
        };
    }

    @Override
    public RecordMiddleware<Object> record(RouteDescriptor route) {
        if (!records || !applies(route)) {
            return null;
        }
        return (record, context, next) -> {
            if (record instanceof SqsMessage) {
                once(route, (SqsMessage) record, context, next);
            } else {
                next.proceed();
            }
        };
    }

    // ---- HTTP ----

    private HttpResponse idempotent(RouteDescriptor route, HttpRequest request, InvocationContext context,
                                    HttpMiddleware.Next next) {
        if (!methods.contains(request.method())) {
            return next.proceed();
        }
        Optional<String> key = httpKey(request);
        if (key.isEmpty()) {
            return next.proceed();
        }
        String storeKey = "idempotency:" + Digests.sha256(route.toString(), subject(request, context).orElse(""), key.get());
        String fingerprint = Digests.sha256(request.method().getBytes(StandardCharsets.UTF_8),
                request.path().getBytes(StandardCharsets.UTF_8),
                request.rawQueryString().getBytes(StandardCharsets.UTF_8), request.body());
        KeyValueStore kv = store();
        for (int attempt = 0; attempt < 3; attempt++) {
            if (kv.putIfAbsent(storeKey, write(StoredResponse.inFlight(fingerprint)), inFlightTtl)) {
                Optional<Long> version = kv.get(storeKey).map(KeyValueStore.Entry::version);
                HttpResponse response = next.proceed();
                version.ifPresent(v -> complete(kv, storeKey, v, fingerprint, response, context));
                return response;
            }
            Optional<KeyValueStore.Entry> entry = kv.get(storeKey);
            if (entry.isEmpty()) {
                continue; // released or expired since: try to take it
            }
            StoredResponse stored = read(entry.get().value());
            if (!stored.fingerprint().equals(fingerprint)) {
                throw new LiftException(422, "This " + header + " was already used with a different request payload; "
                        + "use a new key for a new request");
            }
            if (stored.inFlight()) {
                throw LiftException.conflict("A request with this " + header + " is still being processed; "
                        + "retry once it has finished");
            }
            return replay(stored);
        }
        throw LiftException.conflict("A request with this " + header + " is still being processed; retry once it has finished");
    }

    private Optional<String> httpKey(HttpRequest request) {
        Optional<String> value = request.header(header);
        if (value.isPresent()) {
            String v = value.get().trim();
            if (v.isEmpty() || v.length() > 255 || !v.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw LiftException.badRequest("The " + header + " header must be 1 to 255 printable ASCII characters");
            }
            return Optional.of("header:" + v);
        }
        return keyFields.isEmpty() ? Optional.empty() : fieldsKey(request.body()).map(k -> "fields:" + k);
    }

    /** The configured fields of a JSON body, canonically written and hashed; empty when the body lacks one. */
    private Optional<String> fieldsKey(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            return Optional.empty(); // not JSON: no key, and the handler says what is wrong with the body
        }
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (String field : keyFields) {
            JsonNode v = json.at("/" + field.replace(".", "/"));
            if (v.isMissingNode() || v.isNull()) {
                return Optional.empty();
            }
            parts.add(field);
            parts.add(v.toString());
        }
        return Optional.of(Digests.sha256(parts.toArray(new String[0])));
    }

    private void complete(KeyValueStore kv, String storeKey, long version, String fingerprint, HttpResponse response,
                          InvocationContext context) {
        try {
            if (response.statusCode() >= 500) {
                kv.delete(storeKey, version); // a retry may succeed: let it run
                return;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
            byte[] value = write(new StoredResponse(StoredResponse.DONE, fingerprint, response.statusCode(), headers,
                    response.cookies(), response.bodyBytes()));
            if (value.length > KeyValueStore.MAX_VALUE_BYTES) {
                kv.delete(storeKey, version);
                log.log(System.Logger.Level.WARNING, () -> "Request " + LogText.escape(context.requestId()) + ": the "
                        + "response of " + context.route() + " is too large to keep (" + value.length + " bytes); a retry "
                        + "with the same key runs the handler again");
                return;
            }
            kv.replace(storeKey, version, value, ttl);
        } catch (RuntimeException e) {
            // The handler has run: its answer goes out; only the replay is lost.
            log.log(System.Logger.Level.WARNING, "Request " + LogText.escape(context.requestId()) + ": could not keep the "
                    + "response in key-value store '" + kv.name() + "' (" + e.getClass().getName() + ")");
        }
    }

    private static HttpResponse replay(StoredResponse stored) {
        HttpResponse r = HttpResponse.status(stored.status());
        stored.headers().forEach((name, values) -> values.forEach(v -> r.addHeader(name, v)));
        stored.cookies().forEach(r::cookie);
        r.body(stored.body(), null);
        return r.header(REPLAYED_HEADER, "true");
    }

    static Optional<String> subject(HttpRequest request, InvocationContext context) {
        Optional<Object> set = context.attribute(SUBJECT_ATTRIBUTE);
        if (set.isPresent() && set.get() instanceof String && !((String) set.get()).isEmpty()) {
            return Optional.of((String) set.get());
        }
        Optional<Object> claims = context.attribute(CLAIMS_ATTRIBUTE);
        if (claims.isPresent() && claims.get() instanceof Map) {
            Object sub = ((Map<?, ?>) claims.get()).get("sub");
            if (sub instanceof String && !((String) sub).isEmpty()) {
                return Optional.of((String) sub);
            }
        }
        Object sub = request.jwtClaims().get("sub");
        return sub instanceof String && !((String) sub).isEmpty() ? Optional.of((String) sub) : Optional.empty();
    }

    // ---- records ----

    private void once(RouteDescriptor route, SqsMessage message, InvocationContext context, RecordMiddleware.Next next)
            throws Exception {
        String body = message.body() == null ? "" : message.body();
        String key;
        if (!keyFields.isEmpty()) {
            Optional<String> fields = fieldsKey(body.getBytes(StandardCharsets.UTF_8));
            key = fields.map(f -> "fields:" + f).orElse(null);
        } else {
            key = recordKey == RecordKey.MESSAGE_ID ? "id:" + message.messageId() : "body:" + Digests.sha256(body);
        }
        if (key == null) {
            next.proceed();
            return;
        }
        String storeKey = "idempotency:" + Digests.sha256(route.toString(), key);
        String fingerprint = Digests.sha256(body);
        KeyValueStore kv = store();
        if (!kv.putIfAbsent(storeKey, write(StoredResponse.inFlight(fingerprint)), inFlightTtl)) {
            Optional<KeyValueStore.Entry> entry = kv.get(storeKey);
            StoredResponse stored = entry.map(e -> read(e.value())).orElse(null);
            if (stored == null || stored.inFlight()) {
                throw new IllegalStateException("Record " + LogText.escape(message.messageId()) + " is being processed by "
                        + "another invocation; it is reported failed so that it is delivered again");
            }
            if (!stored.fingerprint().equals(fingerprint)) {
                throw new IllegalStateException("Record " + LogText.escape(message.messageId()) + " has the idempotency "
                        + "key of an earlier record but another body; it is reported failed, not processed");
            }
            log.log(System.Logger.Level.DEBUG, () -> "Request " + LogText.escape(context.requestId()) + ": record "
                    + LogText.escape(message.messageId()) + " already succeeded; acknowledged without running the handler");
            return;
        }
        Optional<Long> version = kv.get(storeKey).map(KeyValueStore.Entry::version);
        try {
            next.proceed();
        } catch (Exception | Error e) {
            version.ifPresent(v -> kv.delete(storeKey, v));
            throw e;
        }
        version.ifPresent(v -> kv.replace(storeKey, v, write(new StoredResponse(StoredResponse.DONE, fingerprint,
                null, null, null, null)), ttl));
    }

    // ---- JSON ----

    private static final ObjectMapper JSON = Json.mapper();

    private static byte[] write(StoredResponse r) {
        try {
            return JSON.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write an idempotency record", e);
        }
    }

    private static StoredResponse read(byte[] value) {
        try {
            return JSON.readValue(value, StoredResponse.class);
        } catch (IOException e) {
            throw new IllegalStateException("An idempotency record in the key-value store is not readable ("
                    + value.length + " bytes)", e);
        }
    }
}

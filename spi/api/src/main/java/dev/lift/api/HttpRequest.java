package dev.lift.api;

import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An HTTP request, whatever carried it (API Gateway REST or HTTP API, function URL, ALB, the local
 * server). Immutable; adapters build it with {@link #builder()}, the router adds the matched route
 * and path parameters with {@link #withRoute}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class HttpRequest implements LiftEvent {

    private static final byte[] NO_BODY = new byte[0];

    private final String source;
    private final String method;
    private final String path;
    private final String rawPath;
    private final String rawQueryString;
    private final Lazy<Map<String, List<String>>> queryParameters;
    private final Headers headers;
    private final Lazy<Map<String, String>> cookies;
    private final byte[] body;
    private final String sourceIp;
    private final String stage;
    private final String gatewayRequestId;
    private final Lazy<Map<String, Object>> authorizer;
    private final Lazy<Map<String, String>> stageVariables;
    private final Lazy<Map<String, Object>> extras;
    private final String route;
    private final Map<String, String> pathParameters;

    private HttpRequest(Builder b, String route, Map<String, String> pathParameters) {
        this.source = b.source;
        this.method = b.method;
        this.path = b.path;
        this.rawPath = b.rawPath == null ? b.path : b.rawPath;
        this.rawQueryString = b.rawQueryString;
        this.queryParameters = b.queryParameters;
        this.headers = b.headers;
        this.cookies = b.cookies;
        this.body = b.body;
        this.sourceIp = b.sourceIp;
        this.stage = b.stage;
        this.gatewayRequestId = b.gatewayRequestId;
        this.authorizer = b.authorizer;
        this.stageVariables = b.stageVariables;
        this.extras = b.extras;
        this.route = route;
        this.pathParameters = pathParameters;
    }

    private HttpRequest(HttpRequest r, String route, Map<String, String> pathParameters) {
        this.source = r.source;
        this.method = r.method;
        this.path = r.path;
        this.rawPath = r.rawPath;
        this.rawQueryString = r.rawQueryString;
        this.queryParameters = r.queryParameters;
        this.headers = r.headers;
        this.cookies = r.cookies;
        this.body = r.body;
        this.sourceIp = r.sourceIp;
        this.stage = r.stage;
        this.gatewayRequestId = r.gatewayRequestId;
        this.authorizer = r.authorizer;
        this.stageVariables = r.stageVariables;
        this.extras = r.extras;
        this.route = route;
        this.pathParameters = pathParameters;
    }

    /** A builder for adapters and tests. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public EventKind kind() {
        return EventKind.HTTP;
    }

    @Override
    public String source() {
        return source;
    }

    /** The method, upper case ({@code "GET"}). */
    public String method() {
        return method;
    }

    /** The decoded path used for routing (without a stripped stage prefix), for example {@code "/items/42"}. */
    public String path() {
        return path;
    }

    /** The path exactly as it arrived (for v2, {@code rawPath}). */
    public String rawPath() {
        return rawPath;
    }

    /** The query string as it arrived, without {@code ?}; empty when none. */
    public String rawQueryString() {
        return rawQueryString;
    }

    /** Every query parameter with all its values, in arrival order. */
    public Map<String, List<String>> queryParameters() {
        return queryParameters.get();
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> v = queryParameters.get().get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** All values of a query parameter; empty when absent. */
    public List<String> queryParams(String name) {
        return queryParameters.get().getOrDefault(name, List.of());
    }

    /** The headers (case-insensitive, multi-valued). */
    public Headers headers() {
        return headers;
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** Cookies by name, in arrival order. */
    public Map<String, String> cookies() {
        return cookies.get();
    }

    /** One cookie's value. */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get().get(name));
    }

    /** The body as bytes (base64 already decoded); empty, never null, when there is none. */
    public byte[] body() {
        return body;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body decoded as JSON into {@code type}. Invalid JSON is a 400 that says where it broke;
     * missing or wrong fields are a 422 listing them (see {@link Json#decodeBody}).
     */
    public <T> T bodyAs(Class<T> type) {
        return Json.decodeBody(body, Json.mapper().readerFor(type));
    }

    /** The body decoded with a reader built once (the typed-route path). */
    public <T> T bodyAs(ObjectReader reader) {
        return Json.decodeBody(body, reader);
    }

    /** The client's address as the gateway saw it, if known. */
    public Optional<String> sourceIp() {
        return Optional.ofNullable(sourceIp);
    }

    /** The API Gateway stage, if any. */
    public Optional<String> stage() {
        return Optional.ofNullable(stage);
    }

    /** The gateway's own request id (not the Lambda request id), if any. */
    public Optional<String> gatewayRequestId() {
        return Optional.ofNullable(gatewayRequestId);
    }

    /** What an authorizer passed on: JWT claims, Lambda authorizer context; empty if none. */
    public Map<String, Object> authorizer() {
        return authorizer.get();
    }

    /** API Gateway stage variables; empty if none. */
    public Map<String, String> stageVariables() {
        return stageVariables.get();
    }

    /** Adapter-specific values (for example ALB target group ARN); empty if none. */
    public Map<String, Object> extras() {
        return extras.get();
    }

    /** The route template that matched, for example {@code "/items/{id}"}, once routed. */
    public Optional<String> route() {
        return Optional.ofNullable(route);
    }

    /** Path parameters: the router's once routed, otherwise what the gateway sent. */
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    /** One path parameter, or an empty optional. */
    public Optional<String> pathParam(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }

    /** A copy carrying the matched route and its parameters (called by the router). */
    public HttpRequest withRoute(String routeTemplate, Map<String, String> params) {
        return new HttpRequest(this, Objects.requireNonNull(routeTemplate), Collections.unmodifiableMap(params));
    }

    @Override
    public String toString() {
        return method + " " + path + (rawQueryString.isEmpty() ? "" : "?" + rawQueryString);
    }

    /** Builds a request; not thread-safe. */
    public static final class Builder {
        private String source = "unknown";
        private String method = "GET";
        private String path = "/";
        private String rawPath;
        private String rawQueryString = "";
        private Lazy<Map<String, List<String>>> queryParameters = Lazy.value(Map.of());
        private Headers headers = Headers.empty();
        private Lazy<Map<String, String>> cookies = Lazy.value(Map.of());
        private byte[] body = NO_BODY;
        private String sourceIp;
        private String stage;
        private String gatewayRequestId;
        private Lazy<Map<String, Object>> authorizer = Lazy.value(Map.of());
        private Lazy<Map<String, String>> stageVariables = Lazy.value(Map.of());
        private Lazy<Map<String, Object>> extras = Lazy.value(Map.of());
        private Map<String, String> pathParameters = Map.of();

        private Builder() {
        }

        /** The id of the adapter building the request. */
        public Builder source(String adapterId) {
            this.source = Objects.requireNonNull(adapterId);
            return this;
        }

        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            return this;
        }

        /** The decoded routing path; must start with {@code /}. */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            this.path = path.startsWith("/") ? path : "/" + path;
            return this;
        }

        public Builder rawPath(String rawPath) {
            this.rawPath = rawPath;
            return this;
        }

        public Builder rawQueryString(String raw) {
            this.rawQueryString = raw == null ? "" : raw;
            return this;
        }

        public Builder queryParameters(Map<String, List<String>> params) {
            this.queryParameters = Lazy.value(copyOfQuery(params));
            return this;
        }

        /**
         * Query parameters computed on first use, so that a handler that never reads them costs
         * nothing; {@code params} must be side-effect free and may run more than once.
         *
         * @since 0.1
         */
        public Builder queryParameters(Supplier<? extends Map<String, List<String>>> params) {
            Objects.requireNonNull(params, "params");
            this.queryParameters = Lazy.computed(() -> copyOfQuery(params.get()));
            return this;
        }

        private static Map<String, List<String>> copyOfQuery(Map<String, List<String>> params) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return Collections.unmodifiableMap(copy);
        }

        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers);
            return this;
        }

        public Builder cookies(Map<String, String> cookies) {
            this.cookies = Lazy.value(Collections.unmodifiableMap(new LinkedHashMap<>(cookies)));
            return this;
        }

        /**
         * Like {@link #cookies(Map)}, computed on first use; {@code cookies} must be side-effect free
         * and may run more than once.
         *
         * @since 0.1
         */
        public Builder cookies(Supplier<? extends Map<String, String>> cookies) {
            Objects.requireNonNull(cookies, "cookies");
            this.cookies = Lazy.computed(() -> Collections.unmodifiableMap(new LinkedHashMap<>(cookies.get())));
            return this;
        }

        public Builder body(byte[] body) {
            this.body = body == null ? NO_BODY : body;
            return this;
        }

        public Builder body(String text) {
            return body(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        }

        public Builder sourceIp(String ip) {
            this.sourceIp = ip;
            return this;
        }

        public Builder stage(String stage) {
            this.stage = stage;
            return this;
        }

        public Builder gatewayRequestId(String id) {
            this.gatewayRequestId = id;
            return this;
        }

        public Builder authorizer(Map<String, Object> authorizer) {
            this.authorizer = Lazy.value(Collections.unmodifiableMap(new LinkedHashMap<>(authorizer)));
            return this;
        }

        /**
         * Like {@link #authorizer(Map)}, computed on first use; {@code authorizer} must be side-effect free
         * and may run more than once.
         *
         * @since 0.1
         */
        public Builder authorizer(Supplier<? extends Map<String, Object>> authorizer) {
            Objects.requireNonNull(authorizer, "authorizer");
            this.authorizer = Lazy.computed(() -> Collections.unmodifiableMap(new LinkedHashMap<>(authorizer.get())));
            return this;
        }

        public Builder stageVariables(Map<String, String> vars) {
            this.stageVariables = Lazy.value(Collections.unmodifiableMap(new LinkedHashMap<>(vars)));
            return this;
        }

        /**
         * Like {@link #stageVariables(Map)}, computed on first use; {@code vars} must be side-effect free
         * and may run more than once.
         *
         * @since 0.1
         */
        public Builder stageVariables(Supplier<? extends Map<String, String>> vars) {
            Objects.requireNonNull(vars, "vars");
            this.stageVariables = Lazy.computed(() -> Collections.unmodifiableMap(new LinkedHashMap<>(vars.get())));
            return this;
        }

        public Builder extras(Map<String, Object> extras) {
            this.extras = Lazy.value(Collections.unmodifiableMap(new LinkedHashMap<>(extras)));
            return this;
        }

        /**
         * Like {@link #extras(Map)}, computed on first use; {@code extras} must be side-effect free
         * and may run more than once.
         *
         * @since 0.1
         */
        public Builder extras(Supplier<? extends Map<String, Object>> extras) {
            Objects.requireNonNull(extras, "extras");
            this.extras = Lazy.computed(() -> Collections.unmodifiableMap(new LinkedHashMap<>(extras.get())));
            return this;
        }

        /** Path parameters the gateway already extracted; replaced by the router's on match. */
        public Builder pathParameters(Map<String, String> params) {
            this.pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            return this;
        }

        public HttpRequest build() {
            return new HttpRequest(this, null, pathParameters);
        }
    }

    /**
     * A value built on first use. Shared safely between threads: a racing first use may build it
     * twice (the supplier is side-effect free), but no thread sees it half-built.
     */
    private static final class Lazy<T> {
        private final Supplier<? extends T> compute;
        private volatile T value;

        private Lazy(Supplier<? extends T> compute, T value) {
            this.compute = compute;
            this.value = value;
        }

        static <T> Lazy<T> value(T value) {
            return new Lazy<>(null, Objects.requireNonNull(value));
        }

        static <T> Lazy<T> computed(Supplier<? extends T> compute) {
            return new Lazy<>(compute, null);
        }

        T get() {
            T v = value;
            if (v == null) {
                v = Objects.requireNonNull(compute.get(), "a lazy request part was computed as null");
                value = v;
            }
            return v;
        }
    }
}

package dev.lift.api;

import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
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
    private final Lazy<List<String>> pathSegments;
    private final Lazy<Optional<GatewayContext>> gatewayContext;
    private final Lazy<Authorization> authorization;
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
        String decodedPath = this.path;
        this.pathSegments = b.pathSegments != null ? b.pathSegments
                : Lazy.computed(() -> splitDecodedPath(decodedPath));
        this.gatewayContext = b.gatewayContext;
        this.authorization = b.authorization;
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
        this.pathSegments = r.pathSegments;
        this.gatewayContext = r.gatewayContext;
        this.authorization = r.authorization;
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

    /**
     * The path percent-decoded exactly once (without a stripped stage prefix), for example
     * {@code "/items/42"}. An encoded slash is a plain {@code /} here, so a path made of segments
     * should be read from {@link #pathSegments()}, not split from this string.
     */
    public String path() {
        return path;
    }

    /**
     * The path exactly as the adapter received it: percent-encoded for API Gateway REST, function
     * URLs and ALB; for HTTP APIs, whose {@code rawPath} API Gateway has already decoded, the same as
     * {@link #path()} but with any stripped stage prefix.
     */
    public String rawPath() {
        return rawPath;
    }

    /**
     * The path's segments, each percent-decoded exactly once <em>after</em> the path was split at
     * its literal slashes, so an encoded slash stays inside its segment: {@code /files/a%2Fb} is
     * {@code ["files", "a/b"]} where {@link #path()} is {@code "/files/a/b"}. This is what a route
     * template's segments are matched against. The leading slash and trailing empty segments are
     * dropped ({@code "/"} has none). When the source already decoded the path (HTTP APIs) or the
     * adapter did not say, it is {@link #path()} split at {@code /}. Computed on first use.
     *
     * @since 0.2
     */
    public List<String> pathSegments() {
        return pathSegments.get();
    }

    /**
     * The query string as it arrived, percent-encoded, without {@code ?}; empty when none. A REST
     * API event carries only decoded parameters, so its adapter rebuilds this from them.
     */
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

    /**
     * What an authorizer passed on, as one map, the way the source nests it: JWT claims, Lambda
     * authorizer context; empty if none. {@link #jwtClaims()}, {@link #jwtScopes()},
     * {@link #lambdaAuthorizerContext()} and {@link #iamIdentity()} keep the kinds apart.
     */
    public Map<String, Object> authorizer() {
        return authorizer.get();
    }

    /**
     * The claims of a validated JWT ({@code requestContext.authorizer.jwt.claims} of an HTTP API,
     * {@code requestContext.authorizer.claims} of a REST API Cognito authorizer); empty when none.
     *
     * @since 0.2
     */
    public Map<String, Object> jwtClaims() {
        return authorization.get().jwtClaims();
    }

    /**
     * The scopes of a validated JWT ({@code requestContext.authorizer.jwt.scopes}); empty when none.
     *
     * @since 0.2
     */
    public List<String> jwtScopes() {
        return authorization.get().jwtScopes();
    }

    /**
     * What a Lambda authorizer returned as context ({@code requestContext.authorizer.lambda} of an
     * HTTP API; for a REST API, the authorizer's entries, {@code principalId} among them, when it has
     * a {@code principalId}); empty when none.
     *
     * @since 0.2
     */
    public Map<String, Object> lambdaAuthorizerContext() {
        return authorization.get().lambdaContext();
    }

    /**
     * The IAM caller of an IAM-authorized HTTP API route or function URL
     * ({@code requestContext.authorizer.iam}: {@code accessKey}, {@code accountId}, {@code userArn},
     * ...); empty when none.
     *
     * @since 0.2
     */
    public Map<String, Object> iamIdentity() {
        return authorization.get().iam();
    }

    /**
     * Where in API Gateway the request went: account, API, resource and request ids (REST API and
     * HTTP API events); empty for other sources.
     *
     * @since 0.2
     */
    public Optional<GatewayContext> gatewayContext() {
        return gatewayContext.get();
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

    /**
     * One path parameter, or an empty optional. The value is decoded and can be anything a client
     * chose to send: an encoded slash stays inside its segment, so {@code /files/..%2Fetc%2Fpasswd}
     * gives {@code {name}} the value {@code ../etc/passwd}, and {@code /files/%2E%2E} gives it
     * {@code ..}. Never use it as a file name, a key prefix or part of another path without
     * checking it; {@link #safePathParam(String)} does that check.
     */
    public Optional<String> pathParam(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }

    /**
     * One path parameter if it is a single harmless path segment, or an empty optional if there is
     * no such parameter. A value that is empty, {@code .} or {@code ..}, or that contains {@code /},
     * a backslash, NUL or another control character is refused.
     *
     * @throws LiftException 400 naming the parameter (never repeating its value) when the value is refused
     * @since 0.2
     */
    public Optional<String> safePathParam(String name) {
        String value = pathParameters.get(name);
        if (value != null && !isSafeSegment(value)) {
            throw LiftException.badRequest("The path parameter '" + name + "' must be a single path segment");
        }
        return Optional.ofNullable(value);
    }

    private static boolean isSafeSegment(String value) {
        if (value.isEmpty() || value.equals(".") || value.equals("..")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
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
        private Lazy<List<String>> pathSegments;
        private Lazy<Optional<GatewayContext>> gatewayContext = Lazy.value(Optional.empty());
        private Lazy<Authorization> authorization = Lazy.value(Authorization.NONE);
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

        /**
         * The path's segments, each decoded once after splitting (see {@link HttpRequest#pathSegments()}),
         * computed on first use; for adapters whose source keeps the path percent-encoded. Without
         * it, the segments are {@link #path(String)} split at {@code /}. {@code segments} must be
         * side-effect free and may run more than once.
         *
         * @since 0.2
         */
        public Builder pathSegments(Supplier<? extends List<String>> segments) {
            Objects.requireNonNull(segments, "segments");
            this.pathSegments = Lazy.computed(() -> List.copyOf(segments.get()));
            return this;
        }

        /**
         * Where in API Gateway the request went, computed on first use; a supplier returning null
         * means none. It must be side-effect free and may run more than once.
         *
         * @since 0.2
         */
        public Builder gatewayContext(Supplier<GatewayContext> context) {
            Objects.requireNonNull(context, "context");
            this.gatewayContext = Lazy.computed(() -> Optional.ofNullable(context.get()));
            return this;
        }

        /**
         * The authorizer's output by kind, computed on first use (see {@link HttpRequest#jwtClaims()});
         * a supplier returning null means none. It must be side-effect free and may run more than once.
         *
         * @since 0.2
         */
        public Builder authorization(Supplier<Authorization> authorization) {
            Objects.requireNonNull(authorization, "authorization");
            this.authorization = Lazy.computed(() -> {
                Authorization a = authorization.get();
                return a == null ? Authorization.NONE : a;
            });
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

    /** Splits an already decoded path the way {@link #pathSegments()} describes. */
    private static List<String> splitDecodedPath(String path) {
        List<String> out = new ArrayList<>(8);
        int n = path.length();
        int start = n > 0 && path.charAt(0) == '/' ? 1 : 0;
        for (int i = start; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                out.add(path.substring(start, i));
                start = i + 1;
            }
        }
        int end = out.size();
        while (end > 0 && out.get(end - 1).isEmpty()) {
            end--;
        }
        return List.copyOf(out.subList(0, end));
    }

    /**
     * Where in API Gateway a request went, from the event's {@code requestContext}. Every component
     * is the value as API Gateway sent it, or null when the event does not carry it (HTTP APIs have
     * no resource ids; an API Gateway console test has no extended request id).
     *
     * @param accountId the API owner's AWS account id ({@code requestContext.accountId})
     * @param apiId the API's id ({@code requestContext.apiId}; for a function URL, its URL id)
     * @param resourceId the REST API resource's id ({@code requestContext.resourceId})
     * @param resourcePath the REST API resource template that matched, for example
     *     {@code /items/{id}} or {@code /{proxy+}} ({@code requestContext.resourcePath})
     * @param path the path as the client sent it, stage or custom domain base path included, for
     *     example {@code /prod/items/42} ({@code requestContext.path}; for an HTTP API,
     *     {@code requestContext.http.path})
     * @param requestId API Gateway's request id ({@code requestContext.requestId}), also
     *     {@link HttpRequest#gatewayRequestId()}
     * @param extendedRequestId the REST API's extended request id, as in its access logs and the
     *     {@code x-amz-apigw-id} response header ({@code requestContext.extendedRequestId})
     * @param domainName the domain the client called ({@code requestContext.domainName})
     * @since 0.2
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
    public record GatewayContext(String accountId, String apiId, String resourceId, String resourcePath, String path,
                                 String requestId, String extendedRequestId, String domainName) {
    }

    /**
     * An authorizer's output by kind; see {@link HttpRequest#jwtClaims()},
     * {@link HttpRequest#jwtScopes()}, {@link HttpRequest#lambdaAuthorizerContext()} and
     * {@link HttpRequest#iamIdentity()}. Null components become empty; maps and lists are copied
     * read-only (their values may be nested maps, lists, strings, numbers, booleans or null).
     *
     * @param jwtClaims the claims of a validated JWT
     * @param jwtScopes the scopes of a validated JWT
     * @param lambdaContext what a Lambda authorizer returned as context
     * @param iam the IAM caller's identity
     * @since 0.2
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
    public record Authorization(Map<String, Object> jwtClaims, List<String> jwtScopes,
                                Map<String, Object> lambdaContext, Map<String, Object> iam) {

        /** No authorizer output. */
        public static final Authorization NONE = new Authorization(Map.of(), List.of(), Map.of(), Map.of());

        /** Copies the components read-only; a null component becomes empty. */
        public Authorization {
            jwtClaims = readOnly(jwtClaims);
            jwtScopes = jwtScopes == null ? List.of() : List.copyOf(jwtScopes);
            lambdaContext = readOnly(lambdaContext);
            iam = readOnly(iam);
        }

        // Map.copyOf would refuse the JSON nulls a Lambda authorizer may return as values.
        private static Map<String, Object> readOnly(Map<String, Object> map) {
            return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
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

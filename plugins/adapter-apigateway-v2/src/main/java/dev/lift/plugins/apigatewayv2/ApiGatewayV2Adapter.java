package dev.lift.plugins.apigatewayv2;

import dev.lift.api.SpiVersion;
import dev.lift.spi.support.UrlEncoding;
import dev.lift.spi.support.CookieHeader;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.Headers;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import dev.lift.api.PluginContext;
import dev.lift.spi.support.EventFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes API Gateway HTTP API events (payload format 2.0) and Lambda function URL events, which
 * have the same shape, into {@link HttpRequest}s, and writes the 2.0 response.
 *
 * <p><b>Matches</b> an event whose {@code version} is {@code "2.0"} and whose
 * {@code requestContext.http} is an object. Detection order 320: after the WebSocket (300) and
 * ALB (310) adapters, before API Gateway REST (330).
 *
 * <p>Decoding: header values are kept as they arrive (API Gateway has already joined repeated
 * headers with commas; they are not split again, because a comma may belong to the value). The
 * {@code cookies} array becomes {@link HttpRequest#cookies()}.
 *
 * <p><b>Encoding, each value decoded exactly once.</b> The two sources of this shape differ:
 * <ul>
 * <li>An <b>HTTP API</b> hands over {@code rawPath} already percent-decoded (a client's
 * {@code /a%2Fb} arrives as {@code /a/b}, its {@code /a%2520b} as {@code /a%20b}), despite the
 * name. It is therefore used as it is: {@link HttpRequest#path()} is {@code rawPath} (less a
 * stripped stage), never decoded again, so {@code %20} in it stays those three characters, and
 * {@link HttpRequest#pathSegments()} is that path split at {@code /}. An encoded slash cannot be
 * told from a real one any more: that information is lost before the function runs.</li>
 * <li>A <b>Lambda function URL</b> (recognised by a {@code requestContext.domainName} containing
 * {@code .lambda-url.}) hands over {@code rawPath} percent-encoded, as the client sent it:
 * {@link HttpRequest#path()} is it decoded once ({@code +} stays a plus), and
 * {@link HttpRequest#pathSegments()} splits it before decoding each segment, so {@code /files/a%2Fb}
 * is the two segments {@code files} and {@code a/b}.</li>
 * </ul>
 * Both send {@code rawQueryString} percent-encoded: query parameters are parsed from it, all values
 * kept, each name and value decoded once, {@code +} read as a space ({@code a=1%262} gives
 * {@code 1&2}, {@code q=%2520} gives {@code %20}). {@link HttpRequest#rawPath()} and
 * {@link HttpRequest#rawQueryString()} are the fields as sent. Evidence: payload format 2.0,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html,
 * and the function URL payload,
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads (neither states
 * the encoding); a live HTTP API event with {@code "rawPath": "/a/b"} for a request to
 * {@code /a%2Fb} in https://github.com/fastify/aws-lambda-fastify/issues/169; live captures of all
 * sources in https://github.com/hotsock/voker/pull/8, summarised in
 * https://github.com/middleapi/standard-server/pull/93 ("HTTP APIs deliver the request path
 * url-decoded, for payload format 1.0 path and 2.0 rawPath alike, while REST APIs and Lambda
 * Function URLs deliver it still percent-encoded"); {@code rawQueryString} staying encoded on AWS:
 * https://github.com/ministackorg/ministack/issues/1035.
 *
 * <p>Authorizers: {@link HttpRequest#jwtClaims()} and {@link HttpRequest#jwtScopes()} come from
 * {@code requestContext.authorizer.jwt}, {@link HttpRequest#lambdaAuthorizerContext()} from
 * {@code authorizer.lambda} and {@link HttpRequest#iamIdentity()} from {@code authorizer.iam}, each
 * built on first use. {@link HttpRequest#authorizer()} still merges them as before: JWT
 * {@code claims} and {@code scopes}, a Lambda authorizer's context entries as they are, IAM under
 * {@code iam}. {@link HttpRequest#gatewayContext()} carries {@code accountId}, {@code apiId},
 * {@code requestId}, {@code domainName} and {@code http.path}. A base64 body is decoded.
 * {@link HttpRequest#extras()} carries {@code apigw.routeKey}, {@code apigw.domainName},
 * {@code apigw.apiId} and {@code apigw.requestTimeEpoch} when present.
 *
 * <p>Setting {@code strip-stage} (boolean, default {@code false};
 * {@code LIFT_ADAPTER_APIGATEWAY_V2_STRIP_STAGE}): when true and the stage is not
 * {@code $default}, a leading {@code /<stage>} is removed from {@link HttpRequest#path()}
 * ({@link HttpRequest#rawPath()} keeps it), for APIs reached both through a custom domain and
 * through the stage URL.
 *
 * <p>Encoding writes {@code statusCode}, {@code headers} (lower-case names, repeated values
 * joined with commas), {@code cookies} (every {@code Set-Cookie}: header values first, then
 * {@link HttpResponse#cookies()}; omitted when there are none), {@code body} and
 * {@code isBase64Encoded}, in that order. Binary bodies ({@link HttpResponse#isBinary()}) travel
 * base64-encoded. Payload format 2.0 has no {@code multiValueHeaders}, so {@code Set-Cookie} never
 * appears among the headers.
 *
 * <p>Malformed events are a {@link LiftException} 400 naming the field; absent optional fields
 * get empty defaults. Thread-safe: the only state is the setting read once in {@link #init}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class ApiGatewayV2Adapter implements EventAdapter {

    /** This adapter's plugin id, also {@link HttpRequest#source()} of the requests it decodes. */
    public static final String ID = "adapter-apigateway-v2";

    private static final String EVENT_NAME = "API Gateway HTTP API event";
    private static final String DEFAULT_STAGE = "$default";

    // Written once by init, before the kernel starts invocations; volatile for safe publication.
    private volatile boolean stripStage;

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
    public int order() {
        return 320;
    }

    @Override
    public EventKind kind() {
        return EventKind.HTTP;
    }

    /** Reads {@code strip-stage}; a value other than true or false fails boot naming the setting. */
    @Override
    public boolean init(PluginContext context) {
        stripStage = context.settings().getBoolean("strip-stage", false);
        return true;
    }

    /** {@code version} is {@code "2.0"} and {@code requestContext.http} is an object. */
    @Override
    public boolean matches(JsonNode event) {
        return event != null && "2.0".equals(event.path("version").textValue())
                && event.path("requestContext").path("http").isObject();
    }

    /**
     * @throws LiftException 400 naming the field when the event is malformed, for example
     *     {@code The API Gateway HTTP API event is malformed: requestContext.http.method is missing}
     */
    @Override
    public HttpRequest decode(JsonNode event) {
        EventFields root = EventFields.root(event, EVENT_NAME);
        EventFields context = root.requiredObject("requestContext");
        EventFields http = context.requiredObject("http");
        String method = http.requiredText("method");
        if (method.isBlank()) {
            throw http.invalid("method", "is empty");
        }
        String rawPath = root.text("rawPath");
        if (rawPath == null) {
            // Hand-written events sometimes carry only requestContext.http.path.
            rawPath = http.text("path");
        }
        if (rawPath == null) {
            throw root.invalid("rawPath", "is missing");
        }
        String stage = context.text("stage");
        boolean encoded = isFunctionUrl(context);
        String path = encoded ? UrlEncoding.decode(rawPath, false) : rawPath;
        if (stripStage) {
            path = withoutStage(path, stage);
        }

        String rawQuery = root.text("rawQueryString");
        Headers headers = Headers.of(root.textMap("headers"));
        List<String> cookieList = root.texts("cookies"); // read now: a cookie that is not a string is a 400
        // Query, cookies, authorizer and extras are built only when something reads
        // them: most routes never do, and building them eagerly was a third of the adapter's cost.
        HttpRequest.Builder b = HttpRequest.builder();
        if (encoded) {
            String raw = rawPath;
            b.pathSegments(() -> UrlEncoding.decodePathSegments(raw));
        }
        return b
                .source(ID)
                .method(method)
                .path(path)
                .rawPath(rawPath)
                .rawQueryString(rawQuery)
                .queryParameters(() -> query(root, rawQuery))
                .headers(headers)
                .cookies(() -> cookies(cookieList, headers))
                .body(body(root))
                .sourceIp(http.text("sourceIp"))
                .stage(stage)
                .gatewayRequestId(context.text("requestId"))
                .authorizer(() -> authorizer(context))
                .authorization(() -> authorization(context))
                .gatewayContext(() -> new HttpRequest.GatewayContext(context.text("accountId"), context.text("apiId"),
                        null, null, http.text("path"), context.text("requestId"), null, context.text("domainName")))
                .stageVariables(root.textMap("stageVariables"))
                .pathParameters(root.textMap("pathParameters"))
                .extras(() -> extras(root, context))
                .build();
    }

    /**
     * Function URLs are reached at {@code <url-id>.lambda-url.<region>.on.aws} (also what
     * {@code requestContext.domainName} says behind CloudFront); HTTP APIs at their
     * {@code execute-api} or custom domain.
     */
    static boolean isFunctionUrl(EventFields context) {
        String domain = context.text("domainName");
        return domain != null && domain.contains(".lambda-url.");
    }

    private static Map<String, List<String>> query(EventFields root, String rawQuery) {
        if (rawQuery != null) {
            return UrlEncoding.parseQuery(rawQuery);
        }
        // Without rawQueryString the comma-joined values cannot be told apart from commas in a value: keep each whole.
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : root.textMap("queryStringParameters").entrySet()) {
            query.put(e.getKey(), List.of(e.getValue()));
        }
        return query;
    }

    private static Map<String, String> cookies(List<String> cookieList, Headers headers) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String value : cookieList.isEmpty() ? headers.all("cookie") : cookieList) {
            CookieHeader.parseInto(value, cookies);
        }
        return cookies;
    }

    private static Map<String, Object> extras(EventFields root, EventFields context) {
        Map<String, Object> extras = new LinkedHashMap<>();
        String routeKey = context.text("routeKey");
        putIfPresent(extras, "apigw.routeKey", routeKey != null ? routeKey : root.text("routeKey"));
        putIfPresent(extras, "apigw.domainName", context.text("domainName"));
        putIfPresent(extras, "apigw.apiId", context.text("apiId"));
        long epoch = context.longValue("timeEpoch", -1);
        if (epoch >= 0) {
            extras.put("apigw.requestTimeEpoch", epoch);
        }
        return extras;
    }

    private static byte[] body(EventFields root) {
        if (Boolean.TRUE.equals(root.bool("isBase64Encoded"))) {
            return root.base64("body");
        }
        String text = root.text("body");
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Removes {@code /<stage>} from the front of the path, for requests that reached the API through the stage URL. */
    static String withoutStage(String path, String stage) {
        if (stage == null || stage.isEmpty() || DEFAULT_STAGE.equals(stage)) {
            return path;
        }
        String prefix = "/" + stage;
        if (path.equals(prefix)) {
            return "/";
        }
        if (path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
            return path.substring(prefix.length());
        }
        return path;
    }

    private static Map<String, Object> authorizer(EventFields context) {
        EventFields authorizer = context.object("authorizer");
        if (authorizer == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        EventFields jwt = authorizer.object("jwt");
        if (jwt != null) {
            EventFields claims = jwt.object("claims");
            if (claims != null) {
                out.put("claims", EventFields.plain(claims.node()));
            }
            if (jwt.has("scopes")) {
                out.put("scopes", jwt.texts("scopes"));
            }
        }
        EventFields lambda = authorizer.object("lambda");
        if (lambda != null) {
            for (Map.Entry<String, JsonNode> e : lambda.node().properties()) {
                if (!e.getValue().isNull()) {
                    out.put(e.getKey(), EventFields.plain(e.getValue()));
                }
            }
        }
        EventFields iam = authorizer.object("iam");
        if (iam != null) {
            out.put("iam", EventFields.plain(iam.node()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static HttpRequest.Authorization authorization(EventFields context) {
        EventFields authorizer = context.object("authorizer");
        if (authorizer == null) {
            return null;
        }
        Map<String, Object> claims = null;
        List<String> scopes = null;
        EventFields jwt = authorizer.object("jwt");
        if (jwt != null) {
            EventFields c = jwt.object("claims");
            claims = c == null ? null : (Map<String, Object>) EventFields.plain(c.node());
            scopes = jwt.texts("scopes");
        }
        EventFields lambda = authorizer.object("lambda");
        EventFields iam = authorizer.object("iam");
        return new HttpRequest.Authorization(claims, scopes,
                lambda == null ? null : (Map<String, Object>) EventFields.plain(lambda.node()),
                iam == null ? null : (Map<String, Object>) EventFields.plain(iam.node()));
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * Writes the payload format 2.0 response, for example
     * {@code {"statusCode":200,"headers":{"content-type":"application/json"},"cookies":["id=1; Secure"],"body":"{}","isBase64Encoded":false}}.
     *
     * @throws IllegalStateException when {@code result} is not an {@link HttpResponse}: the kernel
     *     turns every handler result and error into one, so anything else is a bug in the caller
     */
    @Override
    public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
        if (!(result instanceof HttpResponse)) {
            throw new IllegalStateException(ID + " encodes HttpResponse results only, but was given "
                    + (result == null ? "null" : "a " + result.getClass().getTypeName())
                    + "; the kernel must turn handler results into an HttpResponse before encoding");
        }
        HttpResponse response = (HttpResponse) result;
        out.writeStartObject();
        out.writeNumberField("statusCode", response.statusCode());
        List<String> setCookies = new ArrayList<>(response.cookies().size());
        out.writeObjectFieldStart("headers");
        for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Set-Cookie")) {
                setCookies.addAll(h.getValue());
            } else {
                out.writeStringField(h.getKey().toLowerCase(Locale.ROOT), String.join(",", h.getValue()));
            }
        }
        out.writeEndObject();
        setCookies.addAll(response.cookies());
        if (!setCookies.isEmpty()) {
            out.writeArrayFieldStart("cookies");
            for (String c : setCookies) {
                out.writeString(c);
            }
            out.writeEndArray();
        }
        boolean binary = response.isBinary();
        if (binary) {
            byte[] bytes = response.bodyBytes();
            out.writeFieldName("body");
            out.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, bytes, 0, bytes.length);
        } else {
            out.writeStringField("body", response.bodyText());
        }
        out.writeBooleanField("isBase64Encoded", binary);
        out.writeEndObject();
    }
}

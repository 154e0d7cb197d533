package dev.lift.plugins.apigatewayv1;

import dev.lift.api.SpiVersion;
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
import dev.lift.spi.support.EventFields;
import dev.lift.spi.support.UrlEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes API Gateway REST API proxy events (payload format 1.0) into {@link HttpRequest}s and
 * writes the proxy integration response.
 *
 * <p><b>Matches</b> an event with a textual {@code httpMethod} and a {@code requestContext} object
 * that has no {@code elb} member (that would be an ALB event). Detection order 330, the last of
 * the HTTP adapters, because WebSocket events (300) look like REST events too.
 *
 * <p>Decoding: headers and query parameters come from {@code multiValueHeaders} and
 * {@code multiValueQueryStringParameters}, with the single-valued {@code headers} and
 * {@code queryStringParameters} as fallback.
 *
 * <p><b>Encoding, each value decoded exactly once.</b> A REST API hands the function
 * {@code path} (and {@code requestContext.path}) still percent-encoded, as the client sent it,
 * while {@code pathParameters} and the query parameters arrive already decoded. So
 * {@link HttpRequest#path()} is {@code path} decoded once ({@code %2520} becomes {@code %20}, never
 * a space; {@code +} stays a plus), {@link HttpRequest#rawPath()} is {@code path} as sent (the stage
 * is not part of it), {@link HttpRequest#pathSegments()} splits {@code path} before decoding each
 * segment, so {@code /files/a%2Fb} is the two segments {@code files} and {@code a/b}, and the
 * query values and {@code pathParameters} are used as they are, never decoded again (a value
 * {@code 1&2} stays {@code 1&2}, a value {@code %20} stays {@code %20}). Since a REST event has no
 * raw query string, {@link HttpRequest#rawQueryString()} is rebuilt from the parameters,
 * form-encoded. Evidence: the proxy integration input format,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 * (which does not state the encoding); live captures published in
 * https://github.com/hotsock/voker/pull/8 and summarised in
 * https://github.com/middleapi/standard-server/pull/93 ("REST APIs and Lambda Function URLs deliver
 * it still percent-encoded"); decoded query values: https://github.com/adamchainz/apig-wsgi/issues/253
 * ({@code ?x=foo%3Dbar} arrives as {@code "x": "foo=bar"} from API Gateway) and
 * aws-serverless-java-container commit 9ab50f7 ("ALB does not decode encoded query parameters, API
 * Gateway does"). Cookies are
 * parsed from the {@code Cookie} header. {@code pathParameters}, {@code stageVariables}, the
 * stage, {@code requestContext.requestId}, {@code requestContext.identity.sourceIp} and the
 * authorizer's output ({@code claims} of a Cognito authorizer, a Lambda authorizer's
 * {@code principalId} and context) are passed on. A body with {@code isBase64Encoded} is
 * decoded. {@link HttpRequest#gatewayContext()} carries {@code requestContext}'s
 * {@code accountId}, {@code apiId}, {@code resourceId}, {@code resourcePath}, {@code path},
 * {@code requestId}, {@code extendedRequestId} and {@code domainName}. A Cognito authorizer's
 * {@code claims} (and {@code scopes}) are also {@link HttpRequest#jwtClaims()} and
 * {@link HttpRequest#jwtScopes()}; a Lambda authorizer's output (recognised by its
 * {@code principalId}) is also {@link HttpRequest#lambdaAuthorizerContext()}.
 * {@link HttpRequest#extras()} carries {@code apigw.resource}, {@code apigw.domainName},
 * {@code apigw.apiId}, {@code apigw.requestTimeEpoch} and {@code apigw.identity} (a map of the
 * caller identity's non-null fields: {@code userArn}, {@code cognitoIdentityId}, {@code apiKeyId},
 * {@code userAgent}, ...) when present.
 *
 * <p>Encoding writes {@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code body}
 * and {@code isBase64Encoded}, in that order, header names in case-insensitive order and as the
 * handler spelled them. {@code multiValueHeaders} carries every value of every header, each
 * {@code Set-Cookie} (header values first, then {@link HttpResponse#cookies()}) as its own entry;
 * it is what API Gateway uses, as it prefers {@code multiValueHeaders} for a name present in both.
 * {@code headers} repeats each header with its <em>last</em> value, the convention API Gateway
 * itself follows for the single-valued headers of a request event, and leaves out
 * {@code Set-Cookie}, which one value cannot represent. Binary bodies
 * ({@link HttpResponse#isBinary()}) are sent base64-encoded with {@code isBase64Encoded: true}; the
 * API needs {@code binaryMediaTypes} configured for API Gateway to turn them back into bytes.
 *
 * <p>Decoding takes the headers once, straight into the request; the query parameters, cookies,
 * authorizer output, stage variables and {@link HttpRequest#extras()} are built when something
 * first reads them (any thread may; see {@link HttpRequest}), since most handlers read few of
 * them. The rebuilt query string is written without {@link java.net.URLEncoder}'s per-value
 * buffers. Every field is still checked during {@code decode}, so a malformed event never reaches
 * a handler.
 *
 * <p>Malformed events are a {@link LiftException} 400 naming the field; absent optional fields
 * get empty defaults. Stateless.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class ApiGatewayV1Adapter implements EventAdapter {

    /** This adapter's plugin id, also {@link HttpRequest#source()} of the requests it decodes. */
    public static final String ID = "adapter-apigateway-v1";

    private static final String EVENT_NAME = "API Gateway REST API event";
    private static final String SET_COOKIE = "Set-Cookie";

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
        return 330;
    }

    @Override
    public EventKind kind() {
        return EventKind.HTTP;
    }

    /** A textual {@code httpMethod} and an object {@code requestContext} without {@code requestContext.elb}. */
    @Override
    public boolean matches(JsonNode event) {
        if (event == null || !event.path("httpMethod").isTextual()) {
            return false;
        }
        JsonNode context = event.path("requestContext");
        return context.isObject() && !context.has("elb");
    }

    /**
     * @throws LiftException 400 naming the field when the event is malformed, for example
     *     {@code The API Gateway REST API event is malformed: httpMethod is missing}
     */
    @Override
    public HttpRequest decode(JsonNode event) {
        EventFields root = EventFields.root(event, EVENT_NAME);
        String method = root.requiredText("httpMethod");
        if (method.isBlank()) {
            throw root.invalid("httpMethod", "is empty");
        }
        String path = root.requiredText("path");
        EventFields context = root.object("requestContext");
        EventFields identity = context == null ? null : context.object("identity");

        // Everything that can be malformed is checked now, so a bad event is a 400 before any
        // handler runs; what only costs (query map, authorizer, stage variables, extras) waits for a reader.
        Headers h = headers(root);
        String rawQuery = formEncodedQuery(root);
        byte[] body = body(root);
        root.requireTextMembers("stageVariables");
        Map<String, String> pathParameters = root.textMap("pathParameters");
        String resource = root.text("resource");

        HttpRequest.Builder b = HttpRequest.builder()
                .source(ID)
                .method(method)
                .path(UrlEncoding.decode(path, false))
                .rawPath(path)
                .pathSegments(() -> UrlEncoding.decodePathSegments(path))
                .rawQueryString(rawQuery)
                .queryParameters(() -> query(root))
                .headers(h)
                .cookies(() -> cookies(h))
                .body(body)
                .stageVariables(() -> root.textMap("stageVariables"))
                .pathParameters(pathParameters);
        long epoch = -1;
        if (context != null) {
            HttpRequest.GatewayContext gatewayContext = gatewayContext(context);
            context.object("authorizer"); // an authorizer that is not an object is a 400 now
            epoch = context.longValue("requestTimeEpoch", -1);
            b.stage(context.text("stage"))
                    .gatewayRequestId(context.text("requestId"))
                    .authorizer(() -> authorizer(context))
                    .authorization(() -> authorization(context))
                    .gatewayContext(() -> gatewayContext);
        }
        if (identity != null) {
            b.sourceIp(identity.text("sourceIp"));
        }
        long requestTimeEpoch = epoch;
        return b.extras(() -> extras(resource, context, requestTimeEpoch, identity)).build();
    }

    private static Map<String, Object> extras(String resource, EventFields context, long requestTimeEpoch,
                                              EventFields identity) {
        Map<String, Object> extras = new LinkedHashMap<>();
        putIfPresent(extras, "apigw.resource", resource);
        if (context != null) {
            putIfPresent(extras, "apigw.domainName", context.text("domainName"));
            putIfPresent(extras, "apigw.apiId", context.text("apiId"));
            if (requestTimeEpoch >= 0) {
                extras.put("apigw.requestTimeEpoch", requestTimeEpoch);
            }
        }
        if (identity != null) {
            // Who called (IAM user ARN, Cognito identity, API key id, user agent...): the non-null text fields.
            Map<String, String> who = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : identity.node().properties()) {
                if (e.getValue().isTextual()) {
                    who.put(e.getKey(), e.getValue().textValue());
                }
            }
            extras.put("apigw.identity", Collections.unmodifiableMap(who));
        }
        return extras;
    }

    /**
     * The headers, added once, straight from the event to the request's builder: {@code multiValueHeaders}
     * completed with {@code headers} for the names it lacks. When two names differ only in case, the
     * merge of {@link #multiValued} decides, as it always has.
     */
    private static Headers headers(EventFields root) {
        Headers.Builder b = Headers.builder();
        int names = root.forEachValue("multiValueHeaders", "headers", b::add);
        Headers headers = b.build();
        if (headers.size() == names) {
            return headers;
        }
        Headers.Builder merged = Headers.builder();
        multiValued(root, "multiValueHeaders", "headers", new TreeMap<>(String.CASE_INSENSITIVE_ORDER))
                .forEach(merged::addAll);
        return merged.build();
    }

    /** The query parameters as API Gateway decoded them, all values kept; only when a handler reads them. */
    private static Map<String, List<String>> query(EventFields root) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        root.forEachValue("multiValueQueryStringParameters", "queryStringParameters",
                (name, value) -> query.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value));
        return query;
    }

    /** The query string a REST event does not carry, rebuilt from the decoded parameters ({@code +} for a space). */
    private static String formEncodedQuery(EventFields root) {
        StringBuilder sb = new StringBuilder();
        root.forEachValue("multiValueQueryStringParameters", "queryStringParameters", (name, value) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            FormEncoding.append(sb, name);
            sb.append('=');
            FormEncoding.append(sb, value);
        });
        return sb.toString();
    }

    /**
     * Reads a multi-valued field ({@code multiValueHeaders}) and completes it with the single-valued
     * one ({@code headers}) for names it lacks, so a hand-written event with only one of them works.
     */
    private static Map<String, List<String>> multiValued(EventFields root, String multiField, String singleField,
                                                         Map<String, List<String>> into) {
        EventFields multi = root.object(multiField);
        if (multi != null) {
            for (String name : multi.fieldNames()) {
                List<String> values = multi.texts(name);
                if (!values.isEmpty()) {
                    into.put(name, values);
                }
            }
        }
        root.textMap(singleField).forEach((name, value) -> into.putIfAbsent(name, List.of(value)));
        return into;
    }

    private static Map<String, String> cookies(Headers headers) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String value : headers.all("Cookie")) {
            CookieHeader.parseInto(value, cookies);
        }
        return cookies;
    }

    private static byte[] body(EventFields root) {
        if (Boolean.TRUE.equals(root.bool("isBase64Encoded"))) {
            return root.base64("body");
        }
        String text = root.text("body");
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** The authorizer's output without JSON nulls (API Gateway sends {@code "claims": null} when there are none). */
    private static Map<String, Object> authorizer(EventFields context) {
        EventFields authorizer = context.object("authorizer");
        if (authorizer == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : authorizer.node().properties()) {
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), EventFields.plain(e.getValue()));
            }
        }
        return out;
    }

    /** The requestContext fields every REST event has, read now: a malformed one is a 400 naming it. */
    private static HttpRequest.GatewayContext gatewayContext(EventFields context) {
        return new HttpRequest.GatewayContext(context.text("accountId"), context.text("apiId"),
                context.text("resourceId"), context.text("resourcePath"), context.text("path"),
                context.text("requestId"), context.text("extendedRequestId"), context.text("domainName"));
    }

    /**
     * A Cognito user pool authorizer passes {@code claims} (and {@code scopes}); a Lambda
     * authorizer passes {@code principalId} and its context entries side by side.
     */
    @SuppressWarnings("unchecked")
    private static HttpRequest.Authorization authorization(EventFields context) {
        Map<String, Object> all = authorizer(context);
        if (all.isEmpty()) {
            return null;
        }
        Object claims = all.get("claims");
        Object scopes = all.get("scopes");
        Map<String, Object> lambda = Map.of();
        if (all.containsKey("principalId")) {
            lambda = new LinkedHashMap<>(all);
            lambda.remove("claims");
            lambda.remove("scopes");
        }
        return new HttpRequest.Authorization(claims instanceof Map ? (Map<String, Object>) claims : null,
                scopes instanceof List ? textsOnly((List<Object>) scopes) : null, lambda, null);
    }

    private static List<String> textsOnly(List<Object> values) {
        List<String> out = new ArrayList<>(values.size());
        for (Object v : values) {
            if (v instanceof String) {
                out.add((String) v);
            }
        }
        return out;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * Writes the proxy integration response, for example
     * {@code {"statusCode":200,"headers":{"Content-Type":"text/plain"},"multiValueHeaders":{"Content-Type":["text/plain"]},"body":"hi","isBase64Encoded":false}}.
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
        Map<String, List<String>> headers = response.headers();
        List<String> cookies = response.cookies();
        out.writeStartObject();
        out.writeNumberField("statusCode", response.statusCode());

        out.writeObjectFieldStart("headers");
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (!h.getKey().equalsIgnoreCase(SET_COOKIE)) {
                out.writeStringField(h.getKey(), h.getValue().get(h.getValue().size() - 1));
            }
        }
        out.writeEndObject();

        out.writeObjectFieldStart("multiValueHeaders");
        // Headers iterate in case-insensitive order; cookies added with cookie(...) join Set-Cookie at its place.
        boolean cookiesWritten = cookies.isEmpty();
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            int cmp = String.CASE_INSENSITIVE_ORDER.compare(h.getKey(), SET_COOKIE);
            if (!cookiesWritten && cmp > 0) {
                writeArray(out, SET_COOKIE, List.of(), cookies);
                cookiesWritten = true;
            }
            if (cmp == 0) {
                writeArray(out, h.getKey(), h.getValue(), cookies);
                cookiesWritten = true;
            } else {
                writeArray(out, h.getKey(), h.getValue(), List.of());
            }
        }
        if (!cookiesWritten) {
            writeArray(out, SET_COOKIE, List.of(), cookies);
        }
        out.writeEndObject();

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

    private static void writeArray(JsonGenerator out, String name, List<String> values, List<String> more)
            throws IOException {
        out.writeArrayFieldStart(name);
        for (String v : values) {
            out.writeString(v);
        }
        for (String v : more) {
            out.writeString(v);
        }
        out.writeEndArray();
    }
}

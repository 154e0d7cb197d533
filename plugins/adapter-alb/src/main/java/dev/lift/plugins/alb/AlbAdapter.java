package dev.lift.plugins.alb;

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
import dev.lift.spi.support.EventFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes Application Load Balancer requests to a Lambda target into {@link HttpRequest}s and
 * writes the response ALB expects.
 *
 * <p><b>Matches</b> an event whose {@code requestContext.elb} is an object. Detection order 310:
 * ALB events also have {@code httpMethod} and {@code requestContext}, like REST API events (330).
 *
 * <p>A target group either has multi-value headers enabled, and then every request carries
 * {@code multiValueHeaders} and {@code multiValueQueryStringParameters}, or not, and then it
 * carries {@code headers} and {@code queryStringParameters}; the response must use the same form.
 * The form is recorded in {@link HttpRequest#extras()} under {@value #MULTI_VALUE} (a
 * {@link Boolean}), next to {@value #TARGET_GROUP_ARN}.
 *
 * <p><b>Encoding, each value decoded exactly once.</b> ALB passes both {@code path} and the query
 * parameters' names and values as the client sent them, percent-encoded. Query names and values
 * are therefore decoded here, once, {@code +} read as a space (the form-encoding convention):
 * {@code a=1%262} gives {@code 1&2}, {@code q=%2520} gives {@code %20};
 * {@link HttpRequest#rawQueryString()} is the query as sent, rebuilt from the encoded pairs.
 * {@link HttpRequest#path()} is {@code path} decoded once, {@code +} kept, {@code %2520} becoming
 * {@code %20}; {@link HttpRequest#rawPath()} is {@code path} as sent; and
 * {@link HttpRequest#pathSegments()} splits {@code path} before decoding each segment, so
 * {@code /files/a%2Fb} is the two segments {@code files} and {@code a/b}. Evidence:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html ("If
 * the query parameters are URL-encoded, the load balancer does not decode them. You must decode
 * them in your Lambda function", quoted in
 * https://github.com/aws-powertools/powertools-lambda-python/pull/7940); live captures in
 * https://github.com/hotsock/voker/pull/8, summarised in
 * https://github.com/middleapi/standard-server/pull/93 ("REST, Function URLs and ALB preserve
 * encoding"); https://github.com/adamchainz/apig-wsgi/issues/253 ({@code ?x=foo%3Dbar} arrives as
 * {@code "x": "foo%3Dbar"} from ALB). Cookies are parsed from the {@code Cookie} header, and
 * {@link HttpRequest#sourceIp()} is the last address of {@code X-Forwarded-For}, the one ALB
 * appended for the connection it accepted. A base64 body is decoded.
 *
 * <p>Encoding writes {@code statusCode}, {@code statusDescription} (for example
 * {@code "200 OK"}), {@code headers} or {@code multiValueHeaders}, {@code body} and
 * {@code isBase64Encoded}, header names as the handler spelled them, in case-insensitive order.
 * Multi-value form: every value of every header, each {@code Set-Cookie} (header values first,
 * then {@link HttpResponse#cookies()}) its own entry. Single-value form: repeated values are
 * joined with {@code ", "}, except {@code Set-Cookie}, whose values cannot be joined: only the
 * last is sent, so enable multi-value headers on the target group to set several cookies. A
 * response without a request (a malformed event) uses the single-value form. Binary bodies
 * ({@link HttpResponse#isBinary()}) are sent base64-encoded. ALB rejects responses over 1 MB.
 *
 * <p>Decoding takes the headers once, straight into the request; the query parameters, cookies
 * and {@link HttpRequest#extras()} are built when something first reads them (any thread may; see
 * {@link HttpRequest}), since most handlers read none of them. Every field is still checked
 * during {@code decode}, so a malformed event never reaches a handler.
 *
 * <p>Malformed events are a {@link LiftException} 400 naming the field; absent optional fields
 * get empty defaults. Stateless.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class AlbAdapter implements EventAdapter {

    /** This adapter's plugin id, also {@link HttpRequest#source()} of the requests it decodes. */
    public static final String ID = "adapter-alb";

    /** The {@link HttpRequest#extras()} key: whether the target group uses multi-value headers. */
    public static final String MULTI_VALUE = "alb.multiValue";

    /** The {@link HttpRequest#extras()} key of the target group's ARN. */
    public static final String TARGET_GROUP_ARN = "alb.targetGroupArn";

    private static final String EVENT_NAME = "ALB event";
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
        return 310;
    }

    @Override
    public EventKind kind() {
        return EventKind.HTTP;
    }

    /** {@code requestContext.elb} is an object. */
    @Override
    public boolean matches(JsonNode event) {
        return event != null && event.path("requestContext").path("elb").isObject();
    }

    /**
     * @throws LiftException 400 naming the field when the event is malformed, for example
     *     {@code The ALB event is malformed: httpMethod is missing}
     */
    @Override
    public HttpRequest decode(JsonNode event) {
        EventFields root = EventFields.root(event, EVENT_NAME);
        String method = root.requiredText("httpMethod");
        if (method.isBlank()) {
            throw root.invalid("httpMethod", "is empty");
        }
        String rawPath = root.requiredText("path");
        boolean multi = root.has("multiValueHeaders") || root.has("multiValueQueryStringParameters");
        // Everything that can be malformed is checked now, so a bad event is a 400 before any
        // handler runs; what only costs (decoding the query, cookies, extras) waits for a reader.
        Headers headers = headers(root);
        String rawQuery = rawQuery(root);
        String targetGroup = targetGroupArn(event, root);
        byte[] body = body(root);
        return HttpRequest.builder()
                .source(ID)
                .method(method)
                .path(UrlEncoding.decode(rawPath, false))
                .rawPath(rawPath)
                .pathSegments(() -> UrlEncoding.decodePathSegments(rawPath))
                .rawQueryString(rawQuery)
                .queryParameters(() -> query(root))
                .headers(headers)
                .cookies(() -> cookies(headers))
                .body(body)
                .sourceIp(clientAddress(headers))
                .extras(() -> extras(multi, targetGroup))
                .build();
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

    /** The query as the client sent it, rebuilt from the still encoded pairs; empty when there is none. */
    private static String rawQuery(EventFields root) {
        StringBuilder raw = new StringBuilder();
        root.forEachValue("multiValueQueryStringParameters", "queryStringParameters", (name, value) -> {
            if (raw.length() > 0) {
                raw.append('&');
            }
            raw.append(name).append('=').append(value);
        });
        return raw.toString();
    }

    /** The query parameters, each name and value decoded once; only when a handler reads them. */
    private static Map<String, List<String>> query(EventFields root) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        root.forEachValue("multiValueQueryStringParameters", "queryStringParameters", (name, value) ->
                query.computeIfAbsent(UrlEncoding.decode(name, true), k -> new ArrayList<>(1))
                        .add(UrlEncoding.decode(value, true)));
        return query;
    }

    /** {@code requestContext.elb.targetGroupArn}, or null; a value of the wrong type is a 400 naming it. */
    private static String targetGroupArn(JsonNode event, EventFields root) {
        JsonNode arn = event.path("requestContext").path("elb").path("targetGroupArn");
        if (arn.isTextual()) {
            return arn.textValue();
        }
        EventFields context = root.object("requestContext");
        EventFields elb = context == null ? null : context.object("elb");
        return elb == null ? null : elb.text("targetGroupArn");
    }

    private static Map<String, Object> extras(boolean multi, String targetGroup) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put(MULTI_VALUE, multi);
        if (targetGroup != null) {
            extras.put(TARGET_GROUP_ARN, targetGroup);
        }
        return extras;
    }

    /**
     * Reads a multi-valued field ({@code multiValueHeaders}) and completes it with the single-valued
     * one ({@code headers}) for names it lacks, so a hand-written event with both still works.
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

    /** The last {@code X-Forwarded-For} address: ALB appends the address of the client it accepted. */
    private static String clientAddress(Headers headers) {
        List<String> values = headers.all("X-Forwarded-For");
        if (values.isEmpty()) {
            return null;
        }
        String last = values.get(values.size() - 1);
        String ip = last.substring(last.lastIndexOf(',') + 1).trim();
        return ip.isEmpty() ? null : ip;
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

    /**
     * Writes the ALB response in the request's header form, for example
     * {@code {"statusCode":200,"statusDescription":"200 OK","headers":{"Content-Type":"text/html"},"body":"<p>hi</p>","isBase64Encoded":false}}.
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
        boolean multi = event instanceof HttpRequest
                && Boolean.TRUE.equals(((HttpRequest) event).extras().get(MULTI_VALUE));
        int status = response.statusCode();
        out.writeStartObject();
        out.writeNumberField("statusCode", status);
        out.writeStringField("statusDescription", status + " " + ReasonPhrase.of(status));
        if (multi) {
            writeMultiValueHeaders(out, response);
        } else {
            writeSingleValueHeaders(out, response);
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

    private static void writeMultiValueHeaders(JsonGenerator out, HttpResponse response) throws IOException {
        List<String> cookies = response.cookies();
        out.writeObjectFieldStart("multiValueHeaders");
        // Headers iterate in case-insensitive order; cookies added with cookie(...) join Set-Cookie at its place.
        boolean cookiesWritten = cookies.isEmpty();
        for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
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

    private static void writeSingleValueHeaders(JsonGenerator out, HttpResponse response) throws IOException {
        List<String> cookies = response.cookies();
        out.writeObjectFieldStart("headers");
        boolean cookiesWritten = cookies.isEmpty();
        for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
            int cmp = String.CASE_INSENSITIVE_ORDER.compare(h.getKey(), SET_COOKIE);
            if (!cookiesWritten && cmp > 0) {
                out.writeStringField(SET_COOKIE, cookies.get(cookies.size() - 1));
                cookiesWritten = true;
            }
            List<String> values = h.getValue();
            if (cmp == 0) {
                // One JSON member holds one Set-Cookie; the last one set wins.
                out.writeStringField(h.getKey(), cookies.isEmpty() ? values.get(values.size() - 1)
                        : cookies.get(cookies.size() - 1));
                cookiesWritten = true;
            } else {
                out.writeStringField(h.getKey(), values.size() == 1 ? values.get(0) : String.join(", ", values));
            }
        }
        if (!cookiesWritten) {
            out.writeStringField(SET_COOKIE, cookies.get(cookies.size() - 1));
        }
        out.writeEndObject();
    }
}

package dev.lift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpResponse;
import dev.lift.api.Json;
import dev.lift.spi.support.UrlEncoding;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The front door {@code lift serve} stands in for ({@code --format}): how an HTTP request becomes
 * the event that source delivers to the function, and how the function's response is read back,
 * as that source reads it.
 *
 * <ul>
 *   <li>{@link #HTTP_API} ({@code http-api}): API Gateway HTTP API, payload format 2.0, route
 *       {@code $default}. A response that is not an object with {@code statusCode} is a 200 JSON body.</li>
 *   <li>{@link #REST} ({@code rest}): API Gateway REST API, Lambda proxy integration (payload 1.0)
 *       on a greedy resource {@code /{proxy+}} ({@code /} for the root), stage {@code local};
 *       {@code path} as sent, percent-encoded, query values decoded; {@code multiValueHeaders}
 *       wins over {@code headers} for a name in both; a malformed response is a 502.</li>
 *   <li>{@link #ALB} ({@code alb}) and {@link #ALB_MULTI} ({@code alb-multi}): an Application Load
 *       Balancer target group with multi-value headers off or on; header names in lower case, path
 *       and query as sent, percent-encoded; the response's {@code headers} (off) or
 *       {@code multiValueHeaders} (on) are used; a malformed response is a 502.</li>
 * </ul>
 *
 * <p>Bodies that are not text (a non-textual {@code Content-Type}, or none and not UTF-8) travel
 * base64-encoded with {@code isBase64Encoded: true}, as each source does for binary media (a REST
 * API with {@code binaryMediaTypes} covering them). The JDK's server does not keep the case of
 * header names: REST events carry them in canonical case ({@code Content-Type}). Stateless.
 */
enum FrontDoor {

    HTTP_API("http-api"),
    REST("rest"),
    ALB("alb"),
    ALB_MULTI("alb-multi");

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    private static final byte[] REST_ERROR = "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HTTP_API_ERROR = "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ALB_502 = ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.UTF_8);
    static final String TARGET_GROUP_ARN = "arn:aws:elasticloadbalancing:local:000000000000:targetgroup/lift-serve/0000000000000000";

    private final String option;

    FrontDoor(String option) {
        this.option = option;
    }

    /** The {@code --format} value. */
    String option() {
        return option;
    }

    /** What the startup block calls it. */
    String describe() {
        switch (this) {
            case REST: return "rest (API Gateway REST API, payload 1.0)";
            case ALB: return "alb (Application Load Balancer, multi-value headers off)";
            case ALB_MULTI: return "alb-multi (Application Load Balancer, multi-value headers on)";
            default: return "http-api (API Gateway HTTP API, payload 2.0)";
        }
    }

    /** The allowed {@code --format} values, comma-separated. */
    static String allowed() {
        return Arrays.stream(values()).map(FrontDoor::option).collect(Collectors.joining(", "));
    }

    /**
     * The front door named by a {@code --format} value.
     *
     * @throws IllegalArgumentException naming the option and its allowed values
     */
    static FrontDoor of(String value) {
        for (FrontDoor f : values()) {
            if (f.option.equals(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("--format must be one of " + allowed() + ", was '" + value + "'");
    }

    /**
     * One HTTP request as it arrived, before any front door made an event of it.
     *
     * @param method the method
     * @param rawPath the path as sent, percent-encoded
     * @param rawQuery the query as sent, or empty
     * @param headers the headers, names as the JDK server spells them ({@code Content-type}), in arrival order
     * @param protocol for example {@code HTTP/1.1}
     * @param sourceIp the client's address
     * @param localHost host and port this server is reached at, when the client sent no Host
     * @param localPort the port the request came in on
     * @param body the body, maybe empty
     * @param requestId the request id
     */
    record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, String protocol,
                   String sourceIp, String localHost, int localPort, byte[] body, String requestId) {
    }

    /** A response as the front door writes it to the client. */
    record Response(int status, Map<String, List<String>> headers, List<String> cookies, byte[] body) {
    }

    /** The event this front door delivers for the request. */
    ObjectNode event(Request r) {
        switch (this) {
            case REST: return restEvent(r);
            case ALB: return albEvent(r, false);
            case ALB_MULTI: return albEvent(r, true);
            default: return httpApiEvent(r);
        }
    }

    /** What the front door answers when the function failed. */
    Response functionError() {
        switch (this) {
            case REST: return json(502, REST_ERROR);
            case ALB: case ALB_MULTI: return albBadGateway();
            default: return json(500, HTTP_API_ERROR);
        }
    }

    /** The response the front door writes for the function's response bytes. */
    Response response(byte[] result) {
        JsonNode root;
        try {
            root = MAPPER.readTree(result);
        } catch (java.io.IOException e) {
            root = null;
        }
        boolean proxyShape = root != null && root.isObject() && root.path("statusCode").canConvertToInt();
        switch (this) {
            case HTTP_API:
                if (!proxyShape) {
                    // An HTTP API takes any other JSON as a 200 JSON body (payload 2.0 only).
                    return root == null ? functionError() : json(200, result);
                }
                return read(root, true, true);
            case REST:
                return proxyShape ? read(root, true, true) : functionError();
            case ALB:
                return proxyShape ? read(root, true, false) : functionError();
            default:
                return proxyShape ? read(root, false, true) : functionError();
        }
    }

    /** Extra headers the front door adds to every response. */
    void gatewayHeaders(Map<String, List<String>> into, String requestId) {
        switch (this) {
            case HTTP_API:
                into.put("Apigw-Requestid", List.of(requestId));
                break;
            case REST:
                into.put("x-amzn-RequestId", List.of(requestId));
                break;
            default:
                break;
        }
    }

    // ---------------------------------------------------------------- events

    private static ObjectNode httpApiEvent(Request r) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String line : h.getValue()) {
                    for (String c : line.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                }
            } else {
                headers.computeIfAbsent(name, k -> new ArrayList<>()).addAll(h.getValue());
            }
        }
        Instant now = Instant.now();
        String hostHeader = first(headers, "host", r.localHost());
        String path = UrlEncoding.decode(r.rawPath(), false);

        ObjectNode e = MAPPER.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", "$default");
        // A deployed HTTP API hands the function rawPath already percent-decoded (the adapter does not
        // decode it again), so the local server does the same.
        e.put("rawPath", path);
        e.put("rawQueryString", r.rawQuery());
        if (!cookies.isEmpty()) {
            ArrayNode c = e.putArray("cookies");
            cookies.forEach(c::add);
        }
        ObjectNode h = e.putObject("headers");
        headers.forEach((name, values) -> h.put(name, String.join(",", values)));
        Map<String, List<String>> query = parseQuery(r.rawQuery(), true);
        if (!query.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            query.forEach((name, values) -> q.put(name, String.join(",", values)));
        }
        ObjectNode rc = e.putObject("requestContext");
        rc.put("accountId", "000000000000");
        rc.put("apiId", "local");
        rc.put("domainName", hostHeader);
        rc.put("domainPrefix", prefix(hostHeader));
        ObjectNode http = rc.putObject("http");
        http.put("method", r.method().toUpperCase(Locale.ROOT));
        http.put("path", path);
        http.put("protocol", r.protocol());
        http.put("sourceIp", r.sourceIp());
        http.put("userAgent", first(headers, "user-agent", ""));
        rc.put("requestId", r.requestId());
        rc.put("routeKey", "$default");
        rc.put("stage", "$default");
        rc.put("time", CLF.format(now.atOffset(ZoneOffset.UTC)));
        rc.put("timeEpoch", now.toEpochMilli());
        putBody(e, r.body(), first(headers, "content-type", null));
        return e;
    }

    private static ObjectNode restEvent(Request r) {
        // Canonical case, one entry per name, values in arrival order; X-Forwarded-* added as API Gateway does.
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        r.headers().forEach((name, values) -> headers.computeIfAbsent(canonical(name), k -> new ArrayList<>()).addAll(values));
        forwarded(headers, r, "X-Forwarded-For", "X-Forwarded-Port", "X-Forwarded-Proto");
        Instant now = Instant.now();
        String hostHeader = first(headers, "Host", r.localHost());
        boolean root = r.rawPath().equals("/");
        String resource = root ? "/" : "/{proxy+}";

        ObjectNode e = MAPPER.createObjectNode();
        e.put("resource", resource);
        e.put("path", r.rawPath());
        e.put("httpMethod", r.method().toUpperCase(Locale.ROOT));
        putHeaders(e, headers, true, true);
        // A REST API hands the function query names and values decoded ('+' stays a plus in the path, is a space here).
        Map<String, List<String>> query = parseQuery(r.rawQuery(), true);
        putQuery(e, query, true, true, true);
        if (root) {
            e.putNull("pathParameters");
        } else {
            // The greedy path variable, as API Gateway passes it: decoded, without the leading slash.
            e.putObject("pathParameters").put("proxy", UrlEncoding.decode(r.rawPath().substring(1), false));
        }
        e.putNull("stageVariables");
        ObjectNode rc = e.putObject("requestContext");
        rc.put("resourceId", "local");
        rc.put("resourcePath", resource);
        rc.put("httpMethod", r.method().toUpperCase(Locale.ROOT));
        rc.put("extendedRequestId", r.requestId());
        rc.put("requestTime", CLF.format(now.atOffset(ZoneOffset.UTC)));
        rc.put("path", "/local" + r.rawPath());
        rc.put("accountId", "000000000000");
        rc.put("protocol", r.protocol());
        rc.put("stage", "local");
        rc.put("domainPrefix", prefix(hostHeader));
        rc.put("requestTimeEpoch", now.toEpochMilli());
        rc.put("requestId", r.requestId());
        ObjectNode identity = rc.putObject("identity");
        for (String field : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "accessKey")) {
            identity.putNull(field);
        }
        identity.put("sourceIp", r.sourceIp());
        identity.putNull("principalOrgId");
        identity.putNull("cognitoAuthenticationType");
        identity.putNull("cognitoAuthenticationProvider");
        identity.putNull("userArn");
        String agent = first(headers, "User-Agent", null);
        if (agent == null) {
            identity.putNull("userAgent");
        } else {
            identity.put("userAgent", agent);
        }
        identity.putNull("user");
        rc.put("domainName", hostHeader);
        rc.put("apiId", "local");
        putBody(e, r.body(), first(headers, "Content-Type", null));
        return e;
    }

    private static ObjectNode albEvent(Request r, boolean multi) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.headers().forEach((name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(values));
        forwarded(headers, r, "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto");
        ObjectNode e = MAPPER.createObjectNode();
        e.putObject("requestContext").putObject("elb").put("targetGroupArn", TARGET_GROUP_ARN);
        e.put("httpMethod", r.method().toUpperCase(Locale.ROOT));
        e.put("path", r.rawPath());
        // ALB passes query names and values as the client sent them, still percent-encoded.
        putQuery(e, parseQuery(r.rawQuery(), false), !multi, multi, false);
        putHeaders(e, headers, !multi, multi);
        putBody(e, r.body(), first(headers, "content-type", null));
        return e;
    }

    /** Adds the client address, port and scheme, appending to an X-Forwarded-For the client sent. */
    private static void forwarded(Map<String, List<String>> headers, Request r, String forName, String portName,
                                  String protoName) {
        List<String> chain = headers.remove(forName);
        String previous = chain == null || chain.isEmpty() ? null : String.join(", ", chain);
        headers.put(forName, List.of(previous == null ? r.sourceIp() : previous + ", " + r.sourceIp()));
        headers.put(portName, List.of(Integer.toString(r.localPort())));
        headers.put(protoName, List.of("http"));
    }

    private static void putHeaders(ObjectNode e, Map<String, List<String>> headers, boolean single, boolean multi) {
        if (single) {
            ObjectNode h = e.putObject("headers");
            headers.forEach((name, values) -> h.put(name, values.get(values.size() - 1)));
        }
        if (multi) {
            ObjectNode h = e.putObject("multiValueHeaders");
            headers.forEach((name, values) -> {
                ArrayNode a = h.putArray(name);
                values.forEach(a::add);
            });
        }
    }

    /** The query fields; a REST API sends null for both when there is no query, ALB an empty object. */
    private static void putQuery(ObjectNode e, Map<String, List<String>> query, boolean single, boolean multi,
                                 boolean nullWhenEmpty) {
        if (single) {
            if (query.isEmpty() && nullWhenEmpty) {
                e.putNull("queryStringParameters");
            } else {
                ObjectNode q = e.putObject("queryStringParameters");
                query.forEach((name, values) -> q.put(name, values.get(values.size() - 1)));
            }
        }
        if (multi) {
            if (query.isEmpty() && nullWhenEmpty) {
                e.putNull("multiValueQueryStringParameters");
            } else {
                ObjectNode q = e.putObject("multiValueQueryStringParameters");
                query.forEach((name, values) -> {
                    ArrayNode a = q.putArray(name);
                    values.forEach(a::add);
                });
            }
        }
    }

    /** {@code body} and {@code isBase64Encoded}; the body is null (REST) or empty text (others) when there is none. */
    private static void putBody(ObjectNode e, byte[] body, String contentType) {
        boolean base64 = false;
        if (body.length > 0) {
            String text = textOrNull(body, contentType);
            base64 = text == null;
            e.put("body", base64 ? Base64.getEncoder().encodeToString(body) : text);
        } else if (!e.has("version")) {
            if (e.has("resource")) {
                e.putNull("body");
            } else {
                e.put("body", "");
            }
        }
        e.put("isBase64Encoded", base64);
    }

    // ---------------------------------------------------------------- responses

    /**
     * Reads a proxy-shaped response: {@code headers} and/or {@code multiValueHeaders} (the latter
     * wins for a name in both), {@code cookies} (payload 2.0), {@code body}, {@code isBase64Encoded}.
     */
    private Response read(JsonNode root, boolean single, boolean multi) {
        int status = root.path("statusCode").asInt();
        if (status < 100 || status > 599) {
            return functionError();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (multi) {
            root.path("multiValueHeaders").properties().forEach(h -> {
                List<String> values = headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>());
                h.getValue().forEach(v -> values.add(v.asText()));
            });
        }
        if (single) {
            root.path("headers").properties().forEach(h -> headers.putIfAbsent(h.getKey(), List.of(h.getValue().asText())));
        }
        List<String> cookies = new ArrayList<>();
        if (this == HTTP_API) {
            root.path("cookies").forEach(c -> cookies.add(c.asText()));
        }
        JsonNode bodyNode = root.path("body");
        String text = bodyNode.isMissingNode() || bodyNode.isNull() ? "" : bodyNode.asText();
        byte[] body;
        if (root.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = Base64.getMimeDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                return functionError();
            }
        } else {
            body = text.getBytes(StandardCharsets.UTF_8);
        }
        return new Response(status, headers, cookies, body);
    }

    private static Response json(int status, byte[] body) {
        return new Response(status, Map.of("Content-Type", List.of("application/json")), List.of(), body);
    }

    private static Response albBadGateway() {
        return new Response(502, Map.of("Content-Type", List.of("text/html")), List.of(), ALB_502);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The body as text when it travels as text: a textual content type, or none and valid UTF-8.
     * Anything else is base64-encoded, as the gateways do for binary media.
     */
    static String textOrNull(byte[] body, String contentType) {
        if (contentType != null && !HttpResponse.isTextual(contentType)) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** {@code content-type} as {@code Content-Type}. */
    static String canonical(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return sb.toString();
    }

    private static String prefix(String host) {
        int dot = host.indexOf('.');
        return dot > 0 ? host.substring(0, dot) : host;
    }

    private static String first(Map<String, List<String>> headers, String name, String fallback) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(0);
    }

    /** The query's pairs in order, names and values decoded or as sent. */
    private static Map<String, List<String>> parseQuery(String raw, boolean decode) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.computeIfAbsent(decode ? decode(name) : name, k -> new ArrayList<>()).add(decode ? decode(value) : value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}

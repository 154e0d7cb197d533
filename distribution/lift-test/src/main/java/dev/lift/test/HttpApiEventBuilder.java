package dev.lift.test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An API Gateway HTTP API request, payload format 2.0 (also what Lambda function URLs send):
 * lower-case header names with repeated values comma-joined, a {@code cookies} array, the raw
 * path and query string, and a base64 body for binary content.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class HttpApiEventBuilder extends HttpEventBuilder<HttpApiEventBuilder> {

    /** API Gateway's {@code requestContext.time} format, for example {@code 12/Mar/2020:19:03:58 +0000}. */
    static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final Map<String, Object> jwtClaims = new LinkedHashMap<>();

    HttpApiEventBuilder(String method, String path) {
        super(method, path);
    }

    /** A JWT authorizer claim, as {@code requestContext.authorizer.jwt.claims} carries it. */
    public HttpApiEventBuilder claim(String name, Object value) {
        jwtClaims.put(name, value);
        return this;
    }

    @Override
    public ObjectNode toJsonTree() {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", "$default");
        e.put("rawPath", path);
        e.put("rawQueryString", rawQueryString());
        if (!cookies.isEmpty()) {
            ArrayNode c = e.putArray("cookies");
            cookies.forEach(c::add);
        }
        ObjectNode h = e.putObject("headers");
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String joined = String.join(",", header.getValue());
            h.put(name, h.has(name) ? h.get(name).asText() + "," + joined : joined);
        }
        if (!query.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            for (Map.Entry<String, String> p : query) {
                q.put(p.getKey(), q.has(p.getKey()) ? q.get(p.getKey()).asText() + "," + p.getValue() : p.getValue());
            }
        }
        ObjectNode rc = e.putObject("requestContext");
        rc.put("accountId", Events.ACCOUNT);
        rc.put("apiId", "api-id");
        if (!jwtClaims.isEmpty()) {
            ObjectNode jwt = rc.putObject("authorizer").putObject("jwt");
            jwt.set("claims", Json.mapper().valueToTree(jwtClaims));
            jwt.putArray("scopes");
        }
        rc.put("domainName", "api-id.execute-api." + Events.REGION + ".amazonaws.com");
        rc.put("domainPrefix", "api-id");
        ObjectNode http = rc.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", sourceIp);
        List<String> agent = headers.get("user-agent");
        http.put("userAgent", agent == null ? "" : agent.get(0));
        rc.put("requestId", requestId);
        rc.put("routeKey", "$default");
        rc.put("stage", "$default");
        rc.put("time", CLF.format(time.atOffset(ZoneOffset.UTC)));
        rc.put("timeEpoch", time.toEpochMilli());
        String b = bodyField();
        if (b != null) {
            e.put("body", b);
        }
        if (!pathParameters.isEmpty()) {
            e.set("pathParameters", Json.mapper().valueToTree(pathParameters));
        }
        e.put("isBase64Encoded", base64);
        if (!stageVariables.isEmpty()) {
            e.set("stageVariables", Json.mapper().valueToTree(stageVariables));
        }
        return e;
    }
}

package dev.lift.test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An Application Load Balancer request to a Lambda target: lower-case {@code headers} and
 * URL-encoded {@code queryStringParameters} with the last value of each, or, when the target group
 * has multi-value headers on ({@link #multiValue()}), {@code multiValueHeaders} and
 * {@code multiValueQueryStringParameters} with all of them. The body is always present ({@code ""}
 * when empty).
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class AlbEventBuilder extends HttpEventBuilder<AlbEventBuilder> {

    private boolean multiValue;

    AlbEventBuilder(String method, String path) {
        super(method, path);
    }

    /** The target group has multi-value headers enabled. */
    public AlbEventBuilder multiValue() {
        this.multiValue = true;
        return this;
    }

    @Override
    public ObjectNode toJsonTree() {
        ObjectNode e = Json.mapper().createObjectNode();
        e.putObject("requestContext").putObject("elb").put("targetGroupArn",
                "arn:aws:elasticloadbalancing:" + Events.REGION + ":" + Events.ACCOUNT + ":targetgroup/lift/0123456789abcdef");
        e.put("httpMethod", method);
        e.put("path", path);
        List<Map.Entry<String, List<String>>> allHeaders = new ArrayList<>();
        headers.forEach((k, v) -> allHeaders.add(Map.entry(k.toLowerCase(Locale.ROOT), v)));
        if (!cookies.isEmpty()) {
            allHeaders.add(Map.entry("cookie", List.of(String.join("; ", cookies))));
        }
        if (multiValue) {
            ObjectNode q = e.putObject("multiValueQueryStringParameters");
            for (Map.Entry<String, String> p : query) {
                String name = encode(p.getKey());
                (q.has(name) ? (ArrayNode) q.get(name) : q.putArray(name)).add(encode(p.getValue()));
            }
            ObjectNode h = e.putObject("multiValueHeaders");
            for (Map.Entry<String, List<String>> header : allHeaders) {
                ArrayNode values = h.has(header.getKey()) ? (ArrayNode) h.get(header.getKey()) : h.putArray(header.getKey());
                header.getValue().forEach(values::add);
            }
        } else {
            ObjectNode q = e.putObject("queryStringParameters");
            for (Map.Entry<String, String> p : query) {
                q.put(encode(p.getKey()), encode(p.getValue()));
            }
            ObjectNode h = e.putObject("headers");
            for (Map.Entry<String, List<String>> header : allHeaders) {
                h.put(header.getKey(), header.getValue().get(header.getValue().size() - 1));
            }
        }
        String b = bodyField();
        e.put("body", b == null ? "" : b);
        e.put("isBase64Encoded", base64);
        return e;
    }

    // ALB passes query values on as they arrived, percent-encoded.
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.lift.test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.Json;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An API Gateway REST API proxy request, payload format 1.0: {@code headers} with the last value
 * of each header and {@code multiValueHeaders} with all, the same for query parameters, the
 * stage in {@code requestContext}, and {@code isBase64Encoded} for binary bodies.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class RestApiEventBuilder extends HttpEventBuilder<RestApiEventBuilder> {

    private String stage = "prod";
    private String resource;

    RestApiEventBuilder(String method, String path) {
        super(method, path);
    }

    /** The deployment stage (default {@code prod}). */
    public RestApiEventBuilder stage(String stage) {
        this.stage = stage;
        return this;
    }

    /** The API resource template, for example {@code /todos/{id}} (default: the path). */
    public RestApiEventBuilder resource(String template) {
        this.resource = template;
        return this;
    }

    @Override
    public ObjectNode toJsonTree() {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("resource", resource == null ? path : resource);
        e.put("path", path);
        e.put("httpMethod", method);
        List<String> cookieHeader = new ArrayList<>();
        if (!cookies.isEmpty()) {
            cookieHeader.add(String.join("; ", cookies));
        }
        ObjectNode h = e.putObject("headers");
        ObjectNode mh = e.putObject("multiValueHeaders");
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            h.put(header.getKey(), header.getValue().get(header.getValue().size() - 1));
            ArrayNode all = mh.putArray(header.getKey());
            header.getValue().forEach(all::add);
        }
        if (!cookieHeader.isEmpty()) {
            h.put("Cookie", cookieHeader.get(0));
            mh.putArray("Cookie").add(cookieHeader.get(0));
        }
        if (query.isEmpty()) {
            e.set("queryStringParameters", NullNode.getInstance());
            e.set("multiValueQueryStringParameters", NullNode.getInstance());
        } else {
            ObjectNode q = e.putObject("queryStringParameters");
            ObjectNode mq = e.putObject("multiValueQueryStringParameters");
            for (Map.Entry<String, String> p : query) {
                q.put(p.getKey(), p.getValue());
                (mq.has(p.getKey()) ? (ArrayNode) mq.get(p.getKey()) : mq.putArray(p.getKey())).add(p.getValue());
            }
        }
        e.set("pathParameters", pathParameters.isEmpty() ? NullNode.getInstance() : Json.mapper().valueToTree(pathParameters));
        e.set("stageVariables", stageVariables.isEmpty() ? NullNode.getInstance() : Json.mapper().valueToTree(stageVariables));
        ObjectNode rc = e.putObject("requestContext");
        rc.put("accountId", Events.ACCOUNT);
        rc.put("resourceId", "resource-id");
        rc.put("stage", stage);
        rc.put("requestId", requestId);
        rc.put("requestTime", HttpApiEventBuilder.CLF.format(time.atOffset(ZoneOffset.UTC)));
        rc.put("requestTimeEpoch", time.toEpochMilli());
        ObjectNode identity = rc.putObject("identity");
        identity.put("sourceIp", sourceIp);
        List<String> agent = headers.get("user-agent");
        identity.put("userAgent", agent == null ? null : agent.get(0));
        rc.put("path", "/" + stage + path);
        rc.put("resourcePath", resource == null ? path : resource);
        rc.put("httpMethod", method);
        rc.put("apiId", "api-id");
        rc.put("protocol", "HTTP/1.1");
        String b = bodyField();
        if (b == null) {
            e.set("body", NullNode.getInstance());
        } else {
            e.put("body", b);
        }
        e.put("isBase64Encoded", base64);
        return e;
    }
}

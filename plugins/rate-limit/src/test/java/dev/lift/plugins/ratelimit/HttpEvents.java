package dev.lift.plugins.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Json;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.testsupport.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** HTTP API requests made from the real sample event, changed where a test says, and their answers. */
final class HttpEvents {

    private static final AtomicInteger IDS = new AtomicInteger();

    private HttpEvents() {
    }

    /** The sample HTTP API event with this method, path, source address and extra headers, no JWT claims. */
    static ObjectNode request(String method, String path, String sourceIp, Map<String, String> headers) {
        ObjectNode e = Fixtures.event("apigw_http_event.json");
        e.put("rawPath", path).put("rawQueryString", "");
        e.remove("queryStringParameters");
        e.remove("cookies");
        ObjectNode h = e.putObject("headers");
        headers.forEach(h::put);
        ObjectNode rc = (ObjectNode) e.get("requestContext");
        rc.remove("authorizer");
        ((ObjectNode) rc.get("http")).put("method", method).put("path", path).put("sourceIp", sourceIp);
        return e;
    }

    /** The same request carrying claims a gateway JWT authorizer verified. */
    static ObjectNode withClaims(ObjectNode e, Map<String, String> claims) {
        ObjectNode c = ((ObjectNode) e.get("requestContext")).putObject("authorizer").putObject("jwt").putObject("claims");
        claims.forEach(c::put);
        return e;
    }

    /** Invokes the kernel as Lambda would and parses the proxy response. */
    static JsonNode invoke(LiftKernel kernel, JsonNode event) {
        LambdaRequest request = new LambdaRequest("req-" + IDS.incrementAndGet(), System.currentTimeMillis() + 60_000,
                "arn:aws:lambda:eu-central-1:123456789012:function:shop", null, "shop", "$LATEST", 512);
        try {
            return Json.mapper().readTree(new String(kernel.invoke(Fixtures.bytes(event), request), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

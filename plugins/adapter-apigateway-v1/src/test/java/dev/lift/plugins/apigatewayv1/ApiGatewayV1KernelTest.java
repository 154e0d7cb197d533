package dev.lift.plugins.apigatewayv1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.TestApp;
import org.junit.jupiter.api.Test;

/** REST API requests routed by a real kernel: a path is decoded exactly once, and %2F stays in its segment. */
class ApiGatewayV1KernelTest {

    private final LiftKernel kernel = Lift.builder().discover(false).plugin(new ApiGatewayV1Adapter())
            .plugin(new TestApp(r -> r
                    .get("/files/{name}", (req, ctx) -> "file " + req.pathParam("name").orElseThrow())
                    .get("/files/{dir}/{name}", (req, ctx) -> "dir " + req.pathParam("dir").orElseThrow() + " file "
                            + req.pathParam("name").orElseThrow()))).build();

    private String body(String rawPath) {
        ObjectNode e = Fixtures.event("apigw_rest_event.json");
        e.put("path", rawPath);
        e.put("resource", "/files/{proxy+}");
        ((ObjectNode) e.get("requestContext")).put("path", rawPath);
        e.remove("pathParameters");
        e.remove("queryStringParameters");
        e.remove("multiValueQueryStringParameters");
        JsonNode response = Fixtures.parse(Fixtures.utf8(kernel.invoke(Fixtures.bytes(e))));
        return response.get("statusCode").asInt() + " " + response.get("body").asText();
    }

    @Test
    void anEncodedSlashIsPartOfOneParameterAndNeverSplitsThePath() {
        assertEquals("200 file a/b", body("/files/a%2Fb"));
        assertEquals("200 dir a file b", body("/files/a/b"));
    }

    @Test
    void aDoubleEncodedSpaceIsDecodedOnceNotTwice() {
        assertEquals("200 file 100%20", body("/files/100%2520"));
        assertEquals("200 file a b", body("/files/a%20b"));
    }
}

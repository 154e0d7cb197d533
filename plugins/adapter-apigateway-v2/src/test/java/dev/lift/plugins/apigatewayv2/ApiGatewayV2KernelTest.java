package dev.lift.plugins.apigatewayv2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;

/** The sample HTTP API event through a real kernel, from event bytes to response bytes. */
class ApiGatewayV2KernelTest {

    /** Answers {@code POST /my/path} with what it read from the request. */
    static final class EchoApp implements LiftApplication {
        @Override
        public String id() {
            return "echo-app";
        }

        @Override
        public void configure(Routes routes) {
            routes.post("/my/path", (req, ctx) -> HttpResponse.status(201)
                    .header("X-Param", String.join("|", req.queryParams("parameter1")))
                    .header("X-Claim", String.valueOf(((java.util.Map<?, ?>) req.authorizer().get("claims")).get("claim1")))
                    .cookie("seen=" + String.join("+", req.cookies().keySet()))
                    .textBody(req.bodyText() + " via " + req.header("header2").orElse("?")));
            routes.get("/plain", (req, ctx) -> HttpResponse.text("plain"));
            routes.get("/files/{name}", (req, ctx) -> HttpResponse.text("name=" + req.pathParam("name").orElse("?")));
            routes.get("/claims", (req, ctx) -> HttpResponse.text(String.valueOf(req.authorizer())));
        }
    }

    private final LiftKernel kernel = Lift.builder().discover(false)
            .plugin(new ApiGatewayV2Adapter()).plugin(new EchoApp()).build();

    @AfterEach
    void close() {
        kernel.close();
    }

    @Test
    void theSampleEventReachesTheRouteAndTheResponseIsPayload20() {
        byte[] response = kernel.invoke(Fixtures.bytes("apigw_http_event.json"));
        assertEquals("{\"statusCode\":201,\"headers\":{\"content-type\":\"text/plain; charset=utf-8\","
                + "\"x-claim\":\"value1\",\"x-param\":\"value1|value2\"},"
                + "\"cookies\":[\"seen=cookie1+cookie2\"],"
                + "\"body\":\"Hello from Lambda!! via value1,value2\",\"isBase64Encoded\":false}",
                new String(response, StandardCharsets.UTF_8));
    }

    /** A client's {@code /files/a%2520b%2Bc} reaches the handler decoded once, through either source. */
    @Test
    void aPathParameterIsDecodedExactlyOnce() {
        String httpApi = "{\"version\":\"2.0\",\"rawPath\":\"/files/a%20b+c\",\"requestContext\":{"
                + "\"domainName\":\"id.execute-api.us-east-1.amazonaws.com\",\"http\":{\"method\":\"GET\"}}}";
        String functionUrl = "{\"version\":\"2.0\",\"rawPath\":\"/files/a%2520b%2Bc\",\"requestContext\":{"
                + "\"domainName\":\"abcdefgh.lambda-url.us-east-1.on.aws\",\"http\":{\"method\":\"GET\"}}}";
        for (String event : new String[] {httpApi, functionUrl}) {
            assertEquals("{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain; charset=utf-8\"},"
                    + "\"body\":\"name=a%20b+c\",\"isBase64Encoded\":false}",
                    new String(kernel.invoke(event.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anUnknownPathIsA404Problem() {
        String event = new String(Fixtures.bytes("apigw_http_event.json"), StandardCharsets.UTF_8)
                .replace("\"rawPath\": \"/my/path\"", "\"rawPath\": \"/nowhere\"");
        byte[] response = kernel.invoke(event.getBytes(StandardCharsets.UTF_8), new LambdaRequest("req-404",
                System.currentTimeMillis() + 10_000, "arn:aws:lambda:us-east-1:123456789012:function:f", null, "f",
                "$LATEST", 512));
        assertEquals("{\"statusCode\":404,\"headers\":{\"content-type\":\"application/json\"},"
                + "\"body\":\"{\\\"status\\\":404,\\\"error\\\":\\\"Not Found\\\","
                + "\\\"detail\\\":\\\"No route matches POST /nowhere\\\","
                + "\\\"requestId\\\":\\\"req-404\\\"}\",\"isBase64Encoded\":false}",
                new String(response, StandardCharsets.UTF_8));
    }

    /** The authorizer is decoded when a handler reads it, so a broken one only fails the routes that read it. */
    @Test
    void aMalformedAuthorizerIsA400ForTheRouteThatReadsItAndIgnoredByOneThatDoesNot() {
        String plain = "{\"version\":\"2.0\",\"rawPath\":\"/plain\",\"requestContext\":{\"requestId\":\"g-1\","
                + "\"http\":{\"method\":\"GET\"},\"authorizer\":\"not an object\"}}";
        assertEquals("{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain; charset=utf-8\"},"
                + "\"body\":\"plain\",\"isBase64Encoded\":false}",
                new String(kernel.invoke(plain.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));

        String claims = plain.replace("/plain", "/claims");
        String response = new String(kernel.invoke(claims.getBytes(StandardCharsets.UTF_8), new LambdaRequest("req-400",
                System.currentTimeMillis() + 10_000, "arn:aws:lambda:us-east-1:123456789012:function:f", null, "f",
                "$LATEST", 512)), StandardCharsets.UTF_8);
        assertEquals("{\"statusCode\":400,\"headers\":{\"content-type\":\"application/json\"},"
                + "\"body\":\"{\\\"status\\\":400,\\\"error\\\":\\\"Bad Request\\\","
                + "\\\"detail\\\":\\\"The API Gateway HTTP API event is malformed: requestContext.authorizer must be an object, was a string\\\","
                + "\\\"requestId\\\":\\\"req-400\\\"}\",\"isBase64Encoded\":false}",
                response);
    }
}

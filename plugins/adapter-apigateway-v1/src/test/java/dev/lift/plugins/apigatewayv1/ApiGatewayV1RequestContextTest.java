package dev.lift.plugins.apigatewayv1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpRequest;
import dev.lift.plugins.testsupport.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST API's requestContext ids and the authorizer's output by kind. */
class ApiGatewayV1RequestContextTest {

    private final ApiGatewayV1Adapter adapter = new ApiGatewayV1Adapter();

    @Test
    void theSampleEventsRequestContextIsExposed() {
        HttpRequest r = adapter.decode(Fixtures.json("apigw_rest_event_with_body.json"));
        assertEquals(new HttpRequest.GatewayContext("123456789012", "1234567890", "123456", "/{proxy+}",
                "/prod/path/to/resource", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", null, null),
                r.gatewayContext().orElseThrow());

        HttpRequest other = adapter.decode(Fixtures.json("apigw_rest_event.json"));
        assertEquals(new HttpRequest.GatewayContext("123456789012", "id", null, "/my/path", "/my/path", "id=",
                "request-id", "id.execute-api.us-east-1.amazonaws.com"), other.gatewayContext().orElseThrow());
    }

    @Test
    void anEventWithoutRequestContextHasNone() {
        HttpRequest r = adapter.decode(Fixtures.parse("{\"httpMethod\":\"GET\",\"path\":\"/\",\"requestContext\":{}}"));
        assertEquals(new HttpRequest.GatewayContext(null, null, null, null, null, null, null, null),
                r.gatewayContext().orElseThrow());
        assertTrue(adapter.decode(Fixtures.parse("{\"httpMethod\":\"GET\",\"path\":\"/\"}")).gatewayContext().isEmpty());
    }

    @Test
    void nullClaimsAndScopesOfTheSampleEventAreNoAuthorization() {
        HttpRequest r = adapter.decode(Fixtures.json("apigw_rest_event.json"));
        assertEquals(Map.of(), r.jwtClaims());
        assertEquals(List.of(), r.jwtScopes());
        assertEquals(Map.of(), r.lambdaAuthorizerContext());
        assertEquals(Map.of(), r.iamIdentity());
    }

    @Test
    void cognitoClaimsAreJwtClaims() {
        ObjectNode e = Fixtures.event("apigw_rest_event.json");
        ObjectNode authorizer = ((ObjectNode) e.get("requestContext")).putObject("authorizer");
        authorizer.putObject("claims").put("sub", "u-1").put("email", "a@example.com");
        authorizer.putArray("scopes").add("orders/read");
        HttpRequest r = adapter.decode(e);
        assertEquals(Map.of("sub", "u-1", "email", "a@example.com"), r.jwtClaims());
        assertEquals(List.of("orders/read"), r.jwtScopes());
        assertEquals(Map.of(), r.lambdaAuthorizerContext());
        assertEquals(Map.of("claims", Map.of("sub", "u-1", "email", "a@example.com"), "scopes", List.of("orders/read")),
                r.authorizer());
    }

    @Test
    void aLambdaAuthorizersOutputIsItsContext() {
        ObjectNode e = Fixtures.event("apigw_rest_event.json");
        ((ObjectNode) e.get("requestContext")).putObject("authorizer")
                .put("principalId", "user-7").put("tenant", "acme").put("integrationLatency", 12);
        HttpRequest r = adapter.decode(e);
        assertEquals(Map.of("principalId", "user-7", "tenant", "acme", "integrationLatency", 12),
                r.lambdaAuthorizerContext());
        assertEquals(Map.of(), r.jwtClaims());
    }
}

package dev.lift.plugins.apigatewayv2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpRequest;
import dev.lift.plugins.testsupport.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JWT, Lambda and IAM authorizer output kept apart, and the requestContext ids. */
class ApiGatewayV2AuthorizerTest {

    private final ApiGatewayV2Adapter adapter = new ApiGatewayV2Adapter();

    /** The sample event with an empty {@code requestContext.authorizer} for the test to fill. */
    private static ObjectNode withEmptyAuthorizer() {
        ObjectNode e = Fixtures.event("apigw_http_event.json");
        ((ObjectNode) e.get("requestContext")).putObject("authorizer");
        return e;
    }

    private static ObjectNode authorizerOf(ObjectNode event) {
        return (ObjectNode) event.get("requestContext").get("authorizer");
    }

    @Test
    void theSampleEventsJwtClaimsAndScopes() {
        HttpRequest r = adapter.decode(Fixtures.json("apigw_http_event.json"));
        assertEquals(Map.of("claim1", "value1", "claim2", "value2"), r.jwtClaims());
        assertEquals(List.of("scope1", "scope2"), r.jwtScopes());
        assertEquals(Map.of(), r.lambdaAuthorizerContext());
        assertEquals(Map.of(), r.iamIdentity());
        // The merged view is unchanged.
        assertEquals(Map.of("claims", Map.of("claim1", "value1", "claim2", "value2"),
                "scopes", List.of("scope1", "scope2")), r.authorizer());
    }

    @Test
    void aLambdaAuthorizersContextIsKeptApart() {
        ObjectNode e = withEmptyAuthorizer();
        authorizerOf(e).putObject("lambda").put("userId", "u-1").put("tier", 3).put("admin", true);
        HttpRequest r = adapter.decode(e);
        assertEquals(Map.of("userId", "u-1", "tier", 3, "admin", true), r.lambdaAuthorizerContext());
        assertEquals(Map.of(), r.jwtClaims());
        assertEquals(List.of(), r.jwtScopes());
        assertEquals(Map.of(), r.iamIdentity());
        assertEquals(Map.of("userId", "u-1", "tier", 3, "admin", true), r.authorizer());
    }

    @Test
    void anIamCallerIsKeptApart() {
        ObjectNode e = withEmptyAuthorizer();
        authorizerOf(e).putObject("iam").put("accessKey", "AKIA0000").put("accountId", "111122223333")
                .put("userArn", "arn:aws:iam::111122223333:user/ops").putNull("cognitoIdentity");
        HttpRequest r = adapter.decode(e);
        Map<String, Object> iam = new java.util.HashMap<>();
        iam.put("accessKey", "AKIA0000");
        iam.put("accountId", "111122223333");
        iam.put("userArn", "arn:aws:iam::111122223333:user/ops");
        iam.put("cognitoIdentity", null);
        assertEquals(iam, r.iamIdentity());
        assertEquals(Map.of(), r.lambdaAuthorizerContext());
        assertEquals(Map.of(), r.jwtClaims());
    }

    @Test
    void noAuthorizerMeansEmpty() {
        ObjectNode e = Fixtures.event("apigw_http_event.json");
        ((ObjectNode) e.get("requestContext")).remove("authorizer");
        HttpRequest r = adapter.decode(e);
        assertEquals(Map.of(), r.jwtClaims());
        assertEquals(List.of(), r.jwtScopes());
        assertEquals(Map.of(), r.lambdaAuthorizerContext());
        assertEquals(Map.of(), r.iamIdentity());
    }

    @Test
    void theSampleEventsRequestContextIds() {
        HttpRequest r = adapter.decode(Fixtures.json("apigw_http_event.json"));
        assertEquals(new HttpRequest.GatewayContext("123456789012", "api-id", null, null, "/my/path", "id", null,
                "id.execute-api.us-east-1.amazonaws.com"), r.gatewayContext().orElseThrow());
    }
}

package dev.lift.plugins.awsevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.plugins.testsupport.Fixtures;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API Gateway (HTTP, REST, WebSocket) and ALB requests, as the AWS types a user reads. */
class HttpEventConversionTest {

    private final AwsEventsConverter converter = new AwsEventsConverter();

    @Test
    void httpApiEventKeepsRawPathCookiesHeadersAndRequestContext() {
        APIGatewayV2HTTPEvent e = converter.convert(Fixtures.event("apigw_http_event.json"), APIGatewayV2HTTPEvent.class);

        assertEquals("2.0", e.getVersion());
        assertEquals("$default", e.getRouteKey());
        assertEquals("/my/path", e.getRawPath());
        assertEquals("parameter1=value1&parameter1=value2&parameter2=value", e.getRawQueryString());
        assertEquals(List.of("cookie1", "cookie2"), e.getCookies());
        assertEquals(Map.of("Header1", "value1", "Header2", "value1,value2"), e.getHeaders(),
                "header names are kept exactly as sent; only property names are matched regardless of case");
        assertEquals(Map.of("parameter1", "value1,value2", "parameter2", "value"), e.getQueryStringParameters());
        assertEquals(Map.of("parameter1", "value1"), e.getPathParameters());
        assertEquals(Map.of("stageVariable1", "value1", "stageVariable2", "value2"), e.getStageVariables());
        assertEquals("Hello from Lambda!!", e.getBody());
        assertFalse(e.getIsBase64Encoded());

        APIGatewayV2HTTPEvent.RequestContext rc = e.getRequestContext();
        assertEquals("123456789012", rc.getAccountId());
        assertEquals("api-id", rc.getApiId());
        assertEquals("id.execute-api.us-east-1.amazonaws.com", rc.getDomainName());
        assertEquals("id", rc.getDomainPrefix());
        assertEquals("id", rc.getRequestId());
        assertEquals("$default", rc.getRouteKey());
        assertEquals("$default", rc.getStage());
        assertEquals("12/Mar/2020:19:03:58 +0000", rc.getTime());
        assertEquals(1583348638390L, rc.getTimeEpoch());
        assertEquals("POST", rc.getHttp().getMethod());
        assertEquals("/my/path", rc.getHttp().getPath());
        assertEquals("HTTP/1.1", rc.getHttp().getProtocol());
        assertEquals("IP", rc.getHttp().getSourceIp());
        assertEquals("agent", rc.getHttp().getUserAgent());
        assertEquals(Map.of("claim1", "value1", "claim2", "value2"), rc.getAuthorizer().getJwt().getClaims());
        assertEquals(List.of("scope1", "scope2"), rc.getAuthorizer().getJwt().getScopes());
    }

    @Test
    void base64BodiesStayEncodedAndAreFlagged() {
        String encoded = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        ObjectNode v2 = Fixtures.event("apigw_http_event.json").put("isBase64Encoded", true).put("body", encoded);
        ObjectNode v1 = Fixtures.event("apigw_rest_event.json").put("isBase64Encoded", true).put("body", encoded);
        ObjectNode alb = Fixtures.event("elb_event.json").put("isBase64Encoded", true).put("body", encoded);
        ObjectNode ws = Fixtures.event("apigw_websocket_event.json").put("isBase64Encoded", true).put("body", encoded);

        APIGatewayV2HTTPEvent httpApi = converter.convert(v2, APIGatewayV2HTTPEvent.class);
        APIGatewayProxyRequestEvent rest = converter.convert(v1, APIGatewayProxyRequestEvent.class);
        ApplicationLoadBalancerRequestEvent elb = converter.convert(alb, ApplicationLoadBalancerRequestEvent.class);
        APIGatewayV2WebSocketEvent webSocket = converter.convert(ws, APIGatewayV2WebSocketEvent.class);

        assertTrue(httpApi.getIsBase64Encoded());
        assertEquals(encoded, httpApi.getBody());
        assertEquals(Boolean.TRUE, rest.getIsBase64Encoded());
        assertEquals(encoded, rest.getBody());
        assertTrue(elb.getIsBase64Encoded());
        assertEquals(encoded, elb.getBody());
        assertTrue(webSocket.isIsBase64Encoded());
        assertEquals(encoded, webSocket.getBody());
    }

    @Test
    void restApiEventKeepsMultiValueHeadersQueryAndRequestContext() {
        APIGatewayProxyRequestEvent e = converter.convert(Fixtures.event("apigw_rest_event.json"),
                APIGatewayProxyRequestEvent.class);

        assertEquals("1.0", e.getVersion());
        assertEquals("/my/path", e.getResource());
        assertEquals("/my/path", e.getPath());
        assertEquals("GET", e.getHttpMethod());
        assertEquals(Map.of("Header1", "value1", "Header2", "value2"), e.getHeaders());
        assertEquals(Map.of("Header1", List.of("value1"), "Header2", List.of("value1", "value2"),
                "Header3", List.of("value1,value2")), e.getMultiValueHeaders());
        assertEquals(Map.of("parameter1", "value1", "parameter2", "value2"), e.getQueryStringParameters());
        assertEquals(Map.of("parameter1", List.of("value1"), "parameter2", List.of("value1", "value2")),
                e.getMultiValueQueryStringParameters());
        assertNull(e.getPathParameters());
        assertNull(e.getStageVariables());
        assertEquals("Hello from Lambda!", e.getBody());
        assertEquals(Boolean.FALSE, e.getIsBase64Encoded());

        APIGatewayProxyRequestEvent.ProxyRequestContext rc = e.getRequestContext();
        assertEquals("123456789012", rc.getAccountId());
        assertEquals("id", rc.getApiId());
        assertEquals("$default", rc.getStage());
        assertEquals("id=", rc.getRequestId());
        assertEquals("request-id", rc.getExtendedRequestId());
        assertEquals("GET", rc.getHttpMethod());
        assertEquals("/my/path", rc.getPath());
        assertEquals("/my/path", rc.getResourcePath());
        assertNull(rc.getResourceId());
        assertEquals("HTTP/1.1", rc.getProtocol());
        assertEquals("04/Mar/2020:19:15:17 +0000", rc.getRequestTime());
        assertEquals(1583349317135L, rc.getRequestTimeEpoch());
        assertEquals("id.execute-api.us-east-1.amazonaws.com", rc.getDomainName());
        Map<String, Object> nullClaims = new HashMap<>();
        nullClaims.put("claims", null);
        nullClaims.put("scopes", null);
        assertEquals(nullClaims, rc.getAuthorizer());
        assertEquals("IP", rc.getIdentity().getSourceIp());
        assertEquals("user-agent", rc.getIdentity().getUserAgent());
        assertNull(rc.getIdentity().getAccessKey());
    }

    @Test
    void restApiEventsWithAndWithoutBody() {
        APIGatewayProxyRequestEvent with = converter.convert(Fixtures.event("apigw_rest_event_with_body.json"),
                APIGatewayProxyRequestEvent.class);
        APIGatewayProxyRequestEvent without = converter.convert(Fixtures.event("apigw_rest_event_nobody.json"),
                APIGatewayProxyRequestEvent.class);

        assertEquals("{\"message\": \"Lambda rocks\"}", with.getBody());
        assertEquals("POST", with.getHttpMethod());
        assertEquals("/{proxy+}", with.getResource());
        assertEquals(Map.of("proxy", "/path/to/resource"), with.getPathParameters());
        assertEquals(Map.of("baz", "qux"), with.getStageVariables());
        assertEquals("prod", with.getRequestContext().getStage());
        assertEquals("/prod/path/to/resource", with.getRequestContext().getPath());
        assertEquals(1428582896000L, with.getRequestContext().getRequestTimeEpoch());
        assertEquals("Custom User Agent String", with.getHeaders().get("User-Agent"));
        assertEquals("", without.getBody());
    }

    @Test
    void albEventKeepsTargetGroupHeadersAndBody() {
        ApplicationLoadBalancerRequestEvent e = converter.convert(Fixtures.event("elb_event.json"),
                ApplicationLoadBalancerRequestEvent.class);

        assertEquals("arn:aws:elasticloadbalancing:us-east-1:XXXXXXXXXXX:targetgroup/sample/6d0ecf831eec9f09",
                e.getRequestContext().getElb().getTargetGroupArn());
        assertEquals("GET", e.getHttpMethod());
        assertEquals("/", e.getPath());
        assertEquals(Map.of(), e.getQueryStringParameters());
        assertEquals(12, e.getHeaders().size());
        assertEquals("name=value", e.getHeaders().get("cookie"));
        assertEquals("Root=1-5bdb40ca-556d8b0c50dc66f0511bf520", e.getHeaders().get("x-amzn-trace-id"));
        assertNull(e.getMultiValueHeaders(), "an ALB sends either headers or multiValueHeaders");
        assertEquals("Hello from ELB", e.getBody());
        assertFalse(e.getIsBase64Encoded());
    }

    @Test
    void albEventWithMultiValueHeadersKeepsEncodedQueryValues() {
        ObjectNode event = Fixtures.event("elb_event.json");
        event.remove("headers");
        event.remove("queryStringParameters");
        event.putObject("multiValueHeaders").putArray("set-cookie").add("a=1").add("b=2");
        event.putObject("multiValueQueryStringParameters").putArray("q").add("a%20b").add("c");

        ApplicationLoadBalancerRequestEvent e = converter.convert(event, ApplicationLoadBalancerRequestEvent.class);

        assertNull(e.getHeaders());
        assertEquals(Map.of("set-cookie", List.of("a=1", "b=2")), e.getMultiValueHeaders());
        assertEquals(Map.of("q", List.of("a%20b", "c")), e.getMultiValueQueryStringParameters(),
                "ALB query values arrive URL-encoded and are handed over as they arrived");
    }

    @Test
    void webSocketEventKeepsConnectionAndRouteDetails() {
        APIGatewayV2WebSocketEvent e = converter.convert(Fixtures.event("apigw_websocket_event.json"),
                APIGatewayV2WebSocketEvent.class);

        assertEquals("/", e.getResource());
        assertEquals("GET", e.getHttpMethod());
        assertEquals("dGhlIHNhbXBsZSBub25jZQ==", e.getHeaders().get("Sec-WebSocket-Key"));
        assertEquals(List.of("443"), e.getMultiValueHeaders().get("X-Forwarded-Port"));
        assertEquals(Map.of("param1", "value1"), e.getQueryStringParameters());
        assertEquals(Map.of("param1", List.of("value1")), e.getMultiValueQueryStringParameters());
        assertEquals(Map.of("proxy", "path/to/resource"), e.getPathParameters());
        assertEquals(Map.of("stageVar1", "value1"), e.getStageVariables());
        assertEquals("request body", e.getBody());
        assertFalse(e.isIsBase64Encoded());

        APIGatewayV2WebSocketEvent.RequestContext rc = e.getRequestContext();
        assertEquals("abc123=", rc.getConnectionId());
        assertEquals("CONNECT", rc.getEventType());
        assertEquals("$connect", rc.getRouteKey());
        assertEquals(1583348638390L, rc.getConnectedAt());
        assertEquals(1583348638390L, rc.getRequestTimeEpoch());
        assertEquals("msg-001", rc.getMessageId());
        assertEquals("IN", rc.getMessageDirection());
        assertEquals("prod", rc.getStage());
        assertEquals("abcdef1234", rc.getApiId());
        assertEquals("abcdef1234.execute-api.us-east-1.amazonaws.com", rc.getDomainName());
        assertEquals("200", rc.getStatus());
        assertEquals("100", rc.getIntegrationLatency());
        assertEquals("192.0.2.1", rc.getIdentity().getSourceIp());
        assertEquals("api-key-id", rc.getIdentity().getApiKey());
        assertEquals("arn:aws:iam::123456789012:user/testuser", rc.getIdentity().getUserArn());
    }
}

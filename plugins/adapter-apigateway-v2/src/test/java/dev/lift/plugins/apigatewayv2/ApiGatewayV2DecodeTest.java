package dev.lift.plugins.apigatewayv2;

import dev.lift.plugins.testsupport.TestPluginContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.EventKind;
import dev.lift.api.HttpRequest;
import dev.lift.api.LiftException;
import dev.lift.api.SettingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;

class ApiGatewayV2DecodeTest {

    private final ApiGatewayV2Adapter adapter = new ApiGatewayV2Adapter();

    private static ObjectNode event() {
        return (ObjectNode) Fixtures.json("apigw_http_event.json");
    }

    private static ObjectNode minimal(String method, String rawPath) {
        return (ObjectNode) Fixtures.parse("{\"version\":\"2.0\",\"rawPath\":\"" + rawPath + "\","
                + "\"requestContext\":{\"http\":{\"method\":\"" + method + "\"}}}");
    }

    @Test
    void identity() {
        assertEquals("adapter-apigateway-v2", adapter.id());
        assertEquals(320, adapter.order());
        assertEquals(EventKind.HTTP, adapter.kind());
    }

    @Test
    void matchesHttpApiEventsOnly() {
        assertTrue(adapter.matches(Fixtures.json("apigw_http_event.json")));
        assertFalse(adapter.matches(Fixtures.json("apigw_rest_event.json")));
        assertFalse(adapter.matches(Fixtures.json("apigw_rest_event_with_body.json")));
        assertFalse(adapter.matches(Fixtures.json("elb_event.json")));
        assertFalse(adapter.matches(Fixtures.json("apigw_websocket_event.json")));
        assertFalse(adapter.matches(Fixtures.json("sqs_event.json")));
        assertFalse(adapter.matches(Fixtures.parse("{\"version\":\"2.0\",\"requestContext\":{\"http\":\"GET\"}}")));
        assertFalse(adapter.matches(Fixtures.parse("[1,2]")));
        assertFalse(adapter.matches(null));
    }

    @Test
    void decodesEveryValueOfTheSampleEvent() {
        HttpRequest r = adapter.decode(event());

        assertEquals("adapter-apigateway-v2", r.source());
        assertEquals(EventKind.HTTP, r.kind());
        assertEquals("POST", r.method());
        assertEquals("/my/path", r.path());
        assertEquals("/my/path", r.rawPath());
        assertEquals("parameter1=value1&parameter1=value2&parameter2=value", r.rawQueryString());
        assertEquals(Map.of("parameter1", List.of("value1", "value2"), "parameter2", List.of("value")),
                r.queryParameters());
        assertEquals(List.of("parameter1", "parameter2"), List.copyOf(r.queryParameters().keySet()));
        assertEquals("value1", r.queryParam("parameter1").orElseThrow());
        assertEquals(List.of("value1", "value2"), r.queryParams("parameter1"));

        assertEquals("value1", r.header("header1").orElseThrow());
        assertEquals("value1", r.header("HEADER1").orElseThrow());
        // API Gateway joined the repeated header already; the value is kept as it arrived.
        assertEquals(List.of("value1,value2"), r.headers().all("Header2"));
        assertEquals(2, r.headers().size());

        assertEquals(Map.of("cookie1", "", "cookie2", ""), r.cookies());
        assertEquals(List.of("cookie1", "cookie2"), List.copyOf(r.cookies().keySet()));
        assertEquals("Hello from Lambda!!", r.bodyText());

        assertEquals(Map.of("claims", Map.of("claim1", "value1", "claim2", "value2"),
                "scopes", List.of("scope1", "scope2")), r.authorizer());
        assertEquals(Map.of("stageVariable1", "value1", "stageVariable2", "value2"), r.stageVariables());
        assertEquals(Map.of("parameter1", "value1"), r.pathParameters());
        assertEquals("IP", r.sourceIp().orElseThrow());
        assertEquals("$default", r.stage().orElseThrow());
        assertEquals("id", r.gatewayRequestId().orElseThrow());
        assertEquals(Map.of("apigw.routeKey", "$default", "apigw.domainName", "id.execute-api.us-east-1.amazonaws.com",
                "apigw.apiId", "api-id", "apigw.requestTimeEpoch", 1583348638390L), r.extras());
        assertTrue(r.route().isEmpty());
    }

    @Test
    void aFunctionUrlPathIsPercentDecodedButPlusStaysAndRawPathIsKept() {
        ObjectNode e = minimal("get", "/files/a%20b+c/%E2%82%AC/100%25/50%");
        ((ObjectNode) e.get("requestContext")).put("domainName", "abcdefgh.lambda-url.eu-west-1.on.aws");
        HttpRequest r = adapter.decode(e);
        assertEquals("GET", r.method());
        assertEquals("/files/a b+c/\u20ac/100%/50%", r.path());
        assertEquals("/files/a%20b+c/%E2%82%AC/100%25/50%", r.rawPath());
    }

    /** An HTTP API has decoded rawPath already: what looks like an escape in it is text. */
    @Test
    void anHttpApiPathIsNotDecodedAgain() {
        HttpRequest r = adapter.decode(minimal("get", "/files/a%20b+c/\u20ac/100%25"));
        assertEquals("/files/a%20b+c/\u20ac/100%25", r.path());
        assertEquals("/files/a%20b+c/\u20ac/100%25", r.rawPath());
    }

    @Test
    void queryValuesAreDecodedWithPlusAsSpaceAndEveryValueKept() {
        ObjectNode e = minimal("GET", "/search");
        e.put("rawQueryString", "q=a+b%2Bc&euro=%E2%82%AC&flag&x=1&&x=&bad=%zz&n%20m=v&x=3");
        HttpRequest r = adapter.decode(e);
        assertEquals("a b+c", r.queryParam("q").orElseThrow());
        assertEquals("\u20ac", r.queryParam("euro").orElseThrow());
        assertEquals(List.of(""), r.queryParams("flag"));
        assertEquals(List.of("1", "", "3"), r.queryParams("x"));
        assertEquals("%zz", r.queryParam("bad").orElseThrow());
        assertEquals("v", r.queryParam("n m").orElseThrow());
        assertEquals(List.of("q", "euro", "flag", "x", "bad", "n m"), List.copyOf(r.queryParameters().keySet()));
        assertEquals("q=a+b%2Bc&euro=%E2%82%AC&flag&x=1&&x=&bad=%zz&n%20m=v&x=3", r.rawQueryString());
    }

    @Test
    void withoutRawQueryStringTheParametersAreTakenWhole() {
        ObjectNode e = minimal("GET", "/");
        e.putObject("queryStringParameters").put("a", "1,2").put("b", "x y");
        HttpRequest r = adapter.decode(e);
        assertEquals(Map.of("a", List.of("1,2"), "b", List.of("x y")), r.queryParameters());
        assertEquals("", r.rawQueryString());
    }

    @Test
    void cookiesKeepEqualsSignsInValuesAndTheFirstOfARepeatedName() {
        ObjectNode e = minimal("GET", "/");
        e.putArray("cookies").add("session=abc=def").add(" theme = dark ").add("session=second").add("=nameless");
        HttpRequest r = adapter.decode(e);
        assertEquals(Map.of("session", "abc=def", "theme", "dark"), r.cookies());
        assertEquals("abc=def", r.cookie("session").orElseThrow());
    }

    @Test
    void withoutACookiesArrayTheCookieHeaderIsRead() {
        ObjectNode e = minimal("GET", "/");
        e.putObject("headers").put("cookie", "a=1; b=2");
        HttpRequest r = adapter.decode(e);
        assertEquals(Map.of("a", "1", "b", "2"), r.cookies());
    }

    @Test
    void base64BodyIsDecoded() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        ObjectNode e = event();
        e.put("isBase64Encoded", true);
        e.put("body", java.util.Base64.getEncoder().encodeToString(png));
        assertArrayEquals(png, adapter.decode(e).body());

        e.put("body", java.util.Base64.getEncoder().encodeToString("caf\u00e9".getBytes(StandardCharsets.UTF_8)));
        assertEquals("caf\u00e9", adapter.decode(e).bodyText());
    }

    @Test
    void badBase64IsA400ThatSaysSo() {
        ObjectNode e = event();
        e.put("isBase64Encoded", true);
        e.put("body", "not base64!");
        LiftException ex = assertThrows(LiftException.class, () -> adapter.decode(e));
        assertEquals(400, ex.status());
        assertEquals("The API Gateway HTTP API event is malformed: body is not valid base64", ex.detail());
    }

    @Test
    void lambdaAuthorizerContextAndIamAreExposed() {
        ObjectNode e = minimal("GET", "/");
        ObjectNode lambda = ((ObjectNode) e.get("requestContext")).putObject("authorizer").putObject("lambda");
        lambda.put("userId", "u-1").put("tier", 3).put("admin", true).putNull("nothing");
        lambda.putArray("roles").add("a").add("b");
        assertEquals(Map.of("userId", "u-1", "tier", 3, "admin", true, "roles", List.of("a", "b")),
                adapter.decode(e).authorizer());

        ObjectNode i = minimal("GET", "/");
        ((ObjectNode) i.get("requestContext")).putObject("authorizer").putObject("iam")
                .put("accountId", "123456789012").put("userArn", "arn:aws:iam::123456789012:user/alice");
        assertEquals(Map.of("iam", Map.of("accountId", "123456789012", "userArn", "arn:aws:iam::123456789012:user/alice")),
                adapter.decode(i).authorizer());
    }

    /** A Lambda function URL sends payload 2.0 too, with IAM auth and without a stage of its own. */
    @Test
    void decodesAFunctionUrlEvent() {
        HttpRequest r = adapter.decode(Fixtures.parse("{\"version\":\"2.0\",\"routeKey\":\"$default\","
                + "\"rawPath\":\"/orders/7\",\"rawQueryString\":\"expand=items&expand=customer\","
                + "\"cookies\":[\"session=s-1\"],\"headers\":{\"host\":\"abcdefgh.lambda-url.eu-west-1.on.aws\","
                + "\"content-type\":\"application/json\",\"x-forwarded-proto\":\"https\"},"
                + "\"queryStringParameters\":{\"expand\":\"items,customer\"},"
                + "\"requestContext\":{\"accountId\":\"anonymous\",\"apiId\":\"abcdefgh\","
                + "\"authorizer\":{\"iam\":{\"accountId\":\"111122223333\",\"userArn\":\"arn:aws:iam::111122223333:user/ops\"}},"
                + "\"domainName\":\"abcdefgh.lambda-url.eu-west-1.on.aws\",\"domainPrefix\":\"abcdefgh\","
                + "\"http\":{\"method\":\"PATCH\",\"path\":\"/orders/7\",\"protocol\":\"HTTP/1.1\","
                + "\"sourceIp\":\"198.51.100.7\",\"userAgent\":\"curl/8\"},\"requestId\":\"fn-req-1\","
                + "\"routeKey\":\"$default\",\"stage\":\"$default\",\"time\":\"01/Dec/2026:09:00:00 +0000\","
                + "\"timeEpoch\":1796115600000},"
                + "\"body\":\"eyJzdGF0dXMiOiJwYWlkIn0=\",\"isBase64Encoded\":true}"));
        assertEquals("PATCH", r.method());
        assertEquals("/orders/7", r.path());
        assertEquals(Map.of("expand", List.of("items", "customer")), r.queryParameters());
        assertEquals(Map.of("session", "s-1"), r.cookies());
        assertEquals("{\"status\":\"paid\"}", r.bodyText());
        assertEquals("198.51.100.7", r.sourceIp().orElseThrow());
        assertEquals("$default", r.stage().orElseThrow());
        assertEquals("fn-req-1", r.gatewayRequestId().orElseThrow());
        assertEquals(Map.of("iam", Map.of("accountId", "111122223333", "userArn", "arn:aws:iam::111122223333:user/ops")),
                r.authorizer());
        assertEquals("abcdefgh.lambda-url.eu-west-1.on.aws", r.extras().get("apigw.domainName"));
    }

    @Test
    void stageIsKeptInThePathByDefault() {
        ObjectNode e = minimal("GET", "/prod/items/1");
        ((ObjectNode) e.get("requestContext")).put("stage", "prod");
        HttpRequest r = adapter.decode(e);
        assertEquals("/prod/items/1", r.path());
        assertEquals("prod", r.stage().orElseThrow());
    }

    @Test
    void stripStageRemovesTheStagePrefixFromPathOnly() throws Exception {
        ApiGatewayV2Adapter stripping = new ApiGatewayV2Adapter();
        assertTrue(stripping.init(new TestPluginContext(stripping.id(), Map.of("strip-stage", "true"))));

        ObjectNode e = minimal("GET", "/prod/items/a%20b");
        ((ObjectNode) e.get("requestContext")).put("stage", "prod");
        HttpRequest r = stripping.decode(e);
        assertEquals("/items/a%20b", r.path());
        assertEquals("/prod/items/a%20b", r.rawPath());
        assertEquals(List.of("items", "a%20b"), r.pathSegments());

        e.put("rawPath", "/prod");
        assertEquals("/", stripping.decode(e).path());
        e.put("rawPath", "/production/items");
        assertEquals("/production/items", stripping.decode(e).path());
        e.put("rawPath", "/items");
        assertEquals("/items", stripping.decode(e).path());

        ObjectNode d = minimal("GET", "/$default/items");
        ((ObjectNode) d.get("requestContext")).put("stage", "$default");
        assertEquals("/$default/items", stripping.decode(d).path());
    }

    @Test
    void stripStageFalseIsTheSameAsUnset() throws Exception {
        ApiGatewayV2Adapter a = new ApiGatewayV2Adapter();
        a.init(new TestPluginContext(a.id(), Map.of("strip-stage", "FALSE")));
        ObjectNode e = minimal("GET", "/prod/items");
        ((ObjectNode) e.get("requestContext")).put("stage", "prod");
        assertEquals("/prod/items", a.decode(e).path());
    }

    @Test
    void aBadStripStageValueFailsInitNamingTheSetting() {
        ApiGatewayV2Adapter a = new ApiGatewayV2Adapter();
        SettingException ex = assertThrows(SettingException.class,
                () -> a.init(new TestPluginContext(a.id(), Map.of("strip-stage", "yes"))));
        assertEquals("Invalid setting lift.adapter-apigateway-v2.strip-stage (env LIFT_ADAPTER_APIGATEWAY_V2_STRIP_STAGE):"
                + " 'yes' is not allowed; expected true or false", ex.getMessage());
    }

    @Test
    void absentAndNullOptionalFieldsGetEmptyDefaults() {
        ObjectNode e = minimal("DELETE", "/x");
        e.putNull("headers");
        e.putNull("cookies");
        e.putNull("body");
        e.putNull("rawQueryString");
        e.putNull("isBase64Encoded");
        e.putNull("stageVariables");
        ((ObjectNode) e.get("requestContext")).putNull("authorizer").putNull("stage");
        HttpRequest r = adapter.decode(e);
        assertEquals("DELETE", r.method());
        assertEquals("/x", r.path());
        assertTrue(r.headers().isEmpty());
        assertTrue(r.cookies().isEmpty());
        assertEquals(0, r.body().length);
        assertEquals("", r.rawQueryString());
        assertTrue(r.queryParameters().isEmpty());
        assertTrue(r.authorizer().isEmpty());
        assertTrue(r.stageVariables().isEmpty());
        assertTrue(r.sourceIp().isEmpty());
        assertTrue(r.stage().isEmpty());
        assertTrue(r.gatewayRequestId().isEmpty());
        assertTrue(r.extras().isEmpty());
    }

    @Test
    void requestContextHttpPathStandsInForAMissingRawPath() {
        JsonNode e = Fixtures.parse("{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/a\"}}}");
        assertEquals("/a", adapter.decode(e).path());
    }

    @Test
    void malformedEventsAre400sNamingTheField() {
        assertMalformed("{\"version\":\"2.0\"}", "requestContext is missing");
        assertMalformed("{\"version\":\"2.0\",\"requestContext\":{}}", "requestContext.http is missing");
        assertMalformed("{\"version\":\"2.0\",\"requestContext\":{\"http\":[]}}",
                "requestContext.http must be an object, was an array");
        assertMalformed("{\"version\":\"2.0\",\"requestContext\":{\"http\":{}},\"rawPath\":\"/\"}",
                "requestContext.http.method is missing");
        assertMalformed("{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\" \"}},\"rawPath\":\"/\"}",
                "requestContext.http.method is empty");
        assertMalformed("{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}}",
                "rawPath is missing");
        assertMalformed("{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":7}},\"rawPath\":\"/\"}",
                "requestContext.http.method must be a string, was a number");
        assertMalformed(withField("headers", "[\"a\"]"), "headers must be an object, was an array");
        assertMalformed(withField("headers", "{\"a\":1}"), "headers.a must be a string, was a number");
        assertMalformed(withField("cookies", "[\"a=1\",2]"), "cookies[1] must be a string, was a number");
        assertMalformed(withField("cookies", "\"a=1\""), "cookies must be an array, was a string");
        assertMalformed(withField("isBase64Encoded", "\"true\""), "isBase64Encoded must be true or false, was a string");
        assertMalformed(withField("body", "{}"), "body must be a string, was an object");
        assertMalformed(withField("stageVariables", "{\"a\":null}"), "stageVariables.a must be a string, was null");
        assertMalformed("[]", "it is not a JSON object");
    }

    private static String withField(String name, String json) {
        return "{\"version\":\"2.0\",\"rawPath\":\"/\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\""
                + name + "\":" + json + "}";
    }

    private void assertMalformed(String json, String problem) {
        LiftException ex = assertThrows(LiftException.class, () -> adapter.decode(Fixtures.parse(json)), json);
        assertEquals(400, ex.status());
        assertEquals("The API Gateway HTTP API event is malformed: " + problem, ex.detail());
    }

    @Test
    void aNullEventIsA400NotANullPointerException() {
        LiftException ex = assertThrows(LiftException.class, () -> adapter.decode(null));
        assertEquals(400, ex.status());
    }
}

package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The request a handler sees, as an adapter builds it: every part, read-only, the costly ones built on first use. */
class HttpRequestTest {

    @Test
    void a_built_request_answers_every_part_it_was_given() {
        Map<String, List<String>> query = new HashMap<>(Map.of("page", new ArrayList<>(List.of("2", "3"))));
        HttpRequest r = HttpRequest.builder().source("adapter-apigateway-v2").method("post").path("orders/7")
                .rawPath("/orders/%37").rawQueryString("page=2&page=3").queryParameters(query)
                .headers(Headers.of(Map.of("Content-Type", "application/json")))
                .cookies(Map.of("session", "s-1")).body("{\"qty\":2}").sourceIp("203.0.113.9").stage("prod")
                .gatewayRequestId("gw-1").authorizer(Map.of("principalId", "u-1"))
                .stageVariables(Map.of("env", "prod")).extras(Map.of("routeKey", "POST /orders/{id}"))
                .pathParameters(Map.of("id", "7")).build();
        query.get("page").add("4"); // the request kept its own copy

        assertEquals(EventKind.HTTP, r.kind());
        assertEquals("adapter-apigateway-v2", r.source());
        assertEquals("POST", r.method());
        assertEquals("/orders/7", r.path());
        assertEquals("/orders/%37", r.rawPath());
        assertEquals(List.of("orders", "7"), r.pathSegments());
        assertEquals("page=2&page=3", r.rawQueryString());
        assertEquals(Optional.of("2"), r.queryParam("page"));
        assertEquals(List.of("2", "3"), r.queryParams("page"));
        assertEquals(List.of(), r.queryParams("absent"));
        assertEquals(Optional.empty(), r.queryParam("absent"));
        assertEquals(Map.of("page", List.of("2", "3")), r.queryParameters());
        assertEquals(Optional.of("application/json"), r.header("content-type"));
        assertEquals("application/json", r.headers().get("CONTENT-TYPE"));
        assertEquals(Optional.of("s-1"), r.cookie("session"));
        assertEquals(Map.of("session", "s-1"), r.cookies());
        assertEquals(Optional.empty(), r.cookie("absent"));
        assertEquals("{\"qty\":2}", r.bodyText());
        assertEquals(9, r.body().length);
        assertEquals(Optional.of("203.0.113.9"), r.sourceIp());
        assertEquals(Optional.of("prod"), r.stage());
        assertEquals(Optional.of("gw-1"), r.gatewayRequestId());
        assertEquals(Map.of("principalId", "u-1"), r.authorizer());
        assertEquals(Map.of("env", "prod"), r.stageVariables());
        assertEquals(Map.of("routeKey", "POST /orders/{id}"), r.extras());
        assertEquals(Optional.of("7"), r.pathParam("id"));
        assertEquals(Map.of("id", "7"), r.pathParameters());
        assertEquals(Optional.empty(), r.route());
        assertEquals(Optional.empty(), r.gatewayContext());
        assertEquals(Map.of(), r.jwtClaims());
        assertEquals("POST /orders/7?page=2&page=3", r.toString());
        record Qty(int qty) { }
        assertEquals(new Qty(2), r.bodyAs(Qty.class));
        assertEquals(new Qty(2), r.bodyAs(Json.mapper().readerFor(Qty.class)));
        assertThrows(UnsupportedOperationException.class, () -> r.queryParameters().get("page").add("x"));
        assertThrows(UnsupportedOperationException.class, () -> r.cookies().clear());
    }

    @Test
    void the_defaults_are_an_empty_get_of_the_root() {
        HttpRequest r = HttpRequest.builder().build();
        assertEquals("GET", r.method());
        assertEquals("/", r.path());
        assertEquals("/", r.rawPath());
        assertEquals(List.of(), r.pathSegments());
        assertEquals("", r.bodyText());
        assertEquals("GET /", r.toString());
        assertTrue(r.headers().isEmpty());
        assertEquals(Optional.empty(), r.sourceIp());
        assertEquals(Optional.empty(), r.stage());
        assertEquals(Optional.empty(), r.gatewayRequestId());
        assertEquals(Map.of(), r.authorizer());
        assertEquals(Map.of(), r.lambdaAuthorizerContext());
        assertEquals(Map.of(), r.iamIdentity());
        assertEquals(List.of(), r.jwtScopes());
        assertEquals("", HttpRequest.builder().rawQueryString(null).body((String) null).build().bodyText());
    }

    @Test
    void path_segments_ignore_the_leading_and_trailing_slashes_but_keep_empty_inner_ones() {
        assertEquals(List.of("a", "", "b"), HttpRequest.builder().path("/a//b/").build().pathSegments());
        assertEquals(List.of("x"), HttpRequest.builder().path("/x")
                .pathSegments(() -> List.of("x")).build().pathSegments());
    }

    @Test
    void lazy_parts_are_computed_once_on_first_use_and_never_when_unused() {
        AtomicInteger queries = new AtomicInteger();
        AtomicInteger claims = new AtomicInteger();
        HttpRequest.Builder b = HttpRequest.builder()
                .queryParameters(() -> {
                    queries.incrementAndGet();
                    return Map.of("q", List.of("1"));
                })
                .cookies(() -> Map.of("c", "1"))
                .authorizer(() -> Map.of("a", 1))
                .stageVariables(() -> Map.of("s", "1"))
                .extras(() -> Map.of("e", 1))
                .gatewayContext(() -> new HttpRequest.GatewayContext("123456789012", "api", "res", "/orders", "/prod/orders",
                        "req", "ext", "example.com"))
                .authorization(() -> {
                    claims.incrementAndGet();
                    return new HttpRequest.Authorization(Map.of("sub", "u-1"), List.of("read"), null, null);
                });
        HttpRequest r = b.build();
        assertEquals(0, queries.get());
        assertEquals(0, claims.get());

        assertEquals(Optional.of("1"), r.queryParam("q"));
        assertEquals(List.of("1"), r.queryParams("q"));
        assertEquals(Map.of("sub", "u-1"), r.jwtClaims());
        assertEquals(List.of("read"), r.jwtScopes());
        assertEquals(Map.of(), r.iamIdentity());
        assertEquals(1, queries.get());
        assertEquals(1, claims.get());
        assertEquals(Map.of("c", "1"), r.cookies());
        assertEquals(Map.of("a", 1), r.authorizer());
        assertEquals(Map.of("s", "1"), r.stageVariables());
        assertEquals(Map.of("e", 1), r.extras());
        assertEquals("api", r.gatewayContext().orElseThrow().apiId());
        assertEquals(Map.of(), HttpRequest.builder().authorization(() -> null).build().jwtClaims());
    }

    @Test
    void a_lambda_authorizer_may_return_null_values() {
        Map<String, Object> context = new HashMap<>();
        context.put("tenant", null);
        HttpRequest.Authorization a = new HttpRequest.Authorization(null, null, context, Map.of());
        assertTrue(a.lambdaContext().containsKey("tenant"));
        assertEquals(Map.of(), a.jwtClaims());
        assertThrows(UnsupportedOperationException.class, () -> a.lambdaContext().clear());
    }

    @Test
    void with_route_keeps_the_request_and_adds_the_template_and_parameters() {
        HttpRequest r = HttpRequest.builder().method("GET").path("/orders/7").build();
        HttpRequest routed = r.withRoute("/orders/{id}", Map.of("id", "7"));
        assertEquals(Optional.of("/orders/{id}"), routed.route());
        assertEquals(Optional.of("7"), routed.pathParam("id"));
        assertEquals("/orders/7", routed.path());
        assertEquals(Optional.empty(), r.route());
        assertThrows(NullPointerException.class, () -> r.withRoute(null, Map.of()));
    }

    @Test
    void a_path_parameter_that_is_not_one_segment_is_a_400() {
        for (String bad : List.of("..", ".", "", "a/b", "a\\b", "a\u0000")) {
            HttpRequest r = HttpRequest.builder().pathParameters(Map.of("file", bad)).build();
            LiftException e = assertThrows(LiftException.class, () -> r.safePathParam("file"), bad);
            assertEquals(400, e.status());
            assertEquals("The path parameter 'file' must be a single path segment", e.detail());
        }
        assertEquals(Optional.of("report.pdf"),
                HttpRequest.builder().pathParameters(Map.of("file", "report.pdf")).build().safePathParam("file"));
        assertFalse(HttpRequest.builder().build().safePathParam("file").isPresent());
    }
}

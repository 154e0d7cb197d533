package dev.lift.plugins.apigatewayv1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpRequest;
import dev.lift.api.LiftException;
import dev.lift.plugins.testsupport.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The query parameters, authorizer output, stage variables and extras of a REST API request are
 * built on first use: reading them again, or from several threads at once, gives the same values,
 * and a malformed event is still a 400 from {@code decode}, before anything has read them.
 */
class ApiGatewayV1LazyDecodingTest {

    private final ApiGatewayV1Adapter adapter = new ApiGatewayV1Adapter();

    /** The real sample event with a Lambda authorizer and stage variables. */
    private static ObjectNode sample() {
        ObjectNode e = Fixtures.event("apigw_rest_event.json");
        ObjectNode authorizer = ((ObjectNode) e.get("requestContext")).putObject("authorizer");
        authorizer.put("principalId", "user|a").put("tenant", "t-1");
        e.putObject("stageVariables").put("table", "items");
        return e;
    }

    @Test
    void aSecondReadGivesTheSameValues() {
        HttpRequest r = adapter.decode(sample());
        Map<String, List<String>> query = r.queryParameters();
        assertEquals(Map.of("parameter1", List.of("value1"), "parameter2", List.of("value1", "value2")), query);
        assertSame(query, r.queryParameters());
        assertEquals(Map.of("principalId", "user|a", "tenant", "t-1"), r.authorizer());
        assertSame(r.authorizer(), r.authorizer());
        assertEquals(Map.of("principalId", "user|a", "tenant", "t-1"), r.lambdaAuthorizerContext());
        assertEquals(Map.of("table", "items"), r.stageVariables());
        assertSame(r.stageVariables(), r.stageVariables());
        assertEquals(List.of("apigw.resource", "apigw.domainName", "apigw.apiId", "apigw.requestTimeEpoch",
                "apigw.identity"), List.copyOf(r.extras().keySet()));
        assertSame(r.extras(), r.extras());
    }

    /** Under {@code serve} or on Managed Instances a request may be read by several threads; each sees the whole value. */
    @Test
    void concurrentFirstReadsAllSeeTheSameValues() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                HttpRequest r = adapter.decode(sample());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> reads = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    reads.add(pool.submit(() -> {
                        start.await();
                        return r.queryParameters() + " " + r.authorizer() + " " + r.stageVariables() + " " + r.extras();
                    }));
                }
                start.countDown();
                for (Future<String> read : reads) {
                    assertEquals("{parameter1=[value1], parameter2=[value1, value2]} {principalId=user|a, tenant=t-1}"
                            + " {table=items} {apigw.resource=/my/path, apigw.domainName=id.execute-api.us-east-1."
                            + "amazonaws.com, apigw.apiId=id, apigw.requestTimeEpoch=1583349317135, "
                            + "apigw.identity={sourceIp=IP, userAgent=user-agent}}", read.get(30, TimeUnit.SECONDS));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedLazyPartsAre400sFromDecode() {
        ObjectNode stageVariables = Fixtures.event("apigw_rest_event.json");
        stageVariables.putObject("stageVariables").put("ok", "1").put("n", 2);
        assertMalformed(stageVariables, "stageVariables.n must be a string, was a number");

        ObjectNode notAnObject = Fixtures.event("apigw_rest_event.json");
        notAnObject.putArray("stageVariables");
        assertMalformed(notAnObject, "stageVariables must be an object, was an array");

        ObjectNode authorizer = Fixtures.event("apigw_rest_event.json");
        ((ObjectNode) authorizer.get("requestContext")).put("authorizer", "user");
        assertMalformed(authorizer, "requestContext.authorizer must be an object, was a string");

        ObjectNode query = Fixtures.event("apigw_rest_event.json");
        ((ObjectNode) query.get("queryStringParameters")).put("parameter3", true);
        assertMalformed(query, "queryStringParameters.parameter3 must be a string, was a boolean");

        ObjectNode header = Fixtures.event("apigw_rest_event.json");
        ((ObjectNode) header.get("multiValueHeaders")).putArray("Header4").add("a").addNull();
        assertMalformed(header, "multiValueHeaders.Header4[1] must be a string, was null");
    }

    private void assertMalformed(ObjectNode event, String problem) {
        LiftException ex = assertThrows(LiftException.class, () -> adapter.decode(event));
        assertEquals(400, ex.status());
        assertEquals("The API Gateway REST API event is malformed: " + problem, ex.detail());
    }
}

package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.spi.EventAdapter;
import dev.lift.api.Json;
import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import dev.lift.events.SqsMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * With every standard adapter installed, each real AWS sample event is claimed by the right
 * adapter, and an event that two adapters could claim goes to the one earlier in the documented
 * detection order (plugins/README.md).
 */
class AdapterDetectionOrderTest {

    private static final Path FIXTURES = Path.of(System.getProperty("lift.fixtures"));

    private static List<EventAdapter> installedAdapters() {
        List<EventAdapter> adapters = new ArrayList<>();
        ServiceLoader.load(EventAdapter.class).forEach(adapters::add);
        adapters.sort(Comparator.comparingInt(EventAdapter::order).thenComparing(EventAdapter::id));
        return adapters;
    }

    private static String claimant(List<EventAdapter> adapters, JsonNode event) {
        return adapters.stream().filter(a -> a.matches(event)).map(EventAdapter::id).findFirst().orElse("none");
    }

    private static JsonNode fixture(String name) throws Exception {
        return Json.mapper().readTree(FIXTURES.resolve(name).toFile());
    }

    /** The detection-order table of plugins/README.md: "order id" per row, in the table's order. */
    private static List<String> documentedOrder() throws Exception {
        Path readme = FIXTURES.getParent().getParent().getParent().getParent().getParent().resolve("plugins/README.md");
        java.util.regex.Pattern row = java.util.regex.Pattern.compile("^\\|\\s*(\\d+)\\s*\\|\\s*`([a-z0-9-]+)`\\s*\\|.*");
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(readme)) {
            java.util.regex.Matcher m = row.matcher(line);
            if (m.matches()) {
                rows.add(m.group(1) + " " + m.group(2));
            }
        }
        return rows;
    }

    @Test
    void theDocumentedOrderIsTheOrderTheKernelAsksTheInstalledAdapters() throws Exception {
        List<String> documented = documentedOrder();
        assertEquals(11, documented.size(), "rows found in plugins/README.md: " + documented);
        try (LiftKernel kernel = Lift.builder().environment(Cli.BOTH_APPS).build()) {
            List<String> installed = kernel.plugins().stream()
                    .filter(p -> p.kinds().contains("adapter"))
                    .map(p -> p.order() + " " + p.id()).toList();
            assertEquals(documented, installed);
        }
        assertEquals(documented, installedAdapters().stream().map(a -> a.order() + " " + a.id()).toList());
    }

    @Test
    void everySampleEventIsClaimedByTheRightAdapter() throws Exception {
        List<EventAdapter> adapters = installedAdapters();
        Map<String, String> expected = Map.ofEntries(
                Map.entry("apigw_http_event.json", "adapter-apigateway-v2"),
                Map.entry("apigw_rest_event.json", "adapter-apigateway-v1"),
                Map.entry("apigw_rest_event_with_body.json", "adapter-apigateway-v1"),
                Map.entry("apigw_rest_event_nobody.json", "adapter-apigateway-v1"),
                Map.entry("apigw_websocket_event.json", "adapter-websocket"),
                Map.entry("elb_event.json", "adapter-alb"),
                Map.entry("sqs_event.json", "adapter-sqs"),
                Map.entry("sqs_event_nobody.json", "adapter-sqs"),
                Map.entry("sns_event.json", "adapter-sns"),
                Map.entry("s3_event.json", "adapter-s3"),
                Map.entry("eventbridge_event.json", "adapter-eventbridge"),
                Map.entry("scheduled_event.json", "adapter-eventbridge-scheduled"),
                Map.entry("dynamodb_event.json", "adapter-dynamodb"),
                Map.entry("kinesis_event.json", "adapter-kinesis"));
        List<String> sampleFiles;
        try (var files = Files.list(FIXTURES)) {
            sampleFiles = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
        assertEquals(expected.keySet().stream().sorted().toList(), sampleFiles, "every sample event is covered");
        for (String file : sampleFiles) {
            assertEquals(expected.get(file), claimant(adapters, fixture(file)), file);
        }
    }

    @Test
    void anHttpEventBothAlbAndApiGatewayV2CouldClaimGoesToAlbWhichComesFirst() throws Exception {
        String event = "{\"version\":\"2.0\",\"rawPath\":\"/which\",\"httpMethod\":\"GET\",\"path\":\"/which\","
                + "\"headers\":{},\"queryStringParameters\":{},\"isBase64Encoded\":false,\"body\":\"\","
                + "\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/t/1\"},"
                + "\"http\":{\"method\":\"GET\",\"path\":\"/which\"}}}";
        JsonNode node = Json.mapper().readTree(event);
        List<EventAdapter> adapters = installedAdapters();
        EventAdapter alb = adapters.stream().filter(a -> a.id().equals("adapter-alb")).findFirst().orElseThrow();
        EventAdapter v2 = adapters.stream().filter(a -> a.id().equals("adapter-apigateway-v2")).findFirst().orElseThrow();
        assertTrue(alb.matches(node) && v2.matches(node), "both adapters could claim this event");

        LiftKernel kernel = kernel(adapters, r -> r.get("/which", (req, ctx) -> req.source()));
        JsonNode response = Json.mapper().readTree(kernel.invoke(event.getBytes(StandardCharsets.UTF_8)));
        assertEquals("adapter-alb", response.get("body").asText());
        assertEquals("200 OK", response.get("statusDescription").asText());
    }

    @Test
    void aRecordsEventThatAlsoLooksLikeEventBridgeGoesToSqsWhichComesFirst() throws Exception {
        JsonNode sqs = fixture("sqs_event.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) sqs).put("source", "com.example").put("detail-type", "x")
                .putObject("detail");
        List<EventAdapter> adapters = installedAdapters();
        assertTrue(adapters.stream().filter(a -> a.id().equals("adapter-eventbridge")).findFirst().orElseThrow()
                .matches(sqs), "EventBridge could claim this event too");
        List<String> handled = new CopyOnWriteArrayList<>();
        LiftKernel kernel = kernel(adapters, r -> r.onRecord(SqsMessage.queue("TestLambda"),
                (msg, ctx) -> handled.add(msg.messageId())));
        String response = new String(kernel.invoke(Json.mapper().writeValueAsBytes(sqs)), StandardCharsets.UTF_8);
        assertEquals("{\"batchItemFailures\":[]}", response);
        assertEquals(sqs.get("Records").size(), handled.size());
    }

    private static LiftKernel kernel(List<EventAdapter> adapters, java.util.function.Consumer<Routes> routes) {
        Lift.Builder b = Lift.builder().discover(false);
        adapters.forEach(b::plugin);
        b.plugin(new LiftApplication() {
            @Override
            public String id() {
                return "detection-test";
            }

            @Override
            public void configure(Routes r) {
                routes.accept(r);
            }
        });
        return b.build();
    }
}

package dev.lift.plugins.dynamodbclient;

import dev.lift.api.TypeRef;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.test.Events;
import dev.lift.test.LiftTestKit;
import java.lang.management.ManagementFactory;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * One cold start, for benchmarks/startup/dynamodb.sh: boots a kernel and answers one HTTP API
 * request, then prints {@code mode boot_ms first_request_ms loaded_classes}. Mode {@code bare}
 * answers with a constant item; mode {@code dynamodb} adds the dynamodb plugin and a typed table and
 * reads the item from DynamoDB (Local, at the endpoint given). Not a test: a main, run in a fresh JVM.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String endpoint = args.length > 1 ? args[1] : null;
        if (mode.equals("setup")) {
            try (LiftTestKit lift = dynamodb(endpoint, true)) {
                lift.invoke(Events.http("PUT", "/notes/n1")).http().assertStatus(204);
            }
            return;
        }
        long t0 = System.nanoTime();
        LiftTestKit lift = mode.equals("bare")
                ? LiftTestKit.builder().plugin(new ApiGatewayV2Adapter())
                        .plugin(new TestApp(r -> r.get("/notes/{id}", (req, ctx) ->
                                new TypedTableRouteTest.Note(req.pathParam("id").orElseThrow(), "tea", 1)))).build()
                : dynamodb(endpoint, false);
        long t1 = System.nanoTime();
        lift.invoke(Events.http("GET", "/notes/n1")).http().assertStatus(200)
                .assertJsonBody("{\"id\":\"n1\",\"text\":\"tea\",\"revision\":1}");
        long t2 = System.nanoTime();
        System.out.printf("%s %.1f %.1f %d%n", mode, (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        lift.close();
    }

    private static LiftTestKit dynamodb(String endpoint, boolean create) {
        TypeRef<TypedTable<TypedTableRouteTest.Note>> notes = new TypeRef<>() {
        };
        return LiftTestKit.builder().plugin(new ApiGatewayV2Adapter())
                .plugin(DynamoDbLocal.provider())
                .plugin(DynamoDbTableProvider.of("notes", TypedTableRouteTest.NOTES))
                .plugin(new TestApp(r -> r
                        .get("/notes/{id}", (req, ctx) -> ctx.resources().require(notes, "notes").table()
                                .getItem(Key.builder().partitionValue(req.pathParam("id").orElseThrow()).build()))
                        .put("/notes/{id}", (req, ctx) -> {
                            ctx.resources().require(notes, "notes").table().putItem(new TypedTableRouteTest.Note(
                                    req.pathParam("id").orElseThrow(), "tea", 1));
                            return dev.lift.api.HttpResponse.noContent();
                        })))
                .setting("lift.dynamodb.endpoint", endpoint)
                .setting("lift.dynamodb.region", DynamoDbLocal.REGION)
                .setting("lift.dynamodb.create-tables", Boolean.toString(create))
                .build();
    }
}

package dev.lift.plugins.dynamodbclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.spi.HealthReport;
import dev.lift.spi.HealthResult;
import dev.lift.spi.store.KeyValueStore;
import dev.lift.test.Events;
import dev.lift.test.LiftTestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The kernel's aggregated health with the three DynamoDB resources (clients, store, a typed table)
 * while DynamoDB Local runs, after it stops, and once it is back on the same port; and the clients
 * rebuilt across a snapshot. DynamoDB Local keeps its tables on disk here, so they survive the stop.
 */
class DynamoDbHealthTest {

    private static final String[] RESOURCES = {"resource:dynamodb", "resource:dynamodb-store", "resource:dynamodb-table-notes"};

    @Test
    void healthIsUpWhileDynamoDbAnswersDownWhenItStopsAndUpWhenItReturns(@TempDir Path dir) {
        try (DynamoDbLocal local = DynamoDbLocal.onDisk(dir); LiftTestKit lift = kernel(local, null)) {
            HealthReport up = lift.kernel().healthReport().refresh();
            assertEquals(HealthResult.Status.UP, up.status(), up.toString());
            assertEquals("ACTIVE", up.components().get("resource:dynamodb-store").details().get("status"));
            assertEquals(local.endpoint().toString(), up.components().get("resource:dynamodb").details().get("endpoint"));

            local.stop();
            HealthReport down = lift.kernel().healthReport().refresh();
            assertEquals(HealthResult.Status.DOWN, down.status(), down.toString());
            for (String name : RESOURCES) {
                HealthReport.Component c = down.components().get(name);
                assertEquals(HealthResult.Status.DOWN, c.status(), name + ": " + c);
                String error = String.valueOf(c.details().get("error"));
                assertTrue(error.startsWith("unreachable: ") || error.startsWith("timed out"), name + ": " + error);
                assertTrue(!error.contains("dummykey") && !error.contains("dummysecret"), error);
            }

            local.start();
            HealthReport back = lift.kernel().healthReport().refresh();
            assertEquals(HealthResult.Status.UP, back.status(), back.toString());
            for (String name : RESOURCES) {
                assertEquals(HealthResult.Status.UP, back.components().get(name).status(), name);
            }
        }
    }

    @Test
    void aMissingTableIsDownWithItsName(@TempDir Path dir) {
        try (DynamoDbLocal local = DynamoDbLocal.onDisk(dir); LiftTestKit lift = kernel(local, null)) {
            local.client().deleteTable(r -> r.tableName("health-notes"));
            HealthReport r = lift.kernel().healthReport().refresh();
            HealthReport.Component table = r.components().get("resource:dynamodb-table-notes");
            assertEquals(HealthResult.Status.DOWN, table.status());
            assertEquals(Map.of("table", "health-notes", "error",
                    "ResourceNotFoundException ResourceNotFoundException (HTTP 400)"), table.details());
        }
    }

    @Test
    void aSnapshotDropsTheClientsAndTheRestoreBuildsNewOnesThatWork(@TempDir Path dir) throws Exception {
        AtomicReference<DynamoDb> seen = new AtomicReference<>();
        try (DynamoDbLocal local = DynamoDbLocal.onDisk(dir); LiftTestKit lift = kernel(local, seen)) {
            lift.invoke(Events.http("GET", "/kv/a")).http().assertStatus(200).assertJsonBody("{\"count\":1}");
            DynamoDbClient before = seen.get().client();

            lift.kernel().snapshots().beforeCheckpoint();
            lift.kernel().snapshots().afterRestore();

            DynamoDbClient after = seen.get().client();
            assertNotSame(before, after, "a restored environment must not reuse connections or credentials");
            lift.invoke(Events.http("GET", "/kv/a")).http().assertStatus(200).assertJsonBody("{\"count\":2}");
        }
    }

    private static LiftTestKit kernel(DynamoDbLocal local, AtomicReference<DynamoDb> seen) {
        LiftTestKit.Builder b = LiftTestKit.builder()
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new ProblemDetailsErrorStrategy())
                .plugin(DynamoDbLocal.provider())
                .plugin(new DynamoDbStoreProvider())
                .plugin(DynamoDbTableProvider.of("notes", TypedTableRouteTest.NOTES))
                .plugin(new TestApp(r -> r.get("/kv/{k}", (req, ctx) -> {
                    if (seen != null) {
                        seen.set(ctx.resources().require(DynamoDb.class));
                    }
                    long n = ctx.resources().require(KeyValueStore.class)
                            .increment("count:" + req.pathParam("k").orElseThrow(), 1, Duration.ofMinutes(5));
                    return Map.of("count", n);
                })))
                .setting("lift.dynamodb.store-table", "health-store")
                .setting("lift.dynamodb.table.notes", "health-notes")
                .setting("lift.dynamodb.create-tables", "true")
                // Short, so a stopped DynamoDB fails fast instead of using the check's whole second.
                .setting("lift.dynamodb.connect-timeout", "300ms")
                .setting("lift.dynamodb.max-attempts", "1");
        local.settings().forEach(b::setting);
        return b.build();
    }
}

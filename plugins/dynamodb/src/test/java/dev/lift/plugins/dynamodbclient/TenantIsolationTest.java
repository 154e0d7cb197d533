package dev.lift.plugins.dynamodbclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.api.TypeRef;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.test.Events;
import dev.lift.test.HttpApiEventBuilder;
import dev.lift.test.HttpResult;
import dev.lift.test.LiftTestKit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two tenants share one table of beans. Handlers deliberately pass the other tenant's key, write
 * items naming the other tenant and list everything; the tenant view keeps each inside its own
 * partition, checked behind the plugin's back with a client of the test's own.
 */
class TenantIsolationTest {

    static final TypeRef<TypedTable<Task>> TASKS = new TypeRef<>() {
    };

    private static DynamoDbLocal local;
    private static String tableName;
    private static LiftTestKit lift;

    /** Sets the attribute Lift's JWT plugin sets, as if it had verified a token with these claims. */
    private static final HttpMiddleware VERIFIED_BY_HEADER_FOR_TEST = (req, ctx, next) -> {
        req.header("x-test-verified-tenant").ifPresent(t -> ctx.attribute("lift.auth.claims", Map.of("tenant_id", t)));
        return next.proceed();
    };

    @BeforeAll
    static void boot() {
        local = DynamoDbLocal.shared();
        tableName = DynamoDbLocal.uniqueTable("tasks");
        LiftTestKit.Builder b = LiftTestKit.builder()
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new ProblemDetailsErrorStrategy())
                .plugin(DynamoDbLocal.provider())
                .plugin(DynamoDbTableProvider.of("tasks", TableSchema.fromBean(Task.class)))
                .plugin(new TestApp(r -> r
                        // The path names a tenant and an id: a handler that trusts the path would leak.
                        .get("/tenants/{tenant}/tasks/{id}", (req, ctx) -> ctx.resources().require(TASKS, "tasks")
                                .forTenant(ctx)
                                .get(Key.builder().partitionValue(req.pathParam("tenant").orElseThrow())
                                        .sortValue(req.pathParam("id").orElseThrow()).build())
                                .<Object>map(t -> t)
                                .orElseThrow(() -> LiftException.notFound("No such task")), VERIFIED_BY_HEADER_FOR_TEST)
                        .put("/tasks", Task.class, (task, req, ctx) -> {
                            ctx.resources().require(TASKS, "tasks").forTenant(ctx).put(task);
                            return HttpResponse.noContent();
                        }, VERIFIED_BY_HEADER_FOR_TEST)
                        .get("/tasks", (req, ctx) -> ctx.resources().require(TASKS, "tasks").forTenant(ctx).scan()
                                .stream().map(t -> t.getTenant() + "/" + t.getId() + "=" + t.getTitle())
                                .collect(Collectors.toList()), VERIFIED_BY_HEADER_FOR_TEST)
                        .get("/tasks/prefix/{p}", (req, ctx) -> ctx.resources().require(TASKS, "tasks").forTenant(ctx)
                                .query(SortCondition.beginsWith(req.pathParam("p").orElseThrow()))
                                .stream().map(Task::getId).collect(Collectors.toList()), VERIFIED_BY_HEADER_FOR_TEST)
                        .get("/tasks/range/{op}", (req, ctx) -> ctx.resources().require(TASKS, "tasks").forTenant(ctx)
                                .query(condition(req.pathParam("op").orElseThrow(), req.queryParam("a").orElse(null),
                                        req.queryParam("b").orElse(null)))
                                .stream().map(Task::getId).collect(Collectors.toList()), VERIFIED_BY_HEADER_FOR_TEST)))
                .setting("lift.dynamodb.table.tasks", tableName)
                .setting("lift.dynamodb.create-tables", "true");
        local.settings().forEach(b::setting);
        lift = b.build();
        // Each tenant's data, written behind the plugin's back.
        put("acme", "t1", "acme's plan");
        put("globex", "t1", "globex's plan");
        put("globex", "t2", "globex's secret");
        put("globex", "t9", "globex's draft");
    }

    @AfterAll
    static void close() {
        if (lift != null) {
            lift.close();
        }
    }

    private static void put(String tenant, String id, String title) {
        local.client().putItem(r -> r.tableName(tableName).item(Map.of("tenant", AttributeValue.fromS(tenant),
                "id", AttributeValue.fromS(id), "title", AttributeValue.fromS(title))));
    }

    private static String title(String tenant, String id) {
        Map<String, AttributeValue> item = local.client().getItem(r -> r.tableName(tableName)
                .key(Map.of("tenant", AttributeValue.fromS(tenant), "id", AttributeValue.fromS(id)))).item();
        return item.isEmpty() ? null : item.get("title").s();
    }

    private static HttpApiEventBuilder as(String tenant, String method, String path) {
        return Events.http(method, path).claim("sub", "user-of-" + tenant).claim("tenant_id", tenant);
    }

    @Test
    void aTenantReadsItsOwnItemAndAskingForAnotherTenantsKeyFindsNothing() {
        lift.invoke(as("acme", "GET", "/tenants/acme/tasks/t1")).http().assertStatus(200)
                .assertJsonBody("{\"tenant\":\"acme\",\"id\":\"t1\",\"title\":\"acme's plan\"}");
        // acme asks for globex's t2: the view reads acme/t2, which does not exist.
        lift.invoke(as("acme", "GET", "/tenants/globex/tasks/t2")).http().assertStatus(404);
        // acme asks for globex's t1: the view reads acme/t1, acme's own.
        lift.invoke(as("acme", "GET", "/tenants/globex/tasks/t1")).http().assertStatus(200)
                .assertJsonBody("{\"tenant\":\"acme\",\"id\":\"t1\",\"title\":\"acme's plan\"}");
    }

    @Test
    void anItemNamingAnotherTenantIsWrittenIntoTheCallersOwnPartition() {
        lift.invoke(as("acme", "PUT", "/tasks").json("{\"tenant\":\"globex\",\"id\":\"t9\",\"title\":\"overwritten\"}"))
                .http().assertStatus(204);
        assertEquals("globex's draft", title("globex", "t9"), "globex's item is untouched");
        assertEquals("overwritten", title("acme", "t9"), "the write landed in acme's partition");
        lift.invoke(as("globex", "GET", "/tenants/globex/tasks/t9")).http().assertStatus(200)
                .assertJsonBody("{\"tenant\":\"globex\",\"id\":\"t9\",\"title\":\"globex's draft\"}");
    }

    @Test
    void aScanAndAQueryListOnlyTheCallersItems() {
        HttpResult globex = lift.invoke(as("globex", "GET", "/tasks")).http().assertStatus(200);
        List<String> seen = jsonStrings(globex);
        assertEquals(List.of("globex/t1=globex's plan", "globex/t2=globex's secret", "globex/t9=globex's draft"), seen);
        for (String item : jsonStrings(lift.invoke(as("acme", "GET", "/tasks")).http())) {
            assertTrue(item.startsWith("acme/"), item);
        }
        assertEquals(List.of("t1", "t2", "t9"), jsonStrings(lift.invoke(as("globex", "GET", "/tasks/prefix/t")).http()));
    }

    @Test
    void theClaimsLiftsJwtPluginSetComeFirst() {
        // API Gateway's claims say acme; the attribute (set by the JWT plugin in production) says globex.
        lift.invoke(as("acme", "GET", "/tenants/x/tasks/t2").header("x-test-verified-tenant", "globex")).http()
                .assertStatus(200).assertJsonBody("{\"tenant\":\"globex\",\"id\":\"t2\",\"title\":\"globex's secret\"}");
    }

    @Test
    void withoutAVerifiedTenantTheAnswerIsAProblemNotData() {
        HttpResult anonymous = lift.invoke(Events.http("GET", "/tenants/acme/tasks/t1")).http();
        anonymous.assertStatus(401);
        assertFalse(anonymous.bodyText().contains("acme's plan"));
        HttpResult noTenant = lift.invoke(Events.http("GET", "/tenants/acme/tasks/t1").claim("sub", "u1")).http();
        noTenant.assertStatus(403);
        assertEquals("The verified token names no tenant (claim 'tenant_id')", noTenant.bodyJson().get("detail").asText());
    }

    private static SortCondition condition(String op, String a, String b) {
        switch (op) {
            case "any": return SortCondition.any();
            case "eq": return SortCondition.equalTo(a);
            case "between": return SortCondition.between(a, b);
            case "lt": return SortCondition.lessThan(a);
            case "le": return SortCondition.lessThanOrEqualTo(a);
            case "gt": return SortCondition.greaterThan(a);
            case "ge": return SortCondition.greaterThanOrEqualTo(a);
            default: throw LiftException.badRequest("unknown operator");
        }
    }

    @Test
    void everySortConditionStaysInsideTheCallersPartition() {
        // globex holds t1, t2, t9; acme holds t1 (and t9 once the write test ran): globex's answers never include acme's.
        Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("/tasks/range/any", List.of("t1", "t2", "t9"));
        expected.put("/tasks/range/eq?a=t2", List.of("t2"));
        expected.put("/tasks/range/between?a=t1&b=t2", List.of("t1", "t2"));
        expected.put("/tasks/range/lt?a=t2", List.of("t1"));
        expected.put("/tasks/range/le?a=t2", List.of("t1", "t2"));
        expected.put("/tasks/range/gt?a=t2", List.of("t9"));
        expected.put("/tasks/range/ge?a=t2", List.of("t2", "t9"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            String[] pathAndQuery = e.getKey().split("\\?");
            HttpApiEventBuilder request = as("globex", "GET", pathAndQuery[0]);
            if (pathAndQuery.length > 1) {
                for (String pair : pathAndQuery[1].split("&")) {
                    String[] kv = pair.split("=");
                    request.query(kv[0], kv[1]);
                }
            }
            assertEquals(e.getValue(), jsonStrings(lift.invoke(request).http().assertStatus(200)), e.getKey());
        }
        assertEquals(List.of("t1"), jsonStrings(lift.invoke(as("acme", "GET", "/tasks/range/lt").query("a", "t2")).http()));
    }

    private static List<String> jsonStrings(HttpResult r) {
        List<String> out = new java.util.ArrayList<>();
        r.bodyJson().forEach(n -> out.add(n.asText()));
        return out;
    }
}

package dev.lift.plugins.dynamodbclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.api.TypeRef;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.test.Events;
import dev.lift.test.HttpResult;
import dev.lift.test.LiftTestKit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A record table through routes of a real kernel (HTTP API events, problem details) against
 * DynamoDB Local: create, read, conditional update, delete; then the table's transactions and
 * batch writes as a handler would use them.
 */
class TypedTableRouteTest {

    /** The item: a record, which RecordTableSchema maps. */
    public record Note(String id, String text, int revision) {
    }

    static final TableSchema<Note> NOTES = RecordTableSchema.of(Note.class, "id", null);
    static final TypeRef<TypedTable<Note>> NOTE_TABLE = new TypeRef<>() {
    };

    private static final java.util.concurrent.atomic.AtomicReference<TypedTable<Note>> HANDLERS_TABLE =
            new java.util.concurrent.atomic.AtomicReference<>();
    private static DynamoDbLocal local;
    private static String tableName;
    private static LiftTestKit lift;

    @BeforeAll
    static void boot() {
        local = DynamoDbLocal.shared();
        tableName = DynamoDbLocal.uniqueTable("notes");
        LiftTestKit.Builder b = LiftTestKit.builder()
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new ProblemDetailsErrorStrategy())
                .plugin(DynamoDbLocal.provider())
                .plugin(DynamoDbTableProvider.of("notes", NOTES))
                .plugin(new TestApp(r -> r
                        .get("/table", (req, ctx) -> {
                            HANDLERS_TABLE.set(ctx.resources().require(NOTE_TABLE, "notes"));
                            return HttpResponse.noContent();
                        })
                        .post("/notes", Note.class, (note, req, ctx) -> {
                            TypedTable<Note> notes = ctx.resources().require(NOTE_TABLE, "notes");
                            if (!notes.putIfAbsent(new Note(note.id(), note.text(), 1))) {
                                throw LiftException.conflict("A note with this id exists");
                            }
                            return HttpResponse.json(Map.of("id", note.id())).withStatus(201);
                        })
                        .get("/notes/{id}", (req, ctx) -> ctx.resources().require(NOTE_TABLE, "notes").table()
                                .getItem(Key.builder().partitionValue(req.pathParam("id").orElseThrow()).build()) == null
                                ? HttpResponse.status(404)
                                : HttpResponse.json(ctx.resources().require(NOTE_TABLE, "notes").table()
                                        .getItem(Key.builder().partitionValue(req.pathParam("id").orElseThrow()).build())))
                        .put("/notes/{id}", Note.class, (note, req, ctx) -> {
                            // Optimistic locking: only over the revision the client read.
                            TypedTable<Note> notes = ctx.resources().require(NOTE_TABLE, "notes");
                            Note next = new Note(req.pathParam("id").orElseThrow(), note.text(), note.revision() + 1);
                            boolean written = notes.put(next, Expression.builder().expression("revision = :r")
                                    .putExpressionValue(":r", AttributeValue.fromN(Integer.toString(note.revision())))
                                    .build());
                            if (!written) {
                                throw LiftException.conflict("The note changed since revision " + note.revision());
                            }
                            return next;
                        })
                        .delete("/notes/{id}", (req, ctx) -> {
                            Note gone = ctx.resources().require(NOTE_TABLE, "notes").table()
                                    .deleteItem(Key.builder().partitionValue(req.pathParam("id").orElseThrow()).build());
                            return gone == null ? HttpResponse.status(404) : HttpResponse.noContent();
                        })))
                .setting("lift.dynamodb.table.notes", tableName)
                .setting("lift.dynamodb.create-tables", "true");
        local.settings().forEach(b::setting);
        lift = b.build();
    }

    @AfterAll
    static void close() {
        if (lift != null) {
            lift.close();
        }
    }

    private static HttpResult call(String method, String path, String json) {
        var event = Events.http(method, path);
        if (json != null) {
            event.json(json);
        }
        return lift.invoke(event).http();
    }

    @Test
    void aNoteIsCreatedReadUpdatedOnItsRevisionAndDeleted() {
        call("POST", "/notes", "{\"id\":\"n1\",\"text\":\"tea\",\"revision\":0}").assertStatus(201)
                .assertJsonBody("{\"id\":\"n1\"}");
        call("POST", "/notes", "{\"id\":\"n1\",\"text\":\"coffee\",\"revision\":0}").assertStatus(409);
        call("GET", "/notes/n1", null).assertStatus(200).assertJsonBody("{\"id\":\"n1\",\"text\":\"tea\",\"revision\":1}");

        call("PUT", "/notes/n1", "{\"text\":\"green tea\",\"revision\":1}").assertStatus(200)
                .assertJsonBody("{\"id\":\"n1\",\"text\":\"green tea\",\"revision\":2}");
        HttpResult stale = call("PUT", "/notes/n1", "{\"text\":\"black tea\",\"revision\":1}");
        stale.assertStatus(409);
        assertEquals("The note changed since revision 1", stale.bodyJson().get("detail").asText());
        call("GET", "/notes/n1", null).assertJsonBody("{\"id\":\"n1\",\"text\":\"green tea\",\"revision\":2}");

        call("DELETE", "/notes/n1", null).assertStatus(204);
        call("GET", "/notes/n1", null).assertStatus(404);
        call("DELETE", "/notes/n1", null).assertStatus(404);
        // The table is real: DynamoDB Local holds nothing under n1 any more.
        assertTrue(local.client().getItem(r -> r.tableName(tableName)
                .key(Map.of("id", AttributeValue.fromS("n1")))).item().isEmpty());
    }

    @Test
    void aBodyOfTheWrongShapeIsA422ProblemAndNothingIsWritten() {
        HttpResult r = call("POST", "/notes", "{\"id\":\"n9\",\"text\":7,\"revision\":0}");
        r.assertStatus(422);
        assertFalse(r.bodyText().contains("Exception"), r.bodyText());
        call("GET", "/notes/n9", null).assertStatus(404);
    }

    @Test
    void aTransactionIsAllOrNothingAndAFailedConditionAnswersFalse() {
        TypedTable<Note> notes = table();
        notes.putIfAbsent(new Note("t-existing", "x", 1));
        boolean committed = notes.transact(tx -> tx
                .addPutItem(notes.table(), new Note("t-a", "a", 1))
                .addPutItem(notes.table(), new Note("t-b", "b", 1)));
        assertTrue(committed);
        boolean cancelled = notes.transact(tx -> tx
                .addPutItem(notes.table(), new Note("t-c", "c", 1))
                .addConditionCheck(notes.table(), c -> c.key(k -> k.partitionValue("t-existing"))
                        .conditionExpression(Expression.builder().expression("attribute_not_exists(id)").build())));
        assertFalse(cancelled);
        assertEquals("a", notes.table().getItem(Key.builder().partitionValue("t-a").build()).text());
        assertEquals(null, notes.table().getItem(Key.builder().partitionValue("t-c").build()),
                "the put of the cancelled transaction was not made");
    }

    @Test
    void aBatchWriteOfMoreThan25ItemsWritesAndDeletesThemAll() {
        TypedTable<Note> notes = table();
        List<Note> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(new Note("b-" + i, "item " + i, 1));
        }
        notes.batchPut(many);
        List<Key> deletes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            deletes.add(Key.builder().partitionValue("b-" + i).build());
        }
        notes.batchWrite(List.of(new Note("b-new", "new", 1)), deletes);
        List<String> left = notes.table().scan().items().stream().map(Note::id).filter(id -> id.startsWith("b-"))
                .sorted().collect(Collectors.toList());
        assertEquals(31, left.size(), left.toString());
        assertTrue(left.contains("b-new") && left.contains("b-59") && !left.contains("b-0"), left.toString());
    }

    @Test
    void aRecordThatIsNotOneOrAKeyThatIsNoComponentIsRefusedAtBoot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordTableSchema.of(Note.class, "title", null));
        assertEquals("Record " + Note.class.getName() + " has no component 'title' to use as a key", e.getMessage());
    }

    /** The table exactly as a handler finds it: looked up by name and generic type during an invocation. */
    private static TypedTable<Note> table() {
        call("GET", "/table", null).assertStatus(204);
        return HANDLERS_TABLE.get();
    }
}

package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.PluginContext;
import dev.lift.api.TypeRef;
import dev.lift.kernel.testing.Responses;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestHttpAdapter;
import dev.lift.spi.Health;
import dev.lift.spi.ResourceProvider;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resources found by name and by type, generic types included, from a handler's invocation context. */
class ResourcesTest {

    /** A typed table, as a DynamoDB plugin would hand out. */
    record Table<T>(String name, Class<T> itemType) {
    }

    record Todo(String title) {
    }

    record Account(String owner) {
    }

    /** Provides one Table of a given item type under a name. */
    static final class TableProvider<T> implements ResourceProvider<Table<T>> {
        private final String id;
        private final Class<T> item;
        private final Type generic;

        TableProvider(String id, Class<T> item, TypeRef<Table<T>> generic) {
            this.id = id;
            this.item = item;
            this.generic = generic.type();
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<Table<T>> type() {
            return (Class) Table.class;
        }

        @Override
        public Type genericType() {
            return generic;
        }

        @Override
        public String name() {
            return id.replace("table-", "");
        }

        @Override
        public Table<T> open(PluginContext context) {
            return new Table<>(name(), item);
        }
    }

    @Test
    void aHandlerFindsResourcesByGenericTypeByNameAndKernelServicesByType() {
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                .plugin(new TableProvider<>("table-todos", Todo.class, new TypeRef<Table<Todo>>() { }))
                .plugin(new TableProvider<>("table-accounts", Account.class, new TypeRef<Table<Account>>() { }))
                .plugin(new TestApp(r -> r.get("/tables", (req, ctx) -> {
                    Table<Todo> todos = ctx.resources().require(new TypeRef<Table<Todo>>() { });
                    Table<Account> accounts = ctx.resources().require(new TypeRef<Table<Account>>() { }, "accounts");
                    @SuppressWarnings("rawtypes")
                    Table byName = ctx.resources().require(Table.class, "todos");
                    boolean health = ctx.resources().find(Health.class).isPresent();
                    return List.of(todos.name() + ":" + todos.itemType().getSimpleName(),
                            accounts.name() + ":" + accounts.itemType().getSimpleName(), byName.name(), "health=" + health);
                }))).build();

        JsonNode res = Responses.parse(k.invoke(TestHttpAdapter.request("GET", "/tables", null)));
        assertEquals("[\"todos:Todo\",\"accounts:Account\",\"todos\",\"health=true\"]", res.get("body").asText());
    }

    @Test
    void anAmbiguousOrMissingLookupSaysWhatToDo() {
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                .plugin(new TableProvider<>("table-todos", Todo.class, new TypeRef<Table<Todo>>() { }))
                .plugin(new TableProvider<>("table-more", Todo.class, new TypeRef<Table<Todo>>() { }))
                .plugin(new TestApp(r -> r.get("/x", (req, ctx) -> {
                    IllegalStateException several = assertThrows(IllegalStateException.class,
                            () -> ctx.resources().find(new TypeRef<Table<Todo>>() { }));
                    IllegalStateException missing = assertThrows(IllegalStateException.class,
                            () -> ctx.resources().require(new TypeRef<Table<Account>>() { }));
                    return several.getMessage() + "|" + missing.getMessage();
                }))).build();
        String body = Responses.parse(k.invoke(TestHttpAdapter.request("GET", "/x", null))).get("body").asText();
        assertTrue(body.startsWith("Several resources of type dev.lift.kernel.ResourcesTest$Table<dev.lift.kernel.ResourcesTest$Todo> "
                + "are open ('more', 'todos'); look one up by name|"), body);
        assertTrue(body.endsWith("No resource of type dev.lift.kernel.ResourcesTest$Table<dev.lift.kernel.ResourcesTest$Account> "
                + "is open: add the plugin that provides it, or check that it did not decline"), body);
    }
}

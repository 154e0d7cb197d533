package dev.lift.example;

import dev.lift.api.Api;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The example's todos, in memory. Thread-safe: the local server and Lambda Managed Instances run
 * several invocations at once, so ids come from an atomic counter and updates are atomic per id.
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class TodoStore {

    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentMap<Long, Todo> todos = new ConcurrentHashMap<>();

    /** Every todo, oldest first. */
    public List<Todo> list() {
        return todos.values().stream().sorted(Comparator.comparingLong(t -> Long.parseLong(t.id())))
                .collect(Collectors.toList());
    }

    /** Stores a new todo and returns it with its id. */
    public Todo create(String title, boolean done) {
        long id = ids.incrementAndGet();
        Todo todo = new Todo(Long.toString(id), title, done);
        todos.put(id, todo);
        return todo;
    }

    /** The todo with this id, if any. */
    public Optional<Todo> find(String id) {
        return key(id).map(todos::get);
    }

    /** Replaces the title and state of an existing todo. */
    public Optional<Todo> update(String id, String title, boolean done) {
        return key(id).map(k -> todos.computeIfPresent(k, (x, old) -> new Todo(old.id(), title, done)));
    }

    /** Removes a todo; false when there was none. */
    public boolean delete(String id) {
        return key(id).map(k -> todos.remove(k) != null).orElse(false);
    }

    /** Removes every done todo and returns how many there were. */
    public int removeDone() {
        int removed = 0;
        for (Todo t : todos.values()) {
            if (t.done() && todos.remove(Long.parseLong(t.id()), t)) {
                removed++;
            }
        }
        return removed;
    }

    /** How many todos there are. */
    public int size() {
        return todos.size();
    }

    // Ids that are not numbers cannot exist; answering "not found" for them keeps the API simple.
    private static Optional<Long> key(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

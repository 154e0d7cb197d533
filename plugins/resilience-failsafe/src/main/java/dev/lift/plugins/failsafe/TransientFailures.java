package dev.lift.plugins.failsafe;

import dev.failsafe.TimeoutExceededException;
import dev.lift.api.LiftException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Which failures may go away on their own, and so are retried and counted by the breaker: a
 * {@link LiftException} that says it is retryable, I/O errors, timeouts, and the types a policy
 * lists in {@code transient-errors} (matched by name along the class hierarchy, so the classes
 * need not be visible to this plugin). A client error or a bug is not retried and does not open
 * the breaker. Immutable.
 */
final class TransientFailures {

    private final Set<String> extraTypes;
    private final ClassValue<Boolean> listed = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isListed(type);
        }
    };

    TransientFailures(Set<String> extraTypes) {
        this.extraTypes = Set.copyOf(extraTypes);
    }

    boolean test(Throwable failure) {
        Throwable t = failure;
        // Look through the wrappers of asynchronous calls and unchecked I/O.
        for (int depth = 0; t != null && depth < 4; depth++) {
            if (!extraTypes.isEmpty() && listed.get(t.getClass())) {
                return true;
            }
            if (t instanceof LiftException) {
                return ((LiftException) t).retryable();
            }
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof TimeoutExceededException) {
                return true;
            }
            if (!(t instanceof UncheckedIOException || t instanceof CompletionException || t instanceof ExecutionException)) {
                return false;
            }
            t = t.getCause();
        }
        return false;
    }

    private boolean isListed(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (extraTypes.contains(c.getName())) {
                return true;
            }
            Deque<Class<?>> interfaces = new ArrayDeque<>(List.of(c.getInterfaces()));
            while (!interfaces.isEmpty()) {
                Class<?> i = interfaces.poll();
                if (extraTypes.contains(i.getName())) {
                    return true;
                }
                interfaces.addAll(List.of(i.getInterfaces()));
            }
        }
        return false;
    }
}

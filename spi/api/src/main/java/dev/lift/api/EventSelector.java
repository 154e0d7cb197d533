package dev.lift.api;

import java.util.function.Predicate;

/**
 * Chooses which records or events a handler receives, for example "SQS messages of queue
 * {@code orders}". When several selectors match, the highest {@link #specificity()} wins; equal
 * specificity goes to the handler registered first. Selectors for each event source come with
 * the event model types (see {@code dev.lift.spi.events}).
 *
 * @param <E> the record or event type
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface EventSelector<E> {

    /** The record or event type this selector inspects. */
    Class<E> type();

    /** Whether this record or event is selected; cheap and side-effect free. */
    boolean matches(E event);

    /** How specific the selector is; higher wins. 0 for "any of the type". */
    default int specificity() {
        return 0;
    }

    /** Human-readable form for route tables and errors, for example {@code "sqs queue=orders"}. */
    String describe();

    /** Every record or event of a type. */
    static <E> EventSelector<E> any(Class<E> type) {
        return of(type, "any " + type.getSimpleName(), 0, e -> true);
    }

    /** A selector from parts. */
    static <E> EventSelector<E> of(Class<E> type, String description, int specificity, Predicate<? super E> test) {
        return new EventSelector<>() {
            @Override
            public Class<E> type() {
                return type;
            }

            @Override
            public boolean matches(E event) {
                return test.test(event);
            }

            @Override
            public int specificity() {
                return specificity;
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }
}

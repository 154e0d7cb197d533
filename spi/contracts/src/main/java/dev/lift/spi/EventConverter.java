package dev.lift.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import dev.lift.api.LiftPlugin;

/**
 * Hands handlers and middleware the raw Lambda event in a type of another library, for example
 * the standard {@code aws-lambda-java-events} classes that Powertools utilities expect. The kernel
 * asks converters, in plugin order, whether they produce the requested type, and remembers the
 * answer per type; conversion happens only when a handler asks ({@code InvocationContext.rawEvent(Class)}).
 * Implementations are shared by concurrent invocations.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public interface EventConverter extends LiftPlugin {

    /** Whether this converter produces {@code type}; cheap, and the same answer every time. */
    boolean canConvert(Class<?> type);

    /**
     * Converts the event exactly as Lambda delivered it.
     *
     * @param rawEvent the whole event, parsed once by the kernel; never modified
     * @param type a type for which {@link #canConvert} said yes
     * @return the event as {@code type}; never null
     * @throws IllegalArgumentException naming the type when this event cannot be read as it
     */
    <T> T convert(JsonNode rawEvent, Class<T> type);
}

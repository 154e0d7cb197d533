package dev.lift.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.Json;
import java.io.UncheckedIOException;

/**
 * A Lambda event built by one of the {@link Events} builders: the JSON exactly as the AWS service
 * would send it to the function.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface TestEvent {

    /** The event as a JSON tree (a fresh copy each time). */
    ObjectNode toJsonTree();

    /** The event as JSON text. */
    default String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event as UTF-8 JSON bytes, as Lambda hands them to the function. */
    default byte[] toBytes() {
        try {
            return Json.mapper().writeValueAsBytes(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

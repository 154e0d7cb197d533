package dev.lift.spi;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one Jackson mapper that Lift, its adapters and typed handlers share. Configured once,
 * then only used, which Jackson documents as thread-safe. Readers and writers derived from it
 * cache their (de)serializers, so a typed body costs no reflection per call.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** The shared mapper. Do not reconfigure it; derive readers and writers instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Decodes a request body with a reader built once for its type. Broken JSON becomes a 400
     * that says where it broke; a body of the wrong shape becomes a 422 naming the fields.
     */
    public static <T> T decodeBody(byte[] body, ObjectReader reader) {
        if (body == null || body.length == 0) {
            throw LiftException.badRequest("The request body is empty; a JSON document was expected");
        }
        try {
            return reader.readValue(body);
        } catch (UnrecognizedPropertyException e) {
            throw LiftException.unprocessable(List.of(new FieldError(path(e), "is not a known field")));
        } catch (InvalidFormatException e) {
            throw LiftException.unprocessable(List.of(new FieldError(path(e),
                    "has the wrong type; expected " + simpleTypeName(e.getTargetType()))));
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw LiftException.unprocessable(List.of(new FieldError("$",
                        "has the wrong shape; expected " + simpleTypeName(e.getTargetType()))));
            }
            throw LiftException.unprocessable(List.of(new FieldError(field,
                    e.getTargetType() == null ? "is missing or invalid"
                            : "is missing or has the wrong type; expected " + simpleTypeName(e.getTargetType()))));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw LiftException.badRequest("The request body is not valid JSON" + where);
        } catch (IOException e) {
            throw LiftException.badRequest("The request body could not be read");
        }
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String simpleTypeName(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == String.class || type.isEnum()) {
            return "string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }
}

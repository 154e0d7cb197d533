package dev.lift.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
     * that says where it broke (line and column), wherever in the body it breaks; a body of the
     * wrong shape becomes a 422 whose field errors name each field found wrong: {@code "is
     * required"}, {@code "must not be null"}, {@code "must be a number"}, {@code "must be one of
     * A, B"}, {@code "is not a known field"}, {@code "is out of range"}. A missing required field
     * is reported together with every other required field missing from the same object.
     *
     * <p>A {@link LiftException} thrown by the type's constructor (validation in a record's
     * compact constructor, say) is passed on as is; any other exception from it is a 422 on that
     * object that shows nothing of the exception. A type that Jackson cannot read at all is a
     * programming error and fails with an {@link IllegalStateException}, which becomes a 500.
     * The Jackson exception travels as the {@link LiftException}'s cause, for the log only.
     */
    public static <T> T decodeBody(byte[] body, ObjectReader reader) {
        if (body == null || isBlank(body)) {
            throw LiftException.badRequest("The request body is empty; a JSON document was expected");
        }
        try (JsonParser parser = reader.createParser(body)) {
            T value = reader.readValue(parser);
            if (parser.nextToken() != null) {
                throw LiftException.badRequest("The request body is not valid JSON" + where(parser.currentTokenLocation())
                        + ": unexpected content after the JSON document");
            }
            if (value == null) {
                // A body of just "null": a handler expecting a value would fail with a 500 instead.
                throw LiftException.unprocessable(List.of(new FieldError("$", "must not be null")));
            }
            return value;
        } catch (InvalidDefinitionException e) {
            throw new IllegalStateException("Lift cannot read request bodies as " + e.getType()
                    + ": fix the type (Jackson says: " + e.getOriginalMessage() + ")", e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof LiftException) {
                throw (LiftException) e.getCause(); // the type's own validation, meant for the client
            }
            // Jackson stops at the first mapping problem; broken syntax further on is still a 400.
            JsonNode tree = syntaxChecked(body);
            if (e instanceof ValueInstantiationException) {
                String field = path(e);
                throw LiftException.unprocessable(List.of(new FieldError(field.isEmpty() ? "$" : field, "is invalid")))
                        .withCause(e);
            }
            throw LiftException.unprocessable(fieldErrors(e, tree)).withCause(e);
        } catch (JsonProcessingException e) {
            throw LiftException.badRequest("The request body is not valid JSON" + where(e.getLocation())).withCause(e);
        } catch (IOException e) {
            throw LiftException.badRequest("The request body could not be read").withCause(e);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The body as a tree, or the 400 that says where its syntax breaks. */
    private static JsonNode syntaxChecked(byte[] body) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonNode tree = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw LiftException.badRequest("The request body is not valid JSON" + where(parser.currentTokenLocation())
                        + ": unexpected content after the JSON document");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw LiftException.badRequest("The request body is not valid JSON" + where(e.getLocation())).withCause(e);
        } catch (IOException e) {
            throw LiftException.badRequest("The request body could not be read").withCause(e);
        }
    }

    /** The first problem Jackson found, plus every other required field missing from the same object. */
    private static List<FieldError> fieldErrors(JsonMappingException e, JsonNode tree) {
        String field = path(e);
        List<FieldError> errors = new ArrayList<>();
        errors.add(new FieldError(field.isEmpty() ? "$" : field, problem(e, at(tree, e.getPath()))));
        List<JsonMappingException.Reference> refs = e.getPath();
        if (!refs.isEmpty() && refs.get(refs.size() - 1).getFrom() instanceof Class) {
            List<JsonMappingException.Reference> parentRefs = refs.subList(0, refs.size() - 1);
            JsonNode owner = at(tree, parentRefs);
            if (owner != null && owner.isObject()) {
                String prefix = path(parentRefs);
                for (String name : requiredFields((Class<?>) refs.get(refs.size() - 1).getFrom())) {
                    JsonNode v = owner.get(name);
                    String p = prefix.isEmpty() ? name : prefix + "." + name;
                    if ((v == null || v.isNull()) && !p.equals(field)) {
                        errors.add(new FieldError(p, v == null ? "is required" : "must not be null"));
                    }
                }
            }
        }
        return errors;
    }

    /** What is wrong with the value at the error's path, in the client's words. */
    private static String problem(JsonMappingException e, JsonNode value) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (value == null || value.isMissingNode()) {
            return "is required";
        }
        if (value.isNull()) {
            return "must not be null";
        }
        if (e.getCause() instanceof InputCoercionException) {
            return "is out of range";
        }
        Class<?> target = e instanceof MismatchedInputException ? ((MismatchedInputException) e).getTargetType() : null;
        if (target != null && target.isEnum() && e instanceof InvalidFormatException) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (target == null) {
            return "is invalid";
        }
        String type = simpleTypeName(target);
        return "must be " + (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
    }

    /**
     * Fields Jackson insists on, as it does: creator (constructor, record) parameters that are
     * declared required or are primitives.
     */
    private static List<String> requiredFields(Class<?> type) {
        List<String> names = new ArrayList<>();
        try {
            BeanDescription bean = MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(type));
            for (BeanPropertyDefinition p : bean.findProperties()) {
                if (p.getConstructorParameter() == null) {
                    continue;
                }
                boolean primitive = p.getConstructorParameter().getRawType().isPrimitive()
                        && MAPPER.isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
                if (p.isRequired() || primitive) {
                    names.add(p.getName());
                }
            }
        } catch (RuntimeException ignored) {
            // Only an extra hint for the client; the first error is reported anyway.
        }
        return names;
    }

    private static JsonNode at(JsonNode tree, List<JsonMappingException.Reference> refs) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : refs) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node;
    }

    private static String path(JsonMappingException e) {
        return path(e.getPath());
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        return refs.stream()
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

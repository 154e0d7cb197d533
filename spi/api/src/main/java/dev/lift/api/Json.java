package dev.lift.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.AbstractDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.impl.TypeWrappedDeserializer;
import com.fasterxml.jackson.databind.deser.impl.UnsupportedTypeDeserializer;
import com.fasterxml.jackson.databind.deser.std.ContainerDeserializerBase;
import com.fasterxml.jackson.databind.deser.std.StdDelegatingDeserializer;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Jackson mapper that Lift, its adapters and typed handlers share, and the factory for
 * per-kernel mappers configured the same way. A mapper is configured once, then only used,
 * which Jackson documents as thread-safe. Readers and writers derived from it cache their
 * (de)serializers, so a typed body costs no reflection per call.
 *
 * <p><b>Dates and times.</b> {@code java.time} types work out of the box
 * (Jackson's {@code JavaTimeModule}, set up on the first java.time value so that functions that never
 * use dates do not pay for it at cold start) and are written as ISO-8601 strings, never as
 * numbers: {@code Instant} as {@code "2026-12-01T10:15:30Z"}, {@code LocalDate} as
 * {@code "2026-12-01"}, {@code OffsetDateTime} as {@code "2026-12-01T10:15:30+01:00"},
 * {@code Duration} as {@code "PT1H30M"}; {@code java.util.Date} too, as
 * {@code "2026-12-01T10:15:30.000+00:00"}. An offset or zone read is kept as sent, not moved to
 * UTC. Reading is strict ({@code LocalDate} takes no time
 * and {@code LocalDateTime} no offset); as Jackson does, an {@code Instant},
 * {@code OffsetDateTime} or {@code ZonedDateTime} also accepts epoch seconds as a JSON number,
 * a {@code Duration} seconds, and a {@code LocalDate} its {@code [2026,12,1]} array form.
 *
 * <p><b>Scalars are strict.</b> A JSON value is read only into a field of its own kind:
 * <ul>
 *   <li>a {@code String} field takes only a JSON string, not {@code 123} or {@code true};</li>
 *   <li>a number field takes only a JSON number, not {@code "12"} nor {@code ""}; an integral
 *       field ({@code int}, {@code long}, {@code Integer}, {@code BigInteger} ...) takes no
 *       fraction or exponent ({@code 1.5} and {@code 1.0} are refused), a floating-point field
 *       takes {@code 1} as well as {@code 1.5};</li>
 *   <li>a {@code boolean} field takes only {@code true} or {@code false}, not {@code 1} nor
 *       {@code "true"};</li>
 *   <li>an enum takes only one of its names, not an index;</li>
 *   <li>{@code null} for a primitive is refused.</li>
 * </ul>
 * A refused value is a 422 naming the field (see {@link #decodeBody}).
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class Json {

    private static final ObjectMapper MAPPER = newMapper(List.of());

    /** What a client is told a date or time field must look like, per type. */
    private static final Map<Class<?>, String> TIME_FORMATS = Map.ofEntries(
            Map.entry(Instant.class, "must be a date-time such as 2026-12-01T10:15:30Z"),
            Map.entry(OffsetDateTime.class, "must be a date-time with an offset such as 2026-12-01T10:15:30+01:00"),
            Map.entry(ZonedDateTime.class, "must be a date-time with an offset such as 2026-12-01T10:15:30+01:00"),
            Map.entry(LocalDateTime.class, "must be a date-time without an offset such as 2026-12-01T10:15:30"),
            Map.entry(LocalDate.class, "must be a date such as 2026-12-01"),
            Map.entry(LocalTime.class, "must be a time such as 10:15:30"),
            Map.entry(OffsetTime.class, "must be a time with an offset such as 10:15:30+01:00"),
            Map.entry(Duration.class, "must be a duration such as PT15M"),
            Map.entry(Period.class, "must be a period such as P1Y2M3D"),
            Map.entry(Year.class, "must be a year such as 2026"),
            Map.entry(YearMonth.class, "must be a year and month such as 2026-12"),
            Map.entry(MonthDay.class, "must be a month and day such as --12-01"),
            Map.entry(ZoneId.class, "must be a time zone such as Europe/Berlin"),
            Map.entry(ZoneOffset.class, "must be an offset such as +01:00"),
            Map.entry(Date.class, "must be a date-time such as 2026-12-01T10:15:30Z"));

    private Json() {
    }

    /** The shared mapper. Do not reconfigure it; derive readers and writers instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A new mapper with Lift's configuration (the one {@link #mapper()} has) plus the given
     * modules, for a kernel that builds one mapper from the modules its plugins contribute.
     * Modules are registered after Lift's own, in the order given, so a module's serializers
     * and deserializers win over Lift's defaults; a module whose type id is already registered
     * (a second {@code JavaTimeModule}, say) is skipped, as Jackson does.
     *
     * <p>Configure the returned mapper before its first use, then only use it.
     *
     * @param extraModules modules to register; may be empty, never {@code null}
     * @since 0.1
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public static ObjectMapper newMapper(Collection<? extends Module> extraModules) {
        Objects.requireNonNull(extraModules, "extraModules");
        JsonMapper.Builder builder = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(new LazyJavaTimeModule()) // java.time support, set up on the first java.time value
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE) // keep the client's offset
                .defaultLeniency(Boolean.FALSE)
                // Strict scalars: numbers, booleans and dates only from their own JSON kind...
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // ...and strings too, which ALLOW_COERCION_OF_SCALARS leaves alone.
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        for (Module module : extraModules) {
            builder.addModule(Objects.requireNonNull(module, "a module in extraModules is null"));
        }
        return builder.build();
    }

    /**
     * Writes a response value as JSON bytes. When Jackson cannot write it (a type that needs a
     * module not registered, a getter that throws, a value that refers to itself) this throws
     * an {@link IllegalStateException} whose message names the value's type, Jackson's reason
     * and the field, with Jackson's exception as the cause: a programming error, for the kernel
     * to answer as a 500 and to log, never a message for the client.
     *
     * @param value the value; {@code null} is written as {@code null}
     * @since 0.1
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public static byte[] writeBody(ObjectMapper mapper, Object value) {
        Objects.requireNonNull(mapper, "mapper");
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException ? path((JsonMappingException) e) : "";
            throw new IllegalStateException("Lift cannot write a response of type "
                    + (value == null ? "null" : value.getClass().getName()) + " as JSON: " + e.getOriginalMessage()
                    + (field.isEmpty() ? "" : " (field " + field + ")"), e);
        }
    }

    /**
     * Why {@code mapper} cannot read a JSON value of {@code type}, in Jackson's own words, or
     * empty when it can. Meant for boot, once per body type, so that a route whose body type
     * can never be read fails before the first request instead of answering every request
     * with a 500.
     *
     * <p>Jackson builds a deserializer for almost any type and reports some dead ends only on
     * the first read: an interface or abstract class without type information, a class without
     * a usable constructor, a type that needs a module not registered ({@code Optional} without
     * {@code jackson-datatype-jdk8}). This check finds those too, in the type itself and in its
     * fields, list elements and map values (not in the subtypes of a polymorphic type), and names
     * the field in which it found one. It runs no constructor of the application.
     *
     * @since 0.1
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public static Optional<String> unreadableReason(Type type, ObjectMapper mapper) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mapper, "mapper");
        try {
            JavaType javaType = mapper.constructType(type);
            DeserializationContext ctxt = context(mapper, null);
            return deadEnd(ctxt.findRootValueDeserializer(javaType), false, "", mapper,
                    Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (JsonMappingException e) {
            return Optional.of(e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return Optional.of(String.valueOf(e.getMessage())); // Jackson's word for a type it cannot resolve
        }
    }

    private static DefaultDeserializationContext context(ObjectMapper mapper, JsonParser parser) {
        return ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), parser, mapper.getInjectableValues());
    }

    /** The first deserializer in the graph that can only fail, with Jackson's message and where it sits. */
    private static Optional<String> deadEnd(JsonDeserializer<?> deser, boolean typed, String at, ObjectMapper mapper,
                                            Set<JsonDeserializer<?>> seen) throws JsonMappingException {
        if (deser == null || !seen.add(deser)) {
            return Optional.empty();
        }
        if (deser instanceof TypeWrappedDeserializer) {
            return deadEnd(((TypeWrappedDeserializer) deser).getDelegatee(), true, at, mapper, seen);
        }
        if (deser instanceof StdDelegatingDeserializer) {
            return deadEnd(((StdDelegatingDeserializer<?>) deser).getDelegatee(), typed, at, mapper, seen);
        }
        if (deser instanceof UnsupportedTypeDeserializer) {
            return failureOf(deser, at, mapper);
        }
        if (deser instanceof AbstractDeserializer) {
            // Fine when type information names the concrete class, on the property or on the type.
            boolean hasTypeInfo = typed || mapper.getDeserializationContext().getFactory().findTypeDeserializer(
                    mapper.getDeserializationConfig(), mapper.constructType(deser.handledType())) != null;
            return hasTypeInfo ? Optional.empty() : failureOf(deser, at, mapper);
        }
        if (deser instanceof BeanDeserializerBase) {
            BeanDeserializerBase bean = (BeanDeserializerBase) deser;
            if (!bean.getValueInstantiator().canInstantiate()) {
                return failureOf(deser, at, mapper); // no creator at all, so no application code runs
            }
            for (Iterator<SettableBeanProperty> it = bean.properties(); it.hasNext(); ) {
                SettableBeanProperty p = it.next();
                if (p.hasValueDeserializer()) {
                    Optional<String> found = deadEnd(p.getValueDeserializer(), p.getValueTypeDeserializer() != null,
                            at.isEmpty() ? p.getName() : at + "." + p.getName(), mapper, seen);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        }
        if (deser instanceof ContainerDeserializerBase) {
            return deadEnd(((ContainerDeserializerBase<?>) deser).getContentDeserializer(), false, at + "[]", mapper, seen);
        }
        return Optional.empty();
    }

    /**
     * Jackson's own message for a deserializer that can only fail: it is asked to read {@code {}},
     * which such a deserializer refuses as a bad definition before touching anything else.
     */
    private static Optional<String> failureOf(JsonDeserializer<?> deser, String at, ObjectMapper mapper) {
        try (JsonParser parser = mapper.createParser("{}")) {
            parser.nextToken();
            deser.deserialize(parser, context(mapper, parser));
            return Optional.empty();
        } catch (InvalidDefinitionException e) {
            return Optional.of(e.getOriginalMessage() + (at.isEmpty() ? "" : " (field " + at + ")"));
        } catch (IOException e) {
            return Optional.empty(); // not a definition problem, so reading other input may work
        }
    }

    /**
     * Decodes a request body with a reader built once for its type. Broken JSON becomes a 400
     * that says where it broke (line and column), wherever in the body it breaks; a body of the
     * wrong shape becomes a 422 whose field errors name each field found wrong: {@code "is
     * required"}, {@code "must not be null"}, {@code "must be a string"}, {@code "must be a
     * number"}, {@code "must be a whole number"}, {@code "must be a boolean"}, {@code "must be one
     * of A, B"}, {@code "must be a date such as 2026-12-01"} (each date and time type names its
     * own form), {@code "is not a known field"}, {@code "is out of range"}. What counts as the
     * wrong kind of value is the strict rule in this class's description. A missing required field
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
            throw LiftException.unprocessable(fieldErrors(e, tree, reader.getConfig())).withCause(e);
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
    private static List<FieldError> fieldErrors(JsonMappingException e, JsonNode tree, DeserializationConfig config) {
        String field = path(e);
        List<FieldError> errors = new ArrayList<>();
        errors.add(new FieldError(field.isEmpty() ? "$" : field, problem(e, at(tree, e.getPath()))));
        List<JsonMappingException.Reference> refs = e.getPath();
        if (!refs.isEmpty() && refs.get(refs.size() - 1).getFrom() instanceof Class) {
            List<JsonMappingException.Reference> parentRefs = refs.subList(0, refs.size() - 1);
            JsonNode owner = at(tree, parentRefs);
            if (owner != null && owner.isObject()) {
                String prefix = path(parentRefs);
                for (String name : requiredFields((Class<?>) refs.get(refs.size() - 1).getFrom(), config)) {
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
        String timeFormat = TIME_FORMATS.get(target);
        if (timeFormat != null) {
            return timeFormat;
        }
        if (value.isNumber() && isIntegral(target)) {
            return "must be a whole number"; // a fraction or exponent; out of range is caught above
        }
        String type = simpleTypeName(target);
        return "must be " + (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
    }

    /**
     * Fields Jackson insists on, as it does: creator (constructor, record) parameters that are
     * declared required or are primitives.
     */
    private static List<String> requiredFields(Class<?> type, DeserializationConfig config) {
        List<String> names = new ArrayList<>();
        try {
            BeanDescription bean = config.introspect(config.constructType(type));
            for (BeanPropertyDefinition p : bean.findProperties()) {
                if (p.getConstructorParameter() == null) {
                    continue;
                }
                boolean primitive = p.getConstructorParameter().getRawType().isPrimitive()
                        && config.isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
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

    private static boolean isIntegral(Class<?> type) {
        return type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class;
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

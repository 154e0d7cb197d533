package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import java.util.Optional;

/** Whether Jackson can read a body type: the build-time check behind {@code lift routes} and the test kit. */
final class BodyTypes {

    private BodyTypes() {
    }

    /** Jackson's reason it cannot build a deserializer for the type, or empty when it can. */
    static Optional<String> unreadable(Class<?> type, ObjectMapper mapper) {
        JavaType javaType = mapper.constructType(type);
        try {
            // Unlike readerFor(), which swallows the failure, this reports Jackson's own reason.
            DefaultDeserializationContext ctxt = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                    .createInstance(mapper.getDeserializationConfig(), null, mapper.getInjectableValues());
            ctxt.findRootValueDeserializer(javaType);
            return Optional.empty();
        } catch (Exception e) {
            String message = e instanceof com.fasterxml.jackson.core.JacksonException
                    ? ((com.fasterxml.jackson.core.JacksonException) e).getOriginalMessage() : e.getMessage();
            return Optional.of(message);
        }
    }
}

package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.spi.EventConverter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The installed event converters, with the one that produces each type remembered. */
final class Converters {

    private final List<EventConverter> converters;
    private final Map<Class<?>, Optional<EventConverter>> byType = new ConcurrentHashMap<>();

    Converters(List<EventConverter> converters) {
        this.converters = List.copyOf(converters);
    }

    <T> T convert(JsonNode raw, Class<T> type) {
        EventConverter c = byType.computeIfAbsent(type, t -> {
            for (EventConverter candidate : converters) {
                if (candidate.canConvert(t)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }).orElseThrow(() -> new IllegalStateException("No installed event converter produces " + type.getName()
                + (converters.isEmpty() ? "; add a converter plugin such as lift-events-aws"
                : "; installed converters: " + ids())));
        return type.cast(c.convert(raw, type));
    }

    private String ids() {
        StringBuilder sb = new StringBuilder();
        for (EventConverter c : converters) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c.id());
        }
        return sb.toString();
    }
}

package dev.lift.plugins.badexample;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.LiftEvent;

/** Deliberately wrong: an adapter no META-INF/services file lists. Only the rule tests import it. */
public final class UnregisteredAdapter implements EventAdapter {

    @Override
    public String id() {
        return "unregistered";
    }

    @Override
    public EventKind kind() {
        return EventKind.HTTP;
    }

    @Override
    public boolean matches(JsonNode event) {
        return false;
    }

    @Override
    public LiftEvent decode(JsonNode event) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void encode(LiftEvent event, Object result, JsonGenerator out) {
        throw new UnsupportedOperationException();
    }
}

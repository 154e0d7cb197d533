package dev.lift.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Lambda Java runtime fails when ServiceLoader finds more than one CustomPojoSerializer. */
class NoCustomPojoSerializerTest {

    @Test
    void no_module_ships_a_custom_pojo_serializer() {
        String service = "com.amazonaws.services.lambda.runtime.CustomPojoSerializer";

        assertEquals(List.of(), ServiceRegistration.filesFor(service),
                "a module registers a " + service + "; the runtime would clash with the user's own");
    }
}

package dev.lift.plugins.failsafe;

import dev.lift.spi.resilience.ResiliencePolicies;
import dev.lift.spi.resilience.ResiliencePolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The policies named in {@code lift.resilience-failsafe.policies}, by name. Immutable. */
final class FailsafePolicies implements ResiliencePolicies {

    private final Map<String, FailsafePolicy> byName;

    FailsafePolicies(Map<String, FailsafePolicy> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    @Override
    public ResiliencePolicy policy(String name) {
        FailsafePolicy p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException(byName.isEmpty()
                    ? "No resilience policy named '" + name + "': none is configured; list them in "
                            + "lift.resilience-failsafe.policies (env LIFT_RESILIENCE_FAILSAFE_POLICIES)"
                    : "No resilience policy named '" + name + "'; known policies: " + String.join(", ", byName.keySet()));
        }
        return p;
    }

    @Override
    public Set<String> names() {
        return byName.keySet();
    }

    Map<String, FailsafePolicy> all() {
        return byName;
    }
}

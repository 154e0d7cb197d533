package dev.lift.plugins.failsafe;

import dev.lift.plugins.testsupport.TestPluginContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.spi.HealthResult;
import dev.lift.spi.ResourceProvider;
import dev.lift.api.SettingException;
import dev.lift.spi.resilience.ResiliencePolicies;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.LogCapture;

/** Policies by name from settings; bad settings fail boot naming the setting. */
class FailsafeResourceProviderTest {
    private LogCapture log;

    @BeforeEach
    void captureLogs() {
        log = LogCapture.on("lift.resilience-failsafe");
    }

    @AfterEach
    void releaseLogs() {
        log.close();
    }

    private static ResiliencePolicies open(Map<String, String> settings) {
        return new FailsafeResourceProvider().open(new TestPluginContext(FailsafeResourceProvider.ID, settings));
    }

    @Test
    void policiesAreLookedUpByName() {
        ResiliencePolicies policies = open(Map.of("policies", "payments, search", "payments.retry.max-attempts", "3",
                "search.timeout", "2s"));
        assertEquals(List.of("payments", "search"), List.copyOf(policies.names()));
        assertEquals("search", policies.policy("search").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policies.policy("paymnts"));
        assertEquals("No resilience policy named 'paymnts'; known policies: payments, search", e.getMessage());
    }

    @Test
    void withoutPoliciesTheLookupSaysWhatToSet() {
        ResiliencePolicies none = open(Map.of());
        assertEquals(List.of(), List.copyOf(none.names()));
        assertEquals("No resilience policy named 'payments': none is configured; list them in "
                + "lift.resilience-failsafe.policies (env LIFT_RESILIENCE_FAILSAFE_POLICIES)",
                assertThrows(IllegalArgumentException.class, () -> none.policy("payments")).getMessage());
    }

    private static String bootError(Map<String, String> settings) {
        return assertThrows(SettingException.class, () -> open(settings)).getMessage();
    }

    @Test
    void badSettingsFailBootNamingTheSetting() {
        assertEquals("Invalid setting lift.resilience-failsafe.policies (env LIFT_RESILIENCE_FAILSAFE_POLICIES): "
                + "'payments,,search' is not allowed; expected a comma-separated list of distinct policy names of lower-case "
                + "letters, digits and '-', such as payments,search (an entry is blank)",
                bootError(Map.of("policies", "payments,,search")));
        assertEquals("Invalid setting lift.resilience-failsafe.policies (env LIFT_RESILIENCE_FAILSAFE_POLICIES): "
                + "'Payments' is not allowed; expected a comma-separated list of distinct policy names of lower-case "
                + "letters, digits and '-', such as payments,search ('Payments' is not a valid name)",
                bootError(Map.of("policies", "Payments")));
        assertEquals("Invalid setting lift.resilience-failsafe.payments.retry.max-attempts "
                + "(env LIFT_RESILIENCE_FAILSAFE_PAYMENTS_RETRY_MAX_ATTEMPTS): '0' is not allowed; expected a whole number "
                + "from 1 to 100", bootError(Map.of("policies", "payments", "payments.retry.max-attempts", "0")));
        assertEquals("Invalid setting lift.resilience-failsafe.payments.retry.jitter "
                + "(env LIFT_RESILIENCE_FAILSAFE_PAYMENTS_RETRY_JITTER): '1.5' is not allowed; expected a number from 0 to 1, "
                + "such as 0.2", bootError(Map.of("policies", "payments", "payments.retry.jitter", "1.5")));
        assertEquals("Invalid setting lift.resilience-failsafe.payments.retry.max-delay "
                + "(env LIFT_RESILIENCE_FAILSAFE_PAYMENTS_RETRY_MAX_DELAY): '50ms' is not allowed; expected a duration no "
                + "shorter than payments.retry.delay (100 ms)",
                bootError(Map.of("policies", "payments", "payments.retry.max-delay", "50ms")));
        assertEquals("Invalid setting lift.resilience-failsafe.payments.timeout (env LIFT_RESILIENCE_FAILSAFE_PAYMENTS_TIMEOUT): "
                + "'0ms' is not allowed; expected a duration greater than zero",
                bootError(Map.of("policies", "payments", "payments.timeout", "0ms")));
        assertEquals("Invalid setting lift.resilience-failsafe.payments.breaker.delay "
                + "(env LIFT_RESILIENCE_FAILSAFE_PAYMENTS_BREAKER_DELAY): 'soon' is not allowed; expected a duration such "
                + "as 300ms, 2s, 1m or PT0.3S", bootError(Map.of("policies", "payments", "payments.breaker.delay", "soon")));
        assertEquals("Invalid setting lift.resilience-failsafe.payments.transient-errors "
                + "(env LIFT_RESILIENCE_FAILSAFE_PAYMENTS_TRANSIENT_ERRORS): 'RateLimited' is not allowed; expected a "
                + "comma-separated list of fully qualified exception class names, such as java.net.http.HttpTimeoutException",
                bootError(Map.of("policies", "payments", "payments.transient-errors", "RateLimited")));
    }

    @Test
    void aPolicyWithoutAnyPartIsAWarningAndRunsCallsAsTheyAre() throws Exception {
        ResiliencePolicies p = open(Map.of("policies", "bare"));
        assertEquals("ok", p.policy("bare").call(null, () -> "ok"));
        assertEquals(Level.WARNING, log.records(Level.INFO).get(0).getLevel());
        assertEquals("Resilience policy 'bare' has no retry, breaker, timeout or bulkhead settings (such as "
                + "lift.resilience-failsafe.bare.retry.max-attempts); calls through it are only kept within the Lambda deadline",
                log.records(Level.INFO).get(0).getMessage());
    }

    @Test
    void healthIsUpWithoutBreakers() {
        FailsafeResourceProvider provider = new FailsafeResourceProvider();
        ResiliencePolicies p = provider.open(new TestPluginContext(FailsafeResourceProvider.ID, Map.of("policies", "payments",
                "payments.retry.max-attempts", "2")));
        assertEquals(new HealthResult(HealthResult.Status.UP, Map.of()), provider.check(p));
    }

    @Test
    void isFoundByServiceLoaderAsAResourceProviderOfResiliencePolicies() {
        @SuppressWarnings("rawtypes")
        List<ResourceProvider> found = ServiceLoader.load(ResourceProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertTrue(found.stream().anyMatch(p -> p instanceof FailsafeResourceProvider), found.toString());
        FailsafeResourceProvider p = new FailsafeResourceProvider();
        assertEquals("resilience-failsafe", p.id());
        assertEquals(ResiliencePolicies.class, p.type());
    }
}

package dev.lift.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.lift.plugins.badexample.PluginThatBootsItsOwnKernel;
import dev.lift.plugins.badexample.PluginThatHoldsAKernelInternal;
import dev.lift.plugins.badexample.UnregisteredAdapter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules fail on deliberately bad classes, so a passing rule means something. */
class RulesBiteTest {

    @Test
    void a_plugin_that_uses_the_kernel_api_breaks_plugins_depend_on_spi_only() {
        JavaClasses bad = new ClassFileImporter().importClasses(PluginThatBootsItsOwnKernel.class);

        EvaluationResult result = LiftArchitectureTest.plugins_depend_on_spi_only.evaluate(bad);

        assertTrue(result.hasViolation());
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("dev.lift.plugins.badexample.PluginThatBootsItsOwnKernel"), report);
        assertTrue(report.contains("dev.lift.kernel.Lift"), report);
        assertTrue(report.contains("dev.lift.kernel.LiftKernel"), report);
    }

    @Test
    void a_plugin_that_uses_a_kernel_internal_breaks_both_plugin_and_internal_rules() {
        JavaClasses bad = new ClassFileImporter().importClasses(PluginThatHoldsAKernelInternal.class);

        for (EvaluationResult result : List.of(
                LiftArchitectureTest.plugins_depend_on_spi_only.evaluate(bad),
                LiftArchitectureTest.kernel_internals_are_not_used_outside_the_kernel.evaluate(bad))) {
            assertTrue(result.hasViolation());
            String report = String.join("\n", result.getFailureReport().getDetails());
            assertTrue(report.contains("dev.lift.plugins.badexample.PluginThatHoldsAKernelInternal"), report);
            assertTrue(report.contains("dev.lift.kernel.internal.Kernel"), report);
        }
    }

    @Test
    void using_the_public_kernel_api_is_not_mistaken_for_using_its_internals() {
        JavaClasses bad = new ClassFileImporter().importClasses(PluginThatBootsItsOwnKernel.class);

        EvaluationResult result = LiftArchitectureTest.kernel_internals_are_not_used_outside_the_kernel.evaluate(bad);

        assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
    }

    @Test
    void an_adapter_missing_from_META_INF_services_breaks_the_registration_rule() {
        JavaClasses bad = new ClassFileImporter().importClasses(UnregisteredAdapter.class);

        EvaluationResult result =
                LiftArchitectureTest.every_spi_implementation_is_registered_in_META_INF_services.evaluate(bad);

        assertTrue(result.hasViolation());
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("dev.lift.plugins.badexample.UnregisteredAdapter implements dev.lift.spi.EventAdapter "
                + "but is not listed in META-INF/services/dev.lift.spi.EventAdapter"), report);
    }

    @Test
    void a_registered_adapter_satisfies_the_registration_rule() throws Exception {
        // Read from the class path, so this also proves the rule finds the modules' service files.
        JavaClasses good = new ClassFileImporter().importClasses(
                Class.forName("dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter"));

        EvaluationResult result =
                LiftArchitectureTest.every_spi_implementation_is_registered_in_META_INF_services.evaluate(good);

        assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
    }
}

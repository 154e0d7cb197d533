package dev.lift.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.lift.api.badexample.ApiTypeThatUsesTheContracts;
import dev.lift.api.badexample.ApiTypeWithoutStatus;
import dev.lift.badexample.cycle.first.First;
import dev.lift.badexample.cycle.second.Second;
import dev.lift.cli.badexample.CommandThatUsesAKernelInternal;
import dev.lift.events.badexample.EventThatUsesTheContracts;
import dev.lift.example.badexample.AppThatUsesTheContractsAndTheKernel;
import dev.lift.kernel.badexample.KernelPartThatLeavesTheContracts;
import dev.lift.plugins.badexample.PluginThatBootsItsOwnKernel;
import dev.lift.plugins.badexample.PluginThatHoldsAKernelInternal;
import dev.lift.plugins.badexample.PluginThatUsesAnotherPlugin;
import dev.lift.plugins.badexample.PluginThatUsesTestSupport;
import dev.lift.plugins.badexample.PluginThatUsesTheTestKit;
import dev.lift.plugins.badexample.UnregisteredAdapter;
import dev.lift.spi.badexample.ContractThatUsesSupportAndEvents;
import dev.lift.spi.support.badexample.HelperThatUsesTheEvents;
import dev.lift.test.badexample.TestKitPartThatUsesAKernelInternal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The rules fail on deliberately bad classes, so a passing rule means something. The bad classes
 * live in this module's test sources, in packages the rules cover; {@link LiftArchitectureTest}
 * never sees them because it imports production classes only.
 */
class RulesBiteTest {

    @Test
    void an_api_type_that_uses_a_contract_breaks_the_api_rule() {
        String report = violations(LiftArchitectureTest.api_depends_on_nothing_but_the_jdk_and_jackson,
                ApiTypeThatUsesTheContracts.class);

        assertTrue(report.contains("dev.lift.api.badexample.ApiTypeThatUsesTheContracts.health"), report);
        assertTrue(report.contains("dev.lift.spi.HealthResult"), report);
    }

    @Test
    void an_event_type_that_uses_a_contract_breaks_the_events_rule() {
        String report = violations(LiftArchitectureTest.events_depend_only_on_the_api_the_jdk_and_jackson,
                EventThatUsesTheContracts.class);

        assertTrue(report.contains("dev.lift.events.badexample.EventThatUsesTheContracts.health"), report);
        assertTrue(report.contains("dev.lift.spi.HealthResult"), report);
    }

    @Test
    void a_contract_that_uses_the_events_or_an_adapter_helper_breaks_the_contracts_rule() {
        String report = violations(LiftArchitectureTest.contracts_depend_only_on_the_api_the_jdk_and_jackson,
                ContractThatUsesSupportAndEvents.class);

        assertTrue(report.contains("dev.lift.spi.badexample.ContractThatUsesSupportAndEvents.message()"), report);
        assertTrue(report.contains("dev.lift.events.SqsMessage"), report);
        assertTrue(report.contains("dev.lift.spi.support.UrlEncoding.decode("), report);
    }

    @Test
    void an_adapter_helper_that_uses_the_events_breaks_the_support_rule() {
        String report = violations(
                LiftArchitectureTest.support_depends_only_on_the_api_the_contracts_the_jdk_and_jackson,
                HelperThatUsesTheEvents.class);

        assertTrue(report.contains("dev.lift.spi.support.badexample.HelperThatUsesTheEvents.message"), report);
        assertTrue(report.contains("dev.lift.events.SqsMessage"), report);
    }

    @Test
    void kernel_code_that_leaves_the_contracts_breaks_the_kernel_rule_but_the_contracts_are_fine() {
        String report = violations(
                LiftArchitectureTest.kernel_depends_only_on_the_api_the_contracts_and_the_lambda_runtime_interfaces,
                KernelPartThatLeavesTheContracts.class);

        assertTrue(report.contains("dev.lift.events.SqsMessage"), report);
        assertTrue(report.contains("dev.lift.plugins.sqs.SqsAdapter"), report);
        assertTrue(report.contains("dev.lift.spi.support.UrlEncoding.decode("), report);
        assertFalse(report.contains("dev.lift.spi.HealthResult"), report);
    }

    @Test
    void a_plugin_that_uses_the_kernel_api_breaks_the_plugin_rule() {
        String report = violations(LiftArchitectureTest.plugins_depend_on_no_lift_module_but_the_spi,
                PluginThatBootsItsOwnKernel.class);

        assertTrue(report.contains("dev.lift.plugins.badexample.PluginThatBootsItsOwnKernel"), report);
        assertTrue(report.contains("dev.lift.kernel.Lift"), report);
        assertTrue(report.contains("dev.lift.kernel.LiftKernel"), report);
    }

    @Test
    void a_plugin_that_uses_the_test_kit_breaks_the_plugin_rule() {
        String report = violations(LiftArchitectureTest.plugins_depend_on_no_lift_module_but_the_spi,
                PluginThatUsesTheTestKit.class);

        assertTrue(report.contains("dev.lift.plugins.badexample.PluginThatUsesTheTestKit.kit"), report);
        assertTrue(report.contains("dev.lift.test.LiftTestKit"), report);
    }

    @Test
    void a_plugin_that_uses_a_kernel_internal_breaks_both_plugin_and_internal_rules() {
        for (ArchRule rule : List.of(LiftArchitectureTest.plugins_depend_on_no_lift_module_but_the_spi,
                LiftArchitectureTest.kernel_internals_are_not_used_outside_the_kernel)) {
            String report = violations(rule, PluginThatHoldsAKernelInternal.class);

            assertTrue(report.contains("dev.lift.plugins.badexample.PluginThatHoldsAKernelInternal"), report);
            assertTrue(report.contains("dev.lift.kernel.internal.Kernel"), report);
        }
    }

    @Test
    void using_the_public_kernel_api_is_not_mistaken_for_using_its_internals() {
        assertNoViolation(LiftArchitectureTest.kernel_internals_are_not_used_outside_the_kernel,
                PluginThatBootsItsOwnKernel.class);
    }

    @Test
    void a_plugin_that_uses_another_plugin_breaks_the_slices_rule() throws Exception {
        String report = violations(LiftArchitectureTest.plugins_do_not_depend_on_each_other,
                PluginThatUsesAnotherPlugin.class, Class.forName("dev.lift.plugins.sqs.SqsAdapter"));

        assertTrue(report.contains("dev.lift.plugins.badexample.PluginThatUsesAnotherPlugin.sqs"), report);
        assertTrue(report.contains("dev.lift.plugins.sqs.SqsAdapter"), report);
    }

    @Test
    void production_code_that_uses_the_plugin_test_support_breaks_the_test_support_rule() {
        String report = violations(LiftArchitectureTest.no_production_code_depends_on_the_plugin_test_support,
                PluginThatUsesTestSupport.class);

        assertTrue(report.contains("dev.lift.plugins.badexample.PluginThatUsesTestSupport.app"), report);
        assertTrue(report.contains("dev.lift.plugins.testsupport.TestApp"), report);
    }

    @Test
    void an_example_that_uses_the_contracts_or_the_kernel_breaks_the_example_rule() {
        String report = violations(LiftArchitectureTest.example_app_depends_only_on_the_api_and_the_events,
                AppThatUsesTheContractsAndTheKernel.class);

        assertTrue(report.contains("dev.lift.example.badexample.AppThatUsesTheContractsAndTheKernel.health"), report);
        assertTrue(report.contains("dev.lift.spi.HealthResult"), report);
        assertTrue(report.contains("dev.lift.kernel.Lift"), report);
    }

    @Test
    void test_kit_code_that_holds_a_kernel_internal_breaks_the_public_kernel_rule_but_the_public_api_is_fine() {
        String report = violations(LiftArchitectureTest.test_kit_and_cli_use_only_the_public_kernel_package,
                TestKitPartThatUsesAKernelInternal.class);

        assertTrue(report.contains("dev.lift.test.badexample.TestKitPartThatUsesAKernelInternal.internal"), report);
        assertTrue(report.contains("dev.lift.kernel.internal.Kernel"), report);
        assertFalse(report.contains("dev.lift.kernel.LiftKernel"), report);
    }

    @Test
    void a_cli_command_that_calls_a_kernel_internal_breaks_the_public_kernel_rule() {
        String report = violations(LiftArchitectureTest.test_kit_and_cli_use_only_the_public_kernel_package,
                CommandThatUsesAKernelInternal.class);

        assertTrue(report.contains("dev.lift.cli.badexample.CommandThatUsesAKernelInternal.plugins()"), report);
        assertTrue(report.contains("dev.lift.kernel.internal.PluginRegistry.load("), report);
    }

    @Test
    void the_real_test_kit_and_cli_satisfy_the_public_kernel_rule() throws Exception {
        // Read from the class path: the rule judges them by the same bytes the main import sees.
        assertNoViolation(LiftArchitectureTest.test_kit_and_cli_use_only_the_public_kernel_package,
                Class.forName("dev.lift.test.LiftTestKit"), Class.forName("dev.lift.cli.LiftCli"));
    }

    @Test
    void two_packages_that_use_each_other_break_the_cycle_rule() {
        String report = violations(LiftArchitectureTest.packages_are_free_of_cycles, First.class, Second.class);

        assertTrue(report.contains("Cycle detected"), report);
        assertTrue(report.contains("dev.lift.badexample.cycle.first.First.second"), report);
        assertTrue(report.contains("dev.lift.badexample.cycle.second.Second.first"), report);
    }

    @Test
    void a_public_api_type_without_api_status_breaks_the_annotation_rule() {
        String report = violations(LiftArchitectureTest.public_spi_types_are_annotated_with_api,
                ApiTypeWithoutStatus.class, ApiTypeThatUsesTheContracts.class);

        assertTrue(report.contains("dev.lift.api.badexample.ApiTypeWithoutStatus"), report);
        assertFalse(report.contains("ApiTypeThatUsesTheContracts"), report);
    }

    @Test
    void an_adapter_missing_from_META_INF_services_breaks_the_registration_rule() {
        String report = violations(LiftArchitectureTest.every_spi_implementation_is_registered_in_META_INF_services,
                UnregisteredAdapter.class);

        assertTrue(report.contains("dev.lift.plugins.badexample.UnregisteredAdapter implements dev.lift.spi.EventAdapter "
                + "but is not listed in META-INF/services/dev.lift.spi.EventAdapter"), report);
    }

    @Test
    void a_registered_adapter_satisfies_the_registration_rule_and_test_support_is_not_a_plugin() throws Exception {
        // Read from the class path, so this also proves the rule finds the modules' service files.
        assertNoViolation(LiftArchitectureTest.every_spi_implementation_is_registered_in_META_INF_services,
                Class.forName("dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter"),
                Class.forName("dev.lift.plugins.testsupport.TestApp"));
    }

    @Test
    void an_import_that_misses_modules_fails_the_sanity_check() {
        JavaClasses few = new ClassFileImporter().importClasses(First.class, Second.class);

        assertThrows(AssertionFailedError.class, () -> LiftArchitectureTest.the_import_holds_every_module(few));
    }

    /** The rule's failure report over exactly these classes; fails the test when there is none. */
    private static String violations(ArchRule rule, Class<?>... classes) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(classes));
        assertTrue(result.hasViolation(), () -> "no violation of: " + rule.getDescription());
        return String.join("\n", result.getFailureReport().getDetails());
    }

    private static void assertNoViolation(ArchRule rule, Class<?>... classes) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(classes));
        assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
    }
}

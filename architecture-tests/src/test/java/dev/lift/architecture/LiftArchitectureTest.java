package dev.lift.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layout rules of DESIGN.md, checked against the production classes of every Lift module
 * (each module is a test dependency of this one; test classes are left out).
 */
@AnalyzeClasses(packages = "dev.lift", importOptions = ImportOption.DoNotIncludeTests.class)
class LiftArchitectureTest {

    /** Every plugin module's package; the sanity check requires classes from each. */
    static final List<String> PLUGIN_PACKAGES = List.of(
            "dev.lift.plugins.apigatewayv2", "dev.lift.plugins.apigatewayv1", "dev.lift.plugins.alb",
            "dev.lift.plugins.websocket", "dev.lift.plugins.sqs", "dev.lift.plugins.sns", "dev.lift.plugins.s3",
            "dev.lift.plugins.eventbridge", "dev.lift.plugins.scheduled", "dev.lift.plugins.dynamodb", "dev.lift.plugins.kinesis",
            "dev.lift.plugins.awsevents", "dev.lift.plugins.problem", "dev.lift.plugins.failsafe");

    @ArchTest
    static final ArchRule spi_depends_on_no_lift_module_and_no_library_but_jackson =
            classes().that().resideInAnyPackage("dev.lift.api..", "dev.lift.events..", "dev.lift.spi..")
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                            "dev.lift.api..", "dev.lift.events..", "dev.lift.spi..")
                    .because("every plugin compiles against lift-spi alone, so the SPI may bring nothing "
                            + "but the JDK and Jackson onto a plugin's class path");

    @ArchTest
    static final ArchRule kernel_never_depends_on_a_plugin =
            noClasses().that().resideInAPackage("dev.lift.kernel..")
                    .should().dependOnClassesThat().resideInAnyPackage("dev.lift.plugins..", "dev.lift.example..",
                            "dev.lift.cli..")
                    .because("the kernel must boot with zero plugins and know plugins only through the SPI");

    @ArchTest
    static final ArchRule plugins_depend_on_spi_only =
            noClasses().that().resideInAPackage("dev.lift.plugins..")
                    .should().dependOnClassesThat().resideInAnyPackage("dev.lift.kernel..", "dev.lift.cli..",
                            "dev.lift.example..")
                    .because("a plugin is compiled against lift-spi (provided) and must run under any kernel "
                            + "that implements that SPI version");

    @ArchTest
    static final ArchRule plugins_do_not_depend_on_each_other =
            slices().matching("dev.lift.plugins.(*)..").should().notDependOnEachOther()
                    .because("each plugin is its own jar that users add or leave out independently");

    @ArchTest
    static final ArchRule kernel_internals_are_not_used_outside_the_kernel =
            noClasses().that().resideOutsideOfPackage("dev.lift.kernel..")
                    .should().dependOnClassesThat().resideInAPackage("dev.lift.kernel.internal..")
                    .because("only the kernel's bootstrap and entry API is public; its internals may change "
                            + "in any release");

    @ArchTest
    static final ArchRule packages_are_free_of_cycles =
            slices().matching("dev.lift.(**)").should().beFreeOfCycles()
                    .because("package cycles make modules impossible to split, test or replace on their own");

    @ArchTest
    static final ArchRule every_spi_implementation_is_registered_in_META_INF_services =
            classes().that().resideInAnyPackage("dev.lift.plugins..", "dev.lift.example..")
                    .and().arePublic()
                    .and().areNotInterfaces()
                    .and().doNotHaveModifier(JavaModifier.ABSTRACT)
                    .and(implementAnExtensionPoint())
                    .should(ServiceRegistration.beListedInMetaInfServicesForEachExtensionPoint())
                    .because("the kernel discovers plugins with ServiceLoader, one extension point at a time; "
                            + "an unregistered implementation is silently never loaded");

    @ArchTest
    static final ArchRule public_spi_types_are_annotated_with_api =
            classes().that().resideInAnyPackage("dev.lift.api..", "dev.lift.events..", "dev.lift.spi..")
                    .and().arePublic()
                    .and().areTopLevelClasses()
                    .should().beAnnotatedWith("dev.lift.api.Api")
                    .because("plugin authors must see how far they can rely on each SPI type and since when "
                            + "it exists; nested types share the status of the type that encloses them");

    /** Guards every rule above: an import that found nothing would let them all pass. */
    @ArchTest
    static void the_import_holds_every_module(JavaClasses classes) {
        assertTrue(classes.size() > 60, () -> "only " + classes.size() + " classes were imported");
        assertTrue(classes.contain("dev.lift.kernel.Lift"), "dev.lift.kernel.Lift was not imported");
        assertTrue(classes.contain("dev.lift.kernel.internal.Kernel"), "dev.lift.kernel.internal.Kernel was not imported");
        assertTrue(classes.contain("dev.lift.api.LiftPlugin"), "dev.lift.api.LiftPlugin was not imported");
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : classes) {
            packages.add(c.getPackageName());
        }
        for (String p : PLUGIN_PACKAGES) {
            assertTrue(packages.contains(p), () -> "no class of " + p + " was imported; imported packages: " + packages);
        }
        assertTrue(packages.contains("dev.lift.example"),
                () -> "no class of the example app was imported; imported packages: " + packages);
    }

    private static DescribedPredicate<JavaClass> implementAnExtensionPoint() {
        return DescribedPredicate.describe("implement a Lift extension point",
                c -> !ServiceRegistration.extensionPointsOf(c).isEmpty());
    }
}

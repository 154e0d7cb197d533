package dev.lift.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
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
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
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
            "dev.lift.plugins.awsevents", "dev.lift.plugins.problem", "dev.lift.plugins.failsafe", "dev.lift.plugins.memorystore",
            "dev.lift.plugins.crac", "dev.lift.plugins.requestid", "dev.lift.plugins.logging", "dev.lift.plugins.metrics",
            "dev.lift.plugins.extension", "dev.lift.plugins.health", "dev.lift.plugins.jwt", "dev.lift.plugins.cors",
            "dev.lift.plugins.securityheaders", "dev.lift.plugins.ratelimit", "dev.lift.plugins.deadline",
            "dev.lift.plugins.idempotency", "dev.lift.plugins.httpclient",
            "dev.lift.plugins.dynamodbclient");

    /** Every other module's packages; the sanity check requires classes from each. */
    static final List<String> OTHER_PACKAGES = List.of(
            "dev.lift.api", "dev.lift.events", "dev.lift.spi", "dev.lift.spi.resilience", "dev.lift.spi.support",
            "dev.lift.kernel", "dev.lift.kernel.internal", "dev.lift.pool", "dev.lift.cli", "dev.lift.test", "dev.lift.example",
            "dev.lift.plugins.testsupport");

    private static final String JDK = "java..";
    private static final String JACKSON = "com.fasterxml.jackson..";
    private static final String API = "dev.lift.api..";
    private static final String EVENTS = "dev.lift.events..";
    private static final String SPI = "dev.lift.spi..";
    private static final String SUPPORT = "dev.lift.spi.support..";
    private static final String TEST_SUPPORT = "dev.lift.plugins.testsupport..";
    private static final String POOL = "dev.lift.pool..";

    @ArchTest
    static final ArchRule api_depends_on_nothing_but_the_jdk_and_jackson =
            classes().that().resideInAPackage(API)
                    .should().onlyDependOnClassesThat().resideInAnyPackage(JDK, JACKSON, API)
                    .because("lift-api is all an application compiles against, so it may bring nothing but the JDK "
                            + "and Jackson onto the application's class path");

    @ArchTest
    static final ArchRule events_depend_only_on_the_api_the_jdk_and_jackson =
            classes().that().resideInAPackage(EVENTS)
                    .should().onlyDependOnClassesThat().resideInAnyPackage(JDK, JACKSON, API, EVENTS)
                    .because("lift-events is the event model applications read; it must not pull the plugin "
                            + "contracts or adapter helpers onto an application's class path");

    @ArchTest
    static final ArchRule contracts_depend_only_on_the_api_the_jdk_and_jackson =
            classes().that().resideInAPackage(SPI).and().resideOutsideOfPackage(SUPPORT)
                    .should().onlyDependOnClassesThat(resideInAnyPackage(JDK, JACKSON, API, SPI)
                            .and(resideOutsideOfPackage(SUPPORT)))
                    .because("lift-spi (the plugin contracts) is what the kernel compiles against; the event model "
                            + "and the adapter helpers are optional for plugins and unknown to the kernel");

    @ArchTest
    static final ArchRule support_depends_only_on_the_api_the_contracts_the_jdk_and_jackson =
            classes().that().resideInAPackage(SUPPORT)
                    .should().onlyDependOnClassesThat().resideInAnyPackage(JDK, JACKSON, API, SPI)
                    .because("lift-spi-support helps plugin authors write adapters against the contracts; "
                            + "its pom brings lift-spi and nothing else");

    @ArchTest
    static final ArchRule kernel_depends_only_on_the_api_the_contracts_and_the_lambda_runtime_interfaces =
            classes().that().resideInAPackage("dev.lift.kernel..")
                    .should().onlyDependOnClassesThat(resideInAnyPackage(JDK, JACKSON,
                            "com.amazonaws.services.lambda.runtime..", API, SPI, "dev.lift.kernel..")
                            .and(resideOutsideOfPackage(SUPPORT)))
                    .because("the kernel knows plugins only through the contracts and must boot with zero plugins: "
                            + "no event model, no adapter helper, no plugin, CLI, test kit or example");

    @ArchTest
    static final ArchRule plugins_depend_on_no_lift_module_but_the_spi =
            noClasses().that().resideInAPackage("dev.lift.plugins..").and().resideOutsideOfPackage(TEST_SUPPORT)
                    .should().dependOnClassesThat(resideInAPackage("dev.lift..")
                            .and(resideOutsideOfPackages(API, EVENTS, SPI, POOL, "dev.lift.plugins..")))
                    .because("a plugin is compiled against the SPI modules (provided) and must run under any kernel "
                            + "that implements that SPI version; it never sees the kernel, the CLI, the test kit or "
                            + "the example (other plugins: see plugins_do_not_depend_on_each_other); a provider of "
                            + "pooled connections may build on the lift-pool library");

    @ArchTest
    static final ArchRule the_pool_library_depends_only_on_the_api_the_contracts_and_the_jdk =
            classes().that().resideInAPackage(POOL)
                    .should().onlyDependOnClassesThat(resideInAnyPackage(JDK, API, SPI, POOL)
                            .and(resideOutsideOfPackage(SUPPORT)))
                    .because("lift-pool is a library that resource providers (users' and Lift's own) depend on; "
                            + "it must run under any kernel, so it sees only the SPI, never the kernel or a plugin");

    @ArchTest
    static final ArchRule nothing_in_the_kernel_or_the_spi_depends_on_the_pool_library =
            noClasses().that().resideInAnyPackage("dev.lift.kernel..", API, SPI, EVENTS)
                    .should().dependOnClassesThat().resideInAPackage(POOL)
                    .because("the pool is an optional library for providers; the kernel and the SPI never need it");

    @ArchTest
    static final ArchRule plugins_do_not_depend_on_each_other =
            slices().matching("dev.lift.plugins.(*)..").should().notDependOnEachOther()
                    .because("each plugin is its own jar that users add or leave out independently "
                            + "(test-support is a slice too: it is shared by every plugin's tests and depends on none)");

    @ArchTest
    static final ArchRule no_production_code_depends_on_the_plugin_test_support =
            noClasses().that().resideOutsideOfPackage(TEST_SUPPORT)
                    .should().dependOnClassesThat().resideInAPackage(TEST_SUPPORT)
                    .because("lift-plugin-test-support is a test-scope helper of the plugins' tests; it is not "
                            + "shipped in lift.jar, the layer or the BOM, so production code using it would fail "
                            + "at run time");

    @ArchTest
    static final ArchRule example_app_depends_only_on_the_api_and_the_events =
            classes().that().resideInAPackage("dev.lift.example..")
                    .should().onlyDependOnClassesThat().resideInAnyPackage(JDK, JACKSON, API, EVENTS,
                            "dev.lift.example..")
                    .because("the example shows what a user's application looks like: it compiles against "
                            + "lift-api and lift-events (provided) and nothing else");

    @ArchTest
    static final ArchRule test_kit_and_cli_use_only_the_public_kernel_package =
            noClasses().that().resideInAnyPackage("dev.lift.test..", "dev.lift.cli..")
                    .should().dependOnClassesThat(resideInAPackage("dev.lift.kernel..")
                            .and(resideOutsideOfPackage("dev.lift.kernel"))
                            .as("reside in a kernel package other than the public dev.lift.kernel"))
                    .because("the test kit and the CLI drive the kernel the way users and tools do, through "
                            + "its public bootstrap API, so that the kernel's internals stay free to change");

    @ArchTest
    static final ArchRule kernel_internals_are_not_used_outside_the_kernel =
            noClasses().that().resideOutsideOfPackage("dev.lift.kernel..")
                    .should().dependOnClassesThat().resideInAPackage("dev.lift.kernel.internal..")
                    .because("only the kernel's bootstrap and entry API is public; its internals may change "
                            + "in any release");

    /** Each package is a slice, except that dev.lift.kernel and dev.lift.kernel.internal are one. */
    static final SliceAssignment PACKAGES_WITH_THE_KERNEL_AS_ONE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String p = javaClass.getPackageName();
            if (!p.startsWith("dev.lift.")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(p.startsWith("dev.lift.kernel") ? "dev.lift.kernel" : p);
        }

        @Override
        public String getDescription() {
            return "packages of dev.lift, the kernel's two as one";
        }
    };

    @ArchTest
    static final ArchRule packages_are_free_of_cycles =
            slices().assignedFrom(PACKAGES_WITH_THE_KERNEL_AS_ONE).should().beFreeOfCycles()
                    .because("package cycles make modules impossible to split, test or replace on their own; the "
                            + "kernel's public bootstrap and its internals are one module (the internals take the "
                            + "public LambdaRequest and hand out RouteDescriptors), every other package stands alone");


    @ArchTest
    static final ArchRule every_spi_implementation_is_registered_in_META_INF_services =
            classes().that().resideInAnyPackage("dev.lift.plugins..", "dev.lift.example..")
                    .and().resideOutsideOfPackage(TEST_SUPPORT)
                    .and().arePublic()
                    .and().areNotInterfaces()
                    .and().doNotHaveModifier(JavaModifier.ABSTRACT)
                    .and(implementAnExtensionPoint())
                    .should(ServiceRegistration.beListedInMetaInfServicesForEachExtensionPoint())
                    .because("the kernel discovers plugins with ServiceLoader, one extension point at a time; "
                            + "an unregistered implementation is silently never loaded (test-support's TestApp is "
                            + "not a plugin: tests hand it to the kernel directly)");

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
        for (String p : OTHER_PACKAGES) {
            assertTrue(packages.contains(p), () -> "no class of " + p + " was imported; imported packages: " + packages);
        }
    }

    private static DescribedPredicate<JavaClass> implementAnExtensionPoint() {
        return DescribedPredicate.describe("implement a Lift extension point",
                c -> !ServiceRegistration.extensionPointsOf(c).isEmpty());
    }
}

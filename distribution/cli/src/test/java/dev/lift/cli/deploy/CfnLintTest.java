package dev.lift.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CloudFormation/SAM template under distribution/ passes cfn-lint without an error, a warning
 * or a note, and cfn-lint does reject the mistakes templates have had.
 */
class CfnLintTest {

    /** distribution/, from the module's base directory (distribution/cli). */
    static Path distribution() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().getParent();
    }

    @TempDir
    static Path dir;

    private static List<Path> templates;
    private static CfnLint.Result all;

    /** One cfn-lint run over the real templates and the broken ones below (each run costs seconds). */
    @BeforeAll
    static void lintEverything() throws Exception {
        templates = CfnLint.templates(distribution());
        write("schedule.yaml", BROKEN_SCHEDULE);
        write("runtimes.yaml", BROKEN_RUNTIMES);
        List<Path> files = new ArrayList<>(templates);
        files.add(dir.resolve("schedule.yaml"));
        files.add(dir.resolve("runtimes.yaml"));
        all = CfnLint.lint(files);
    }

    /** The findings for one file, from cfn-lint's parseable output (file:line:col:...:rule:message). */
    private static String findings(Path file) {
        return all.output().lines().filter(l -> l.startsWith(file + ":")).collect(Collectors.joining("\n"));
    }

    @Test
    void everyTemplateUnderDistributionIsClean() {
        List<String> names = templates.stream().map(t -> distribution().relativize(t).toString()).toList();
        assertTrue(names.containsAll(List.of("sam/template.yaml", "sam/lift-layers.yaml", "sam/app-managed.yaml",
                "sam/app-on-layer.yaml", "sam/custom-runtime.yaml")), names.toString());
        for (Path t : templates) {
            assertEquals("", findings(t), "cfn-lint findings in " + t);
        }
        assertTrue(all.hasErrors(), "the broken templates must fail the run: " + all.output());
    }

    /** The example template as it was: a SAM Schedule event has Schedule, not ScheduleExpression. */
    private static final String BROKEN_SCHEDULE = """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: lift.jar
                      Handler: dev.lift.kernel.LiftHandler::handleRequest
                      Runtime: java21
                      Events:
                        Cleanup:
                          Type: Schedule
                          Properties:
                            Name: todo-cleanup
                            ScheduleExpression: rate(1 day)
                """;

    @Test
    void aScheduleWithScheduleExpressionIsRejected() {
        String r = findings(dir.resolve("schedule.yaml"));
        assertTrue(r.contains(":E0001:") && r.contains("property ScheduleExpression not defined for resource of type Schedule"), r);
    }

    private static final String BROKEN_RUNTIMES = """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Custom:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: lift-runtime.zip
                      Handler: lift
                      Runtime: provided.al2023
                      SnapStart:
                        ApplyOn: PublishedVersions
                      AutoPublishAlias: live
                  Managed:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: lift.jar
                      Handler: dev.lift.kernel.LiftHandler::handleRequest
                      Runtime: java8
                      Architectures: [arm]
                """;

    @Test
    void snapStartOnACustomRuntimeARetiredJavaAndABadArchitectureAreRejected() {
        String r = findings(dir.resolve("runtimes.yaml"));
        assertTrue(r.contains(":E2530:") && r.contains("'provided.al2023' is not supported for 'SnapStart' enabled functions"), r);
        assertTrue(r.contains(":E2533:") && r.contains("Runtime 'java8' was deprecated"), r);
        assertTrue(r.contains(":E3030:") && r.contains("'arm' is not one of ['x86_64', 'arm64']"), r);
    }

    private static void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }
}

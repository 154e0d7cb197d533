package dev.lift.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code cfn-lint} (and its template decoder) as a child process. CI always has it, since
 * {@code .ci/run} installs it: with {@code CI=true} a missing cfn-lint fails the test; elsewhere the
 * test is aborted with a message saying so, never passed in silence.
 */
final class CfnLint {

    /** The exit code and the combined output of one run. */
    record Result(int exitCode, String output) {
        /** cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational. */
        boolean hasErrors() {
            return (exitCode & 2) != 0;
        }
    }

    private CfnLint() {
    }

    /** The cfn-lint executable on the PATH; fails under CI, otherwise aborts the test, when there is none. */
    static Path executable() {
        Optional<Path> found = onPath("cfn-lint");
        if (found.isEmpty()) {
            String message = "cfn-lint is not on the PATH, so the SAM templates were NOT linted. Install it with "
                    + "`pip install cfn-lint` (.ci/run does).";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " CI=true: CI must lint every template.");
            }
            System.err.println("WARNING: " + message);
            Assumptions.abort(message);
        }
        return found.get();
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Lints the templates; the output is cfn-lint's parseable format, one finding a line. */
    static Result lint(List<Path> templates) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable().toString(), "--format", "parseable"));
        templates.forEach(t -> command.add(t.toString()));
        return run(command);
    }

    /**
     * The template as JSON, as cfn-lint reads it (short forms such as {@code !Ref} become
     * {@code {"Ref": ...}}), from cfn-lint's own decoder in the Python next to the executable.
     */
    static String decodeToJson(Path template) throws IOException, InterruptedException {
        Path cfnLint = executable();
        String script = "import json, sys\nfrom cfnlint.decode import decode\n"
                + "t, m = decode(sys.argv[1])\n"
                + "if t is None: sys.exit('cannot read ' + sys.argv[1] + ': ' + str(m))\n"
                + "print(json.dumps(t))\n";
        Result r = run(List.of(python(cfnLint), "-c", script, template.toString()));
        if (r.exitCode() != 0) {
            fail("cfn-lint's decoder failed on " + template + ":\n" + r.output());
        }
        return r.output();
    }

    /** The interpreter cfn-lint runs on: its shebang (pyenv shims and venvs differ), else python3. */
    private static String python(Path cfnLint) throws IOException {
        String first;
        try (Stream<String> lines = Files.lines(cfnLint, StandardCharsets.ISO_8859_1)) {
            first = lines.findFirst().orElse("");
        }
        if (first.startsWith("#!") && !first.contains("bash") && !first.contains("/sh")) {
            String interpreter = first.substring(2).strip().split(" ")[0];
            if (interpreter.endsWith("/env")) {
                return first.substring(2).strip().split(" +")[1];
            }
            return interpreter;
        }
        return "python3";
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "cfn-lint did not finish: " + command);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * Every CloudFormation/SAM template under the directory, outside build output. Starter templates
     * ({@code *.yaml.template}, with placeholders) are not templates yet: NewProjectIT lints what
     * {@code lift new} makes of them.
     */
    static List<Path> templates(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> !f.toString().contains(File.separator + "target" + File.separator))
                    .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$"))
                    .filter(CfnLint::isTemplate)
                    .sorted().toList();
        }
    }

    private static boolean isTemplate(Path file) {
        try {
            String text = Files.readString(file);
            return text.contains("AWSTemplateFormatVersion") || text.contains("AWS::Serverless-2016-10-31");
        } catch (IOException e) {
            return false;
        }
    }
}

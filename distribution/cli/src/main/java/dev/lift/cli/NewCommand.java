package dev.lift.cli;

import dev.lift.api.LogText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lift new NAME}: a complete project to start from: a Maven build that imports Lift's BOM,
 * an application with an HTTP route and an SQS record handler, tests with the test kit, a SAM
 * template and a README. The files are templates under {@code dev/lift/cli/starter}, with
 * {@code {{placeholder}}}s filled in here.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Creates a project for a new Lift function: pom.xml (Lift's BOM, a jar for Lambda), an application "
                + "with an HTTP route and an SQS handler, its tests, a SAM template and a README.",
                "Refuses a directory that exists and is not empty."})
final class NewCommand implements Callable<Integer> {

    /** Lower case, digits and single dashes, as Maven artifact ids, plugin ids and SQS queue names all accept. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
            "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
            "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
            "null", "var", "record", "yield", "sealed", "permits", "exports", "module", "requires");
    private static final int MAX_NAME = 64;

    @ParentCommand
    LiftCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "The project's name: lower case letters, digits and dashes, starting with a letter "
                    + "(it becomes the artifact id, the application id and the directory).")
    String name;

    @Option(names = "--package", paramLabel = "PACKAGE",
            description = "The Java package of the application (default: com.example.<name without dashes>).")
    String packageName;

    @Option(names = "--group", paramLabel = "GROUP", description = "The Maven group id (default: com.example).")
    String group = "com.example";

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the project (default: ./NAME).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        validate();
        Path target = (dir == null ? Path.of(name) : dir).toAbsolutePath().normalize();
        if (Files.exists(target) && !(Files.isDirectory(target) && isEmpty(target))) {
            throw new ParameterException(spec.commandLine(), "The directory " + target
                    + (Files.isDirectory(target) ? " is not empty" : " is a file") + "; choose another name or --dir");
        }
        String pkg = packageName == null ? "com.example." + name.replace("-", "") : packageName;
        String cls = className(name) + "App";
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("group", group);
        values.put("package", pkg);
        values.put("packagePath", pkg.replace('.', '/'));
        values.put("class", cls);
        values.put("queue", name + "-jobs");
        values.put("liftVersion", liftVersion());
        values.put("liftJar", liftJar());

        Map<String, String> files = new LinkedHashMap<>();
        String src = "src/main/java/" + values.get("packagePath") + "/";
        String test = "src/test/java/" + values.get("packagePath") + "/";
        files.put("pom.xml", "pom.xml.template");
        files.put("README.md", "README.md.template");
        files.put("template.yaml", "template.yaml.template");
        files.put(".gitignore", "gitignore.template");
        files.put(src + cls + ".java", "App.java.template");
        files.put("src/main/resources/META-INF/services/dev.lift.api.LiftApplication", "services.template");
        files.put(test + cls + "Test.java", "AppTest.java.template");

        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = target.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, fill(template(f.getValue()), values), StandardCharsets.UTF_8);
        }
        cli.out.println("Created " + name + " in " + target + ":");
        files.keySet().forEach(f -> cli.out.println("  " + f));
        cli.out.println();
        cli.out.println("Next:");
        cli.out.println("  cd " + target);
        cli.out.println("  mvn -B package -DskipTests && java -jar " + values.get("liftJar") + " serve --plugins target");
        cli.out.println("  mvn -B verify");
        cli.out.flush();
        return 0;
    }

    private void validate() {
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new ParameterException(spec.commandLine(), "Invalid project name '" + LogText.escape(name)
                    + "': use lower case letters, digits and single dashes, starting with a letter, at most " + MAX_NAME
                    + " characters (for example order-service)");
        }
        if (packageName != null) {
            boolean keyword = Stream.of(packageName.split("\\.", -1)).anyMatch(KEYWORDS::contains);
            if (!PACKAGE.matcher(packageName).matches() || keyword) {
                throw new ParameterException(spec.commandLine(), "Invalid package '" + LogText.escape(packageName)
                        + "': use lower-case Java identifiers separated by dots, none a Java keyword (for example "
                        + "com.acme.orders)");
            }
        }
        if (!GROUP.matcher(group).matches()) {
            throw new ParameterException(spec.commandLine(), "Invalid group id '" + LogText.escape(group)
                    + "': use letters, digits, dots, dashes and underscores (for example com.acme)");
        }
    }

    /** {@code order-service} becomes {@code OrderService}. */
    static String className(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("-")) {
            sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return sb.toString();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String template(String resource) {
        try (InputStream in = NewCommand.class.getResourceAsStream("starter/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("the template " + resource + " is missing from this build of lift.jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace("{{" + v.getKey() + "}}", v.getValue());
        }
        int left = out.indexOf("{{");
        if (left >= 0) {
            throw new IllegalStateException("a template placeholder has no value: "
                    + out.substring(left, Math.min(out.length(), left + 40)));
        }
        return out;
    }

    /** The version of Lift this command belongs to, written at build time, so the new project uses the same. */
    static String liftVersion() {
        try (InputStream in = NewCommand.class.getResourceAsStream("starter/lift-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version");
            if (v == null || v.startsWith("${")) {
                throw new IllegalStateException("this build of lift.jar does not say which Lift version it is "
                        + "(dev/lift/cli/starter/lift-version.properties)");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of the running lift.jar, for the README's commands; {@code lift.jar} when not run from a jar. */
    private static String liftJar() {
        try {
            var source = LiftCli.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path p = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
                    return p.toString();
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall through: the README then names the jar without a path
        }
        return "lift.jar";
    }
}

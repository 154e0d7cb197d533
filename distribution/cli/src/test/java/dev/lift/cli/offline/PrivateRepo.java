package dev.lift.cli.offline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A Maven local repository of its own for a project a test builds as a user would, with
 * {@code mvn -o -Dmaven.repo.local=DIR}: it holds this build's Lift artifacts, never the shared
 * {@code ~/.m2} (which nobody may {@code mvn install} into), and reaches every other artifact of the
 * shared repository through symbolic links, so that an offline build finds the plugins and libraries
 * the reactor itself used.
 *
 * <p>The Lift artifacts are found by walking the source tree for {@code pom.xml} files of group
 * {@code dev.lift}: each pom goes in as is (parents included, so published poms resolve), and each
 * jar module's {@code target/<artifactId>-<version>.jar}, or a jar made from its
 * {@code target/classes} when it was not packaged in this run. A module built neither way is left
 * out and listed by {@link #missing()}.
 *
 * <p>{@code dev/lift} is never linked, so an offline build that finds a Lift artifact found this
 * build's, and one that needs a Lift artifact this build did not make fails, naming it. Shared by
 * every test that builds a project as a user would ({@code DeploymentGuideIT}, {@code NewProjectIT}).
 */
public final class PrivateRepo {

    private static final String GROUP = "dev.lift";

    private final Path dir;
    private final List<String> installed = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    private PrivateRepo(Path dir) {
        this.dir = dir;
    }

    /**
     * Prepares {@code dir} (created, or refreshed when it exists).
     *
     * @param dir where the repository goes, normally under the module's {@code target/}
     * @param projectRoot the Lift source tree (the reactor's root)
     * @param shared the shared local repository to link everything else from
     */
    public static PrivateRepo prepare(Path dir, Path projectRoot, Path shared) throws IOException {
        PrivateRepo repo = new PrivateRepo(dir);
        Files.createDirectories(dir);
        repo.linkShared(shared);
        try (Stream<Path> poms = Files.walk(projectRoot)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/")).sorted().toList()) {
                repo.add(pom);
            }
        }
        return repo;
    }

    /** The shared local repository: {@code -Dmaven.repo.local} if set, else {@code ~/.m2/repository}. */
    public static Path sharedRepository() {
        String configured = System.getProperty("lift.shared.repo", System.getProperty("maven.repo.local"));
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    public Path dir() {
        return dir;
    }

    /** The mvn arguments that build offline against this repository. */
    public List<String> mavenArgs() {
        return List.of("-o", "-B", "-ntp", "-Dmaven.repo.local=" + dir.toAbsolutePath());
    }

    /** {@code artifactId:packaging} of every Lift artifact put in. */
    public List<String> installed() {
        return List.copyOf(installed);
    }

    /** Jar modules that were neither packaged nor compiled in this build, so are not in the repository. */
    public List<String> missing() {
        return List.copyOf(missing);
    }

    /** Links every top-level group of the shared repository except dev.lift, which is this build's own. */
    private void linkShared(Path shared) throws IOException {
        if (!Files.isDirectory(shared)) {
            return;
        }
        linkChildren(shared, dir, "dev");
        Path dev = dir.resolve("dev");
        Files.createDirectories(dev);
        if (Files.isDirectory(shared.resolve("dev"))) {
            linkChildren(shared.resolve("dev"), dev, "lift");
        }
    }

    private static void linkChildren(Path from, Path to, String except) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(from)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                Path link = to.resolve(name);
                if (!name.equals(except) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, child);
                }
            }
        }
    }

    private void add(Path pom) throws IOException {
        Element project;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IOException("Cannot read " + pom + ": " + e.getMessage(), e);
        }
        Element parent = child(project, "parent");
        String group = text(project, "groupId", parent == null ? null : text(parent, "groupId", null));
        String artifact = text(project, "artifactId", null);
        String version = text(project, "version", parent == null ? null : text(parent, "version", null));
        String packaging = text(project, "packaging", "jar");
        if (!GROUP.equals(group) || artifact == null || version == null) {
            return;
        }
        Path target = dir.resolve("dev/lift").resolve(artifact).resolve(version);
        Files.createDirectories(target);
        Files.copy(pom, target.resolve(artifact + "-" + version + ".pom"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (!packaging.equals("jar")) {
            installed.add(artifact + ":" + packaging);
            return;
        }
        Path module = pom.getParent();
        Path jar = module.resolve("target").resolve(artifact + "-" + version + ".jar");
        Path classes = module.resolve("target/classes");
        Path into = target.resolve(artifact + "-" + version + ".jar");
        if (Files.isRegularFile(jar)) {
            Files.copy(jar, into, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else if (Files.isDirectory(classes)) {
            jar(classes, into);
        } else {
            Files.deleteIfExists(target.resolve(artifact + "-" + version + ".pom"));
            missing.add(artifact);
            return;
        }
        installed.add(artifact + ":jar");
    }

    private static void jar(Path classes, Path into) throws IOException {
        try (OutputStream file = Files.newOutputStream(into); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                try {
                    Files.copy(f, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.closeEntry();
            }
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name, String fallback) {
        Element e = child(parent, name);
        return e == null ? fallback : e.getTextContent().strip();
    }
}

package dev.lift.cli.starter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A Maven local repository under {@code target/} that holds this build's Lift artifacts (every
 * reactor module's pom, and its jar where the reactor packaged one), laid out as {@code mvn install}
 * would, without touching the shared {@code ~/.m2}. Third-party artifacts resolve through
 * {@link #settings}: a settings file whose only mirror is {@code ~/.m2/repository} as a file
 * repository, which offline mode is allowed to read ({@code aether.offline.protocols=file}).
 *
 * <p>An artifact Maven takes from the mirror gets a {@code _remote.repositories} file; a Lift
 * artifact with one came from {@code ~/.m2} instead of this build, which {@link #liftArtifactsFromMirror}
 * reports.
 */
final class PrivateRepo {

    static final String GROUP = "dev.lift";

    private PrivateRepo() {
    }

    /** One reactor module: its coordinates, its pom, and its jar if the module is packaged as one. */
    record Module(String artifactId, String version, String packaging, Path pom, Path jar) {
    }

    /** Copies every Lift module of the reactor at {@code root} into {@code repo}; returns what it copied. */
    static List<Module> install(Path root, Path repo) throws Exception {
        List<Module> installed = new ArrayList<>();
        for (Module m : modules(root)) {
            Path dir = repo.resolve(GROUP.replace('.', '/')).resolve(m.artifactId()).resolve(m.version());
            Files.createDirectories(dir);
            String base = m.artifactId() + "-" + m.version();
            Files.copy(m.pom(), dir.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
            if ("jar".equals(m.packaging())) {
                if (!Files.isRegularFile(m.jar())) {
                    continue; // not built by this reactor run; liftArtifactsFromMirror catches a use of it
                }
                Files.copy(m.jar(), dir.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            }
            installed.add(m);
        }
        return installed;
    }

    /** Every module of the reactor: the root pom and each pom below it outside target/ and src/. */
    static List<Module> modules(Path root) throws Exception {
        List<Path> poms;
        try (Stream<Path> s = Files.walk(root)) {
            poms = s.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> root.relativize(p).toString().split("[/\\\\]").length == 1
                            || Stream.of(root.relativize(p).toString().split("[/\\\\]"))
                                    .noneMatch(part -> part.equals("target") || part.equals("src") || part.startsWith(".")))
                    .sorted().collect(Collectors.toList());
        }
        List<Module> modules = new ArrayList<>();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        for (Path pom : poms) {
            Document doc = f.newDocumentBuilder().parse(pom.toFile());
            Element project = doc.getDocumentElement();
            Element parent = child(project, "parent");
            String group = text(project, "groupId", parent);
            if (!GROUP.equals(group)) {
                continue;
            }
            String artifactId = text(project, "artifactId", null);
            String version = text(project, "version", parent);
            String packaging = child(project, "packaging") == null ? "jar" : child(project, "packaging").getTextContent().trim();
            Path jar = pom.getParent().resolve("target").resolve(artifactId + "-" + version + ".jar");
            modules.add(new Module(artifactId, version, packaging, pom, jar));
        }
        return modules;
    }

    private static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && n.getNodeName().equals(name)) {
                return (Element) n;
            }
        }
        return null;
    }

    private static String text(Element project, String name, Element parent) {
        Element own = child(project, name);
        if (own != null) {
            return own.getTextContent().trim();
        }
        Element inherited = parent == null ? null : child(parent, name);
        return inherited == null ? null : inherited.getTextContent().trim();
    }

    /** A settings file: offline, the private repository as local repository, ~/.m2 as the one mirror. */
    static Path settings(Path dir, Path repo) throws IOException {
        Path shared = Path.of(System.getProperty("user.home"), ".m2", "repository");
        String xml = "<settings>\n"
                + "  <localRepository>" + repo.toAbsolutePath() + "</localRepository>\n"
                + "  <offline>true</offline>\n"
                + "  <mirrors><mirror><id>shared-local</id><mirrorOf>*</mirrorOf><url>" + shared.toUri()
                + "</url></mirror></mirrors>\n"
                + "</settings>\n";
        Path file = dir.resolve("settings.xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return file;
    }

    /** The mvn arguments that build against {@code repo} offline, with third-party artifacts from ~/.m2. */
    static List<String> mavenArgs(Path settings, Path repo) {
        return List.of("-o", "-B", "-ntp", "-s", settings.toString(), "-Dmaven.repo.local=" + repo.toAbsolutePath(),
                "-Daether.offline.protocols=file");
    }

    /** Lift artifacts in {@code repo} that Maven fetched from the mirror rather than taking from this build. */
    static List<String> liftArtifactsFromMirror(Path repo) throws IOException {
        Path lift = repo.resolve(GROUP.replace('.', '/'));
        if (!Files.isDirectory(lift)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(lift)) {
            return s.filter(p -> p.getFileName().toString().equals("_remote.repositories"))
                    .map(p -> lift.relativize(p.getParent()).toString()).sorted().collect(Collectors.toList());
        }
    }
}

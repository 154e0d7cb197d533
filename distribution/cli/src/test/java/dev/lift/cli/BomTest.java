package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** lift-bom names every published Lift artifact, at the version the build makes. */
class BomTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && n.getNodeName().equals(name)) {
                return n.getTextContent().trim();
            }
        }
        return null;
    }

    @Test
    void theBomListsEveryPublishedModuleAtTheBuildsVersion() throws Exception {
        String version = child(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
        Map<String, String> modules = new TreeMap<>();
        try (Stream<Path> poms = Files.walk(ROOT, 3)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
                String rel = ROOT.relativize(pom).toString().replace('\\', '/');
                if (rel.startsWith("benchmarks/") || rel.startsWith("architecture-tests/") || rel.contains("/target/")) {
                    continue; // built and run here, never published
                }
                Element project = read(pom).getDocumentElement();
                String packaging = child(project, "packaging");
                NodeList skip = project.getElementsByTagName("maven.deploy.skip");
                if (skip.getLength() > 0 && skip.item(0).getTextContent().trim().equals("true")) {
                    continue; // a build helper (the plugins' test support), never deployed
                }
                if (packaging == null || packaging.equals("jar")) {
                    modules.put(child(project, "artifactId"), version);
                }
            }
        }
        Map<String, String> bom = new TreeMap<>();
        Element bomProject = read(ROOT.resolve("distribution/bom/pom.xml")).getDocumentElement();
        String liftVersion = ((Element) bomProject.getElementsByTagName("properties").item(0))
                .getElementsByTagName("lift.version").item(0).getTextContent().trim();
        NodeList deps = bomProject.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            bom.put(child(d, "artifactId"), child(d, "version").replace("${lift.version}", liftVersion));
        }
        assertEquals(version, child(bomProject, "version"), "the BOM's own version");
        assertEquals(modules, bom);
    }
}

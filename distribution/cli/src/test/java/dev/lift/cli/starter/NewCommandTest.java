package dev.lift.cli.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.cli.starter.EventsParametersTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lift new}: what it writes, and what it refuses (exit code 2, a clear reason, nothing written). */
class NewCommandTest {

    @TempDir
    Path tmp;

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesAProjectWithTheGivenPackageAndGroup() throws Exception {
        Path dir = tmp.resolve("shop");
        Run r = EventsParametersTest.lift("new", "shop-orders", "--package", "com.acme.orders", "--group", "com.acme",
                "--dir", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of(".gitignore", "README.md", "pom.xml", "src/main/java/com/acme/orders/ShopOrdersApp.java",
                "src/main/resources/META-INF/services/dev.lift.api.LiftApplication",
                "src/test/java/com/acme/orders/ShopOrdersAppTest.java", "template.yaml"), files(dir));
        String pom = Files.readString(dir.resolve("pom.xml"));
        assertTrue(pom.contains("<groupId>com.acme</groupId>\n  <artifactId>shop-orders</artifactId>"), pom);
        assertTrue(pom.contains("<lift.version>0.1.0-SNAPSHOT</lift.version>"), pom);
        assertTrue(pom.contains("<artifactId>lift-bom</artifactId><version>${lift.version}</version><type>pom</type><scope>import</scope>"), pom);
        assertTrue(pom.contains("<release>17</release>"), pom);
        assertTrue(pom.contains("<artifactId>maven-surefire-plugin</artifactId><version>3.6.1</version>"), pom);
        assertFalse(pom.contains("{{"), pom);
        assertEquals("com.acme.orders.ShopOrdersApp\n",
                Files.readString(dir.resolve("src/main/resources/META-INF/services/dev.lift.api.LiftApplication")));
        String app = Files.readString(dir.resolve("src/main/java/com/acme/orders/ShopOrdersApp.java"));
        assertTrue(app.startsWith("package com.acme.orders;"), app);
        assertTrue(app.contains("SqsMessage.queue(\"shop-orders-jobs\")"), app);
        assertTrue(Files.readString(dir.resolve("template.yaml")).contains("QueueName: shop-orders-jobs"));
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("serve --plugins target"), readme);
        assertTrue(readme.contains("mvn -B verify"), readme);
        assertTrue(r.out().startsWith("Created shop-orders in " + dir.toAbsolutePath()), r.out());
    }

    @Test
    void defaultsToComExampleAndADirectoryNamedAfterTheProject() throws Exception {
        Path dir = tmp.resolve("billing");
        Run r = EventsParametersTest.lift("new", "billing", "--dir", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("src/main/java/com/example/billing/BillingApp.java")));
        assertTrue(Files.readString(dir.resolve("pom.xml")).contains("<groupId>com.example</groupId>"));
    }

    @Test
    void anEmptyDirectoryIsUsed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(0, EventsParametersTest.lift("new", "billing", "--dir", dir.toString()).exitCode());
        assertTrue(Files.isRegularFile(dir.resolve("pom.xml")));
    }

    @Test
    void refusesADirectoryThatIsNotEmptyAndLeavesItAlone() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Run r = EventsParametersTest.lift("new", "billing", "--dir", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("The directory " + dir.toAbsolutePath() + " is not empty; choose another name or --dir"),
                r.err());
        assertEquals(List.of("notes.txt"), files(dir));
    }

    @Test
    void refusesBadNamesPackagesAndGroupsNamingWhatIsAllowed() throws Exception {
        for (String bad : List.of("Orders", "9lives", "orders_svc", "orders-", "a--b", "../escape", "x".repeat(65))) {
            Run r = EventsParametersTest.lift("new", bad, "--dir", tmp.resolve("n").toString());
            assertEquals(2, r.exitCode(), bad);
            assertTrue(r.err().startsWith("Invalid project name '" + bad + "': use lower case letters, digits and single "
                    + "dashes, starting with a letter, at most 64 characters"), r.err());
        }
        for (String bad : List.of("com.acme.new", "Com.Acme", "com..acme", "com.acme.")) {
            Run r = EventsParametersTest.lift("new", "orders", "--package", bad, "--dir", tmp.resolve("p").toString());
            assertEquals(2, r.exitCode(), bad);
            assertTrue(r.err().startsWith("Invalid package '" + bad + "'"), r.err());
        }
        Run g = EventsParametersTest.lift("new", "orders", "--group", "com acme", "--dir", tmp.resolve("g").toString());
        assertEquals(2, g.exitCode());
        assertTrue(g.err().startsWith("Invalid group id 'com acme'"), g.err());
        assertFalse(Files.exists(tmp.resolve("n")) || Files.exists(tmp.resolve("p")) || Files.exists(tmp.resolve("g")));
    }
}

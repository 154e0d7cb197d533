package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code lift serve} in a JVM of its own, as a user starts it: the JDK's HTTP server reads its
 * settings (TCP_NODELAY, idle connections) once per process, so only a fresh process shows them.
 */
class ServeProcessTest {

    /** Runs a reader on a daemon thread of its own: other test classes start serve too. */
    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "serve-process-reader");
        t.setDaemon(true);
        t.start();
    }

    record Served(Process process, URI base, CompletableFuture<String> err) {

        String terminate() throws Exception {
            process.toHandle().destroy(); // SIGTERM
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "serve did not stop after SIGTERM");
            return err.get(5, TimeUnit.SECONDS);
        }
    }

    /** {@code java [jvmArgs] -cp <this test's class path> dev.lift.cli.LiftCli serve --port 0 [args]}. */
    static Served serve(List<String> jvmArgs, String... args) throws Exception {
        return serve(jvmArgs, Cli.BOTH_APPS, args);
    }

    /** As above, with these environment variables added to this JVM's. */
    static Served serve(List<String> jvmArgs, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.lift.cli.LiftCli", "serve", "--port", "0"));
        Collections.addAll(command, args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getErrorStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(stderr unreadable: " + e.getMessage() + ")";
            }
        }, ServeProcessTest::daemon);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }, ServeProcessTest::daemon).get(30, TimeUnit.SECONDS);
            assertNotNull(line, "serve printed nothing; stderr: " + err.getNow("(still running)"));
            Matcher m = Pattern.compile("Lift listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(line);
            assertTrue(m.matches(), line);
            return new Served(p, URI.create(m.group(1)), err);
        } catch (Exception | AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /**
     * wrk and browsers keep connections open. The JDK's server keeps at most 200 idle ones by
     * default and closes the rest after their first response; serve keeps up to its connection limit.
     */
    @Test
    void threeHundredKeptAliveConnectionsEachGetTwoAnswers() throws Exception {
        Served served = serve(List.of());
        List<Socket> sockets = new ArrayList<>();
        try {
            List<InputStream> ins = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 300; i++) {
                    if (round == 0) {
                        Socket s = new Socket();
                        s.connect(new InetSocketAddress("127.0.0.1", served.base().getPort()), 5_000);
                        s.setSoTimeout(10_000);
                        sockets.add(s);
                        ins.add(new BufferedInputStream(s.getInputStream()));
                    }
                    String path = "/hello/c" + i + "r" + round;
                    try {
                        sockets.get(i).getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        LocalServerConnectionsTest.Response r = LocalServerConnectionsTest.Response.read(ins.get(i));
                        assertEquals(200, r.status(), path);
                        assertEquals("{\"message\":\"Hello, c" + i + "r" + round + "!\"}", r.body());
                    } catch (IOException e) {
                        throw new AssertionError("connection " + i + ", round " + round + ": " + e, e);
                    }
                }
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
            served.terminate();
        }
    }

    @Test
    void tcpNoDelayIsOnUnlessTheCommandLineSaysOtherwise() throws Exception {
        String defaults = serve(List.of()).terminate();
        assertTrue(defaults.lines().anyMatch(l -> l.startsWith("lift: serve: ") && l.contains("TCP_NODELAY on")), defaults);
        String off = serve(List.of("-Dsun.net.httpserver.nodelay=false")).terminate();
        assertTrue(off.lines().anyMatch(l -> l.startsWith("lift: serve: ")
                && l.contains("TCP_NODELAY off (-Dsun.net.httpserver.nodelay=false)")), off);
    }

    @Test
    void limitsOutOfRangeAreRefusedNamingTheOptionAndWhatIsAllowed() {
        Cli none = Cli.run("serve", "--max-connections", "0");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("--max-connections must be 1 to 100000, was 0"), none.err());
        Cli slow = Cli.run("serve", "--read-timeout", "-5");
        assertEquals(2, slow.exitCode());
        assertTrue(slow.err().startsWith("--read-timeout must be 1 to 86400, was -5"), slow.err());
        Cli threads = Cli.run("serve", "--threads", "0");
        assertTrue(threads.err().startsWith("--threads must be 1 to 10000, was 0"), threads.err());
    }

    @Test
    void helpListsTheLimits() {
        Cli help = Cli.run("serve", "--help");
        assertEquals(0, help.exitCode());
        for (String option : List.of("--threads", "--max-connections", "--read-timeout=SECONDS", "--write-timeout=SECONDS")) {
            assertTrue(help.out().contains(option), help.out());
        }
        assertTrue(help.out().contains("TCP_NODELAY is on unless -Dsun.net.httpserver.nodelay=false"), help.out());
    }
}

package dev.lift.pool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line-echo server on 127.0.0.1 standing in for a database: every line it reads it answers with
 * {@code echo:<line>}. It counts the connections it accepted and those the client closed, so tests
 * see what a pool really opens and closes.
 */
final class EchoServer implements AutoCloseable {

    private final ServerSocket server;
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger closedByClient = new AtomicInteger();

    EchoServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "echo-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "echo-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println("echo:" + line);
            }
            closedByClient.incrementAndGet();
        } catch (IOException e) {
            closedByClient.incrementAndGet();
        }
    }

    /** Waits (bounded) until the server has accepted {@code n} connections. */
    void awaitAccepted(int n) throws InterruptedException {
        for (int i = 0; i < 3000 && accepted.get() < n; i++) {
            Thread.sleep(10);
        }
    }

    /** Waits (bounded) until the client has closed {@code n} connections. */
    void awaitClosed(int n) throws InterruptedException {
        for (int i = 0; i < 3000 && closedByClient.get() < n; i++) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

package dev.lift.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slowloris connections: each sends a request line and then one header byte at a time, never
 * finishing its headers. One thread dribbles for all of them, for at most {@code lifetime}; a
 * connection whose write fails has been closed by the server.
 */
final class SlowClients implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();
    private final boolean[] closed;
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final Thread dribbler;
    private volatile boolean running = true;

    SlowClients(URI base, int count, Duration every, Duration lifetime) throws IOException {
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            s.setTcpNoDelay(true);
            sockets.add(s);
            try {
                s.getOutputStream().write(("GET /hello/slow" + i + " HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                        .getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                // refused at once (over the server's connection limit): counted by the first dribble
            }
        }
        closed = new boolean[count];
        long end = System.nanoTime() + lifetime.toNanos();
        dribbler = new Thread(() -> {
            while (running && System.nanoTime() < end) {
                for (int i = 0; i < sockets.size(); i++) {
                    if (!closed[i]) {
                        try {
                            OutputStream out = sockets.get(i).getOutputStream();
                            out.write('a');
                            out.flush();
                        } catch (IOException e) {
                            closed[i] = true;
                            closedByServer.incrementAndGet();
                        }
                    }
                }
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "slow-clients");
        dribbler.setDaemon(true);
        dribbler.start();
    }

    /** How many of the connections the server has closed so far. */
    int closedByServer() {
        return closedByServer.get();
    }

    int count() {
        return sockets.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        dribbler.join(10_000);
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends GET requests back to back on CONNECTIONS kept-alive connections for at most SECONDS and
 * records what became of each one sent. Acceptable: a 2xx; a 503 with {@code Connection: close}
 * (the server is stopping; the probe reconnects); a 503 with {@code Retry-After} (busy); a
 * connection refused before anything was sent (the server no longer listens; that connection's
 * thread stops). Anything else is a failure: a reset or end of stream after the request was sent,
 * no answer within 10 s, another status, a 503 from a stopping server without Connection: close.
 * Exits 1 when there was a failure, or when no request was refused by a stopping server (so the
 * run did not test a shutdown).
 *
 * <p>Usage: {@code java KeepAliveProbe.java HOST PORT CONNECTIONS SECONDS PATH READY_FILE}; READY_FILE is
 * written once every connection has had a 2xx.
 */
public class KeepAliveProbe {

    static final Map<String, LongAdder> OUTCOMES = new ConcurrentHashMap<>();
    static final ConcurrentLinkedQueue<String> FAILURES = new ConcurrentLinkedQueue<>();
    static volatile java.util.concurrent.CountDownLatch FIRST;

    static void count(String outcome) {
        OUTCOMES.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        long end = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        String path = args[4];
        if (!java.net.InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback only: " + host);
        }
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        // Told to the script through a file: every connection has had an answer, so the server may be stopped now.
        java.nio.file.Path ready = java.nio.file.Path.of(args[5]);
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(connections);
        FIRST = first;
        Thread[] threads = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            threads[c] = new Thread(() -> run(host, port, request, end), "probe-" + c);
            threads[c].start();
        }
        if (first.await(90, java.util.concurrent.TimeUnit.SECONDS)) {
            java.nio.file.Files.writeString(ready, "ready\n");
        }
        for (Thread t : threads) {
            t.join();
        }
        long sent = OUTCOMES.getOrDefault("sent", new LongAdder()).sum();
        System.out.println("probe: " + new java.util.TreeMap<>(OUTCOMES));
        FAILURES.stream().limit(10).forEach(f -> System.out.println("probe: FAILURE " + f));
        long answered = sent - FAILURES.size();
        System.out.println("probe: requests sent " + sent + ", answered " + answered + ", failures " + FAILURES.size());
        if (!OUTCOMES.containsKey("2xx")) {
            System.out.println("probe: no request was answered 2xx: the server was never probed while running");
            System.exit(1);
        }
        boolean stopped = OUTCOMES.containsKey("503 Connection: close") || OUTCOMES.containsKey("refused before sending");
        if (!stopped) {
            System.out.println("probe: the server never refused a request: no shutdown happened while probing");
        }
        System.exit(FAILURES.isEmpty() && stopped ? 0 : 1);
    }

    static void run(String host, int port, byte[] request, long end) {
        while (System.nanoTime() < end) {
            Socket s = new Socket();
            try {
                try {
                    s.connect(new InetSocketAddress(host, port), 2_000);
                } catch (ConnectException e) {
                    count("refused before sending");
                    return; // the server no longer listens
                }
                s.setSoTimeout(10_000);
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (System.nanoTime() < end) {
                    out.write(request);
                    out.flush();
                    count("sent");
                    Map<String, String> headers = new ConcurrentHashMap<>();
                    int status;
                    try {
                        status = readResponse(in, headers);
                    } catch (SocketTimeoutException e) {
                        FAILURES.add("no answer within 10 s");
                        return;
                    } catch (IOException e) {
                        FAILURES.add("no answer after the request was sent: " + e);
                        break;
                    }
                    boolean close = "close".equalsIgnoreCase(headers.get("connection"));
                    if (status >= 200 && status < 300) {
                        count(close ? "2xx Connection: close" : "2xx");
                        FIRST.countDown();
                    } else if (status == 503 && close) {
                        count("503 Connection: close");
                    } else if (status == 503 && headers.containsKey("retry-after")) {
                        count("503 busy");
                    } else {
                        FAILURES.add("status " + status + " " + headers);
                    }
                    if (close) {
                        break;
                    }
                }
            } catch (IOException e) {
                // sending failed: the connection was closed before the request went out (nothing was accepted)
                count("closed before sending");
            } finally {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // gone
                }
            }
        }
    }

    /** Reads one response; returns its status, fills lower-case headers, consumes the body. */
    static int readResponse(InputStream in, Map<String, String> headers) throws IOException {
        String status = line(in);
        if (status == null) {
            throw new IOException("end of stream before a response");
        }
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        if (in.readNBytes(length).length != length) {
            throw new IOException("end of stream inside the body");
        }
        return Integer.parseInt(status.split(" ")[1]);
    }

    static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return b.length() == 0 ? null : b.toString();
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}

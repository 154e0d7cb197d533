package dev.lift.plugins.extension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The two calls of the Lambda Extensions API an internal extension needs, over HTTP/1.1 on the
 * local Runtime API address ({@code AWS_LAMBDA_RUNTIME_API}, always a loopback {@code host:port}).
 * A plain socket keeps this off the cold-start path: no HTTP client library is loaded during init.
 */
final class ExtensionsApi {

    /** What the API answered. */
    record Answer(int status, String extensionId, String body) {
    }

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;

    ExtensionsApi(String address, int connectTimeoutMillis) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("not a host:port address");
        }
        this.host = address.substring(0, colon);
        try {
            this.port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a host:port address");
        }
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /** {@code POST /2020-01-01/extension/register} for no events; the answer carries the extension id. */
    Answer register(String name, int readTimeoutMillis) throws IOException {
        byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
        return call("POST", "/2020-01-01/extension/register", "Lambda-Extension-Name: " + name, body, readTimeoutMillis);
    }

    /** {@code GET /2020-01-01/extension/event/next}: blocks until Lambda has an event for this extension. */
    Answer next(String extensionId) throws IOException {
        return call("GET", "/2020-01-01/extension/event/next", "Lambda-Extension-Identifier: " + extensionId, null, 0);
    }

    private Answer call(String method, String path, String header, byte[] body, int readTimeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            StringBuilder request = new StringBuilder(256)
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append(header).append("\r\n")
                    .append("Connection: close\r\n");
            if (body != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Reads a response to a request sent with {@code Connection: close}: status line, headers, then the body to the end. */
    static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status");
        }
        String id = null;
        long length = -1;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("lambda-extension-identifier")) {
                id = value;
            } else if (name.equals("content-length")) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length");
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        long want = length < 0 ? Long.MAX_VALUE : length;
        int n;
        while (want > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, want))) > 0) {
            body.write(buffer, 0, n);
            want -= n;
            if (body.size() > 65_536) {
                break; // an event for this extension is small; never buffer without bound
            }
        }
        return new Answer(status, id, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed in the middle of the response head");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
            if (sb.length() > 8192) {
                throw new IOException("response header line too long");
            }
        }
        return sb.toString();
    }
}

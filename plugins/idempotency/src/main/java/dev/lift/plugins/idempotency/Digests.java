package dev.lift.plugins.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 with the JDK's {@link MessageDigest}, as lower-case hex. */
final class Digests {

    private Digests() {
    }

    static String sha256(byte[]... parts) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256, which every Java platform must have", e);
        }
        for (byte[] p : parts) {
            // Each part's length first, so that ("ab", "c") and ("a", "bc") differ.
            d.update(Integer.toString(p.length).getBytes(StandardCharsets.US_ASCII));
            d.update((byte) ':');
            d.update(p);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    static String sha256(String... parts) {
        byte[][] bytes = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = parts[i].getBytes(StandardCharsets.UTF_8);
        }
        return sha256(bytes);
    }
}

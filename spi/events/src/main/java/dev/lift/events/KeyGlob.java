package dev.lift.events;

import java.util.Arrays;

/**
 * An S3 key pattern as {@link S3Notification#matching(String, String, String)} documents it:
 * {@code *} matches any characters but {@code /}, {@code **} any characters, {@code **}{@code /}
 * nothing or any characters ending with {@code /}; every other character matches itself.
 *
 * <p>Matching simulates the pattern's small automaton over the key once, keeping the set of
 * positions in the pattern reachable so far: each key character is read once and the work is
 * at most key length times pattern length, whatever the pattern. (A backtracking regex took
 * seconds for {@code **a**a**a**b} against a key of 513 {@code a}s.)
 */
final class KeyGlob {

    /** One character, itself. */
    private static final byte LITERAL = 0;
    /** {@code *}: stays on any character but {@code /}, or moves on without one. */
    private static final byte SEGMENT = 1;
    /** {@code **}: stays on any character, or moves on without one. */
    private static final byte ANY = 2;
    /** {@code **}{@code /}, entry: moves on without a character, to {@link #DIRECTORIES} or past it. */
    private static final byte OPTIONAL_DIRECTORIES = 3;
    /** {@code **}{@code /}, inside: stays on any character, and a {@code /} may also end it. */
    private static final byte DIRECTORIES = 4;

    private final byte[] kinds;
    private final char[] literals;

    /** Compiled once, when the selector is made at boot. */
    KeyGlob(String glob) {
        byte[] k = new byte[glob.length() + 1];
        char[] l = new char[glob.length() + 1];
        int m = 0;
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith("**/", i)) { // "a/**/b" also matches "a/b"
                k[m++] = OPTIONAL_DIRECTORIES;
                k[m++] = DIRECTORIES;
                i += 3;
            } else if (glob.startsWith("**", i)) {
                k[m++] = ANY;
                i += 2;
            } else if (glob.charAt(i) == '*') {
                k[m++] = SEGMENT;
                i++;
            } else {
                k[m] = LITERAL;
                l[m++] = glob.charAt(i++);
            }
        }
        this.kinds = Arrays.copyOf(k, m);
        this.literals = Arrays.copyOf(l, m);
    }

    boolean matches(CharSequence key) {
        int m = kinds.length;
        // at[s]: pattern position s is reachable after the characters read so far; s == m is the end.
        boolean[] at = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        at[0] = true;
        skipEmpty(at);
        for (int i = 0, n = key.length(); i < n; i++) {
            char c = key.charAt(i);
            Arrays.fill(next, false);
            boolean alive = false;
            for (int s = 0; s < m; s++) {
                if (!at[s]) {
                    continue;
                }
                switch (kinds[s]) {
                    case LITERAL -> {
                        if (literals[s] == c) {
                            next[s + 1] = alive = true;
                        }
                    }
                    case SEGMENT -> {
                        if (c != '/') {
                            next[s] = alive = true;
                        }
                    }
                    case ANY -> next[s] = alive = true;
                    case DIRECTORIES -> {
                        next[s] = alive = true;
                        if (c == '/') {
                            next[s + 1] = true;
                        }
                    }
                    default -> { // OPTIONAL_DIRECTORIES reads no character
                    }
                }
            }
            if (!alive) {
                return false;
            }
            skipEmpty(next);
            boolean[] swap = at;
            at = next;
            next = swap;
        }
        return at[m];
    }

    /** Adds the positions reachable without reading a character; those moves only go forward. */
    private void skipEmpty(boolean[] at) {
        for (int s = 0; s < kinds.length; s++) {
            if (at[s]) {
                switch (kinds[s]) {
                    case SEGMENT, ANY -> at[s + 1] = true;
                    case OPTIONAL_DIRECTORIES -> {
                        at[s + 1] = true;
                        at[s + 2] = true;
                    }
                    default -> {
                    }
                }
            }
        }
    }
}

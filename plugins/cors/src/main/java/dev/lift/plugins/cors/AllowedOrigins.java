package dev.lift.plugins.cors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The origins CORS allows: {@code *}, exact origins ({@code https://app.example.com}) and
 * subdomain patterns ({@code https://*.example.com}, which matches {@code https://a.example.com}
 * and {@code https://a.b.example.com} but not {@code https://example.com} or
 * {@code https://evilexample.com}). Scheme and port must match exactly. Immutable.
 */
final class AllowedOrigins {

    private final boolean any;
    private final Set<String> exact;
    private final List<String[]> patterns; // {scheme://, .suffix, :port or ""}

    private AllowedOrigins(boolean any, Set<String> exact, List<String[]> patterns) {
        this.any = any;
        this.exact = exact;
        this.patterns = patterns;
    }

    /** Parses the comma-separated list; the message of the exception says which entry is wrong. */
    static AllowedOrigins parse(String raw) {
        boolean any = false;
        Set<String> exact = new LinkedHashSet<>();
        List<String[]> patterns = new ArrayList<>();
        for (String part : raw.split(",")) {
            String entry = part.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                any = true;
                continue;
            }
            String[] o = split(entry.replace("://*.", "://x."));
            if (o == null) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not an origin");
            }
            if (entry.contains("*")) {
                if (!entry.startsWith(o[0] + "*.") || entry.indexOf('*', o[0].length() + 1) >= 0) {
                    throw new IllegalArgumentException("'" + part.trim() + "' has a * elsewhere than as the first label");
                }
                String suffix = o[1].substring(2); // ".x.example.com" less ".x"
                if (suffix.indexOf('.', 1) < 0) {
                    throw new IllegalArgumentException("'" + part.trim() + "' matches a whole top-level domain");
                }
                patterns.add(new String[] {o[0], suffix, o[2]});
            } else {
                exact.add(entry);
            }
        }
        if (!any && exact.isEmpty() && patterns.isEmpty()) {
            throw new IllegalArgumentException("no origin is given");
        }
        return new AllowedOrigins(any, Set.copyOf(exact), List.copyOf(patterns));
    }

    boolean any() {
        return any;
    }

    /** Whether a request's {@code Origin} header value is allowed. */
    boolean allows(String origin) {
        if (origin == null) {
            return false;
        }
        String o = origin.trim().toLowerCase(Locale.ROOT);
        String[] parts = split(o);
        if (parts == null) {
            return false; // "null", garbage, paths: never allowed
        }
        if (any || exact.contains(o)) {
            return true;
        }
        for (String[] p : patterns) {
            if (p[0].equals(parts[0]) && p[2].equals(parts[2]) && parts[1].endsWith(p[1]) && parts[1].length() > p[1].length()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code scheme://}, host, {@code :port} (or "") of a serialized origin, or null when it is not
     * one: http or https, a host of letters, digits, dots and dashes (or a bracketed IPv6 literal),
     * an optional port, and nothing else.
     */
    private static String[] split(String origin) {
        String scheme;
        if (origin.startsWith("https://")) {
            scheme = "https://";
        } else if (origin.startsWith("http://")) {
            scheme = "http://";
        } else {
            return null;
        }
        String rest = origin.substring(scheme.length());
        String host = rest;
        String port = "";
        int colon = rest.lastIndexOf(':');
        if (colon >= 0 && !rest.endsWith("]")) {
            host = rest.substring(0, colon);
            port = rest.substring(colon);
            if (port.length() < 2 || port.length() > 6 || !port.substring(1).chars().allMatch(Character::isDigit)) {
                return null;
            }
        }
        if (host.isEmpty()) {
            return null;
        }
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || !host.substring(1, host.length() - 1).chars().allMatch(c -> c == ':' || c == '.'
                    || Character.digit(c, 16) >= 0)) {
                return null;
            }
        } else {
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                    return null;
                }
            }
            if (host.startsWith(".") || host.endsWith(".") || host.contains("..")) {
                return null;
            }
        }
        return new String[] {scheme, "." + host, port};
    }
}

package dev.lift.kernel.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Method and path routing, built once at boot and read-only afterwards (so safe to share).
 * Static paths are one hash look-up; paths with {@code {param}} or a greedy {@code {proxy+}} tail
 * go through a segment tree, so a look-up costs the path's depth whatever the number of routes.
 * Literal segments win over parameters, parameters over a greedy tail.
 *
 * @param <T> what a route leads to
 */
final class HttpRouter<T> {

    /** A method that matches every method not registered explicitly. */
    public static final String ANY = "ANY";

    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private final Map<String, Entry<T>> statics = new HashMap<>();
    private final Node<T> root = new Node<>();
    private final Map<String, Entry<T>> byShape = new HashMap<>();
    private final List<Route<T>> routes = new ArrayList<>();

    /** A registered route. */
    public static final class Route<T> {
        final String method;
        final String template;
        final String owner;
        final T target;
        final String[] paramNames; // by segment index; null where the segment is a literal
        final boolean greedy;

        Route(String method, String template, String owner, T target, String[] paramNames, boolean greedy) {
            this.method = method;
            this.template = template;
            this.owner = owner;
            this.target = target;
            this.paramNames = paramNames;
            this.greedy = greedy;
        }

        public String method() {
            return method;
        }

        public String template() {
            return template;
        }

        public String owner() {
            return owner;
        }

        public T target() {
            return target;
        }
    }

    private static final class Entry<T> {
        final Map<String, Route<T>> byMethod = new HashMap<>(4);
        String allow;
    }

    private static final class Node<T> {
        Map<String, Node<T>> literals;
        Node<T> param;
        Node<T> greedy;
        Entry<T> entry;
    }

    /** The outcome of a look-up. */
    public static final class Match<T> {
        public final T target;
        public final String template;
        public final Map<String, String> params;
        /** Non-null when the path exists but not for this method: the {@code Allow} header value. */
        public final String allow;
        /** Whether a HEAD request is served by a GET route (the body is then dropped). */
        public final boolean headViaGet;

        Match(T target, String template, Map<String, String> params, String allow, boolean headViaGet) {
            this.target = target;
            this.template = template;
            this.params = params;
            this.allow = allow;
            this.headViaGet = headViaGet;
        }

        public boolean found() {
            return target != null;
        }
    }

    /**
     * Adds a route.
     *
     * @throws IllegalArgumentException for a malformed template, or a duplicate or ambiguous route
     *     (the message names both registrations)
     */
    public void add(String method, String template, String owner, T target) {
        String[] segments = segments(template);
        String[] names = new String[segments.length];
        StringBuilder shape = new StringBuilder();
        boolean dynamic = false;
        boolean greedy = false;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            shape.append('/');
            if (s.startsWith("{") && s.endsWith("}")) {
                boolean plus = s.endsWith("+}");
                String name = s.substring(1, s.length() - (plus ? 2 : 1));
                if (!PARAM_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("Route " + method + " " + template + " (" + owner
                            + ") has an invalid parameter '" + s + "'");
                }
                if (plus && i != segments.length - 1) {
                    throw new IllegalArgumentException("Route " + method + " " + template + " (" + owner
                            + "): a greedy parameter {" + name + "+} must be the last segment");
                }
                names[i] = name;
                dynamic = true;
                greedy = plus;
                shape.append(plus ? "{+}" : "{}");
            } else if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
                throw new IllegalArgumentException("Route " + method + " " + template + " (" + owner
                        + ") mixes text and a parameter in one segment ('" + s + "'); use a whole segment");
            } else {
                shape.append(s);
            }
        }
        String shapeKey = shape.length() == 0 ? "/" : shape.toString();
        Route<T> route = new Route<>(method, template, owner, target, dynamic ? names : null, greedy);
        Entry<T> entry = byShape.get(shapeKey);
        if (entry == null) {
            entry = new Entry<>();
            byShape.put(shapeKey, entry);
            if (dynamic) {
                insert(segments, entry);
            } else {
                statics.put(shapeKey, entry);
            }
        }
        Route<T> previous = entry.byMethod.putIfAbsent(method, route);
        if (previous != null) {
            if (previous.template.equals(template)) {
                throw new IllegalArgumentException("Duplicate route " + method + " " + template + ": registered by "
                        + previous.owner + " and by " + owner);
            }
            throw new IllegalArgumentException("Ambiguous routes " + method + " " + previous.template + " ("
                    + previous.owner + ") and " + method + " " + template + " (" + owner
                    + ") match the same paths");
        }
        Set<String> allow = new TreeSet<>(entry.byMethod.keySet());
        if (allow.contains("GET")) {
            allow.add("HEAD");
        }
        entry.allow = String.join(", ", allow);
        routes.add(route);
    }

    private void insert(String[] segments, Entry<T> entry) {
        Node<T> node = root;
        for (String s : segments) {
            if (s.startsWith("{")) {
                if (s.endsWith("+}")) {
                    if (node.greedy == null) {
                        node.greedy = new Node<>();
                    }
                    node = node.greedy;
                } else {
                    if (node.param == null) {
                        node.param = new Node<>();
                    }
                    node = node.param;
                }
            } else {
                if (node.literals == null) {
                    node.literals = new HashMap<>(4);
                }
                node = node.literals.computeIfAbsent(s, k -> new Node<>());
            }
        }
        node.entry = entry;
    }

    /** Every route, in registration order. */
    public List<Route<T>> routes() {
        return Collections.unmodifiableList(routes);
    }

    /** Finds the route for a method and a decoded path. */
    public Match<T> match(String method, String path) {
        String normalized = normalize(path);
        Entry<T> entry = statics.get(normalized);
        String[] values = null;
        if (entry == null) {
            String[] segments = segments(normalized);
            values = new String[segments.length];
            entry = find(root, segments, 0, values);
            if (entry == null) {
                return null;
            }
        }
        return resolve(entry, method, values);
    }

    /**
     * Looks up a path given as decoded segments, for a path whose raw form holds an encoded slash:
     * a segment such as {@code a/b} (from {@code a%2Fb}) stays one segment, so it fills one
     * parameter and never matches a static route or a deeper template.
     */
    public Match<T> match(String method, List<String> decodedSegments) {
        String[] segments = decodedSegments.toArray(new String[0]);
        boolean slashInSegment = false;
        for (String s : segments) {
            slashInSegment |= s.indexOf('/') >= 0;
        }
        Entry<T> entry = slashInSegment ? null : statics.get(segments.length == 0 ? "/" : "/" + String.join("/", segments));
        String[] values = null;
        if (entry == null) {
            values = new String[segments.length];
            entry = find(root, segments, 0, values);
            if (entry == null) {
                return null;
            }
        }
        return resolve(entry, method, values);
    }

    private Match<T> resolve(Entry<T> entry, String method, String[] values) {
        boolean headViaGet = false;
        Route<T> route = entry.byMethod.get(method);
        if (route == null && method.equals("HEAD")) {
            route = entry.byMethod.get("GET");
            headViaGet = route != null;
        }
        if (route == null) {
            route = entry.byMethod.get(ANY);
        }
        if (route == null) {
            return new Match<>(null, null, Map.of(), entry.allow, false);
        }
        return new Match<>(route.target, route.template, params(route, values), null, headViaGet);
    }

    private static <T> Map<String, String> params(Route<T> route, String[] values) {
        if (route.paramNames == null || values == null) {
            return Map.of();
        }
        Map<String, String> params = new HashMap<>(4);
        String[] names = route.paramNames;
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                params.put(names[i], values[i]);
            }
        }
        return params;
    }

    private Entry<T> find(Node<T> node, String[] segments, int i, String[] values) {
        if (i == segments.length) {
            return node.entry;
        }
        String s = segments[i];
        if (node.literals != null) {
            Node<T> next = node.literals.get(s);
            if (next != null) {
                Entry<T> e = find(next, segments, i + 1, values);
                if (e != null) {
                    return e;
                }
            }
        }
        if (node.param != null) {
            Entry<T> e = find(node.param, segments, i + 1, values);
            if (e != null) {
                values[i] = s;
                return e;
            }
        }
        if (node.greedy != null && node.greedy.entry != null) {
            values[i] = String.join("/", java.util.Arrays.asList(segments).subList(i, segments.length));
            return node.greedy.entry;
        }
        return null;
    }

    private static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = end == path.length() ? path : path.substring(0, end);
        // Static paths are keyed with their leading slash; a path sent without one ("a/b") must find them too.
        return trimmed.charAt(0) == '/' ? trimmed : "/" + trimmed;
    }

    private static String[] segments(String path) {
        String p = normalize(path);
        if (p.equals("/")) {
            return new String[0];
        }
        List<String> out = new ArrayList<>(8);
        int start = p.charAt(0) == '/' ? 1 : 0;
        for (int i = start; i <= p.length(); i++) {
            if (i == p.length() || p.charAt(i) == '/') {
                out.add(p.substring(start, i));
                start = i + 1;
            }
        }
        return out.toArray(new String[0]);
    }
}

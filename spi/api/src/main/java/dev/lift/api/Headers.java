package dev.lift.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Case-insensitive, multi-valued HTTP headers. Immutable once built; names keep the case they
 * arrived with, look-ups ignore case. Iteration is in case-insensitive name order.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class Headers {

    private static final Headers EMPTY = new Headers(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    private final TreeMap<String, List<String>> values;

    private Headers(TreeMap<String, List<String>> values) {
        this.values = values;
    }

    /** No headers. */
    public static Headers empty() {
        return EMPTY;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Headers with one value each. */
    public static Headers of(Map<String, String> single) {
        Builder b = builder();
        single.forEach(b::add);
        return b.build();
    }

    /** The first value of a header. */
    public Optional<String> first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The first value of a header, or null. */
    public String get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Every value of a header, in arrival order; empty when absent. */
    public List<String> all(String name) {
        List<String> v = values.get(name);
        return v == null ? List.of() : v;
    }

    /** Whether the header is present. */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The header names. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** A read-only view: name to values. */
    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /**
     * Collects headers; not thread-safe. A header's values are kept as an immutable one-element
     * list until a second value arrives, and {@link #build()} hands its map to the {@link Headers}
     * it returns (copying it only if the builder is used again), so building headers costs one list
     * per header name and no second map: adapters build one per request.
     */
    public static final class Builder {
        private TreeMap<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private boolean shared; // values belongs to a built Headers: copy before changing it

        private Builder() {
        }

        private void unshare() {
            if (shared) {
                values = new TreeMap<>(values); // same comparator; the lists are immutable
                shared = false;
            }
        }

        /** Adds a value to a header (null values are ignored). */
        public Builder add(String name, String value) {
            if (name != null && value != null) {
                unshare();
                List<String> v = values.get(name);
                if (v == null) {
                    values.put(name, List.of(value));
                } else if (v instanceof ArrayList) {
                    v.add(value);
                } else {
                    List<String> more = new ArrayList<>(v.size() + 2);
                    more.addAll(v);
                    more.add(value);
                    values.put(name, more); // keeps the name as it first arrived
                }
            }
            return this;
        }

        /** Adds every value to a header. */
        public Builder addAll(String name, List<String> vals) {
            if (vals != null) {
                for (String v : vals) {
                    add(name, v);
                }
            }
            return this;
        }

        /** Replaces a header's values. */
        public Builder set(String name, String value) {
            unshare();
            values.remove(name);
            return add(name, value);
        }

        public Headers build() {
            if (values.isEmpty()) {
                return EMPTY;
            }
            if (!shared) {
                for (Map.Entry<String, List<String>> e : values.entrySet()) {
                    if (e.getValue() instanceof ArrayList) {
                        e.setValue(List.copyOf(e.getValue()));
                    }
                }
                shared = true;
            }
            return new Headers(values);
        }
    }
}

package dev.lift.reliability.fuzz;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a fuzzer input into event bytes, so that the seeds can be the real AWS sample events as
 * they are and the fuzzer still reaches past JSON syntax into the adapters' field handling.
 *
 * <p>An input is event JSON, optionally followed by a NUL byte (which JSON text never contains)
 * and an <em>edit script</em>. Without a script the JSON is the event, byte for byte, however
 * broken the fuzzer made it. With one, the JSON is parsed and the script's edits are applied to the
 * tree: each edit picks a node by index and replaces it with a string, a number, a boolean, null,
 * an empty object or array, wraps it in an array, removes it, copies another node over it, adds a
 * field named like one of the event's own fields, or splices characters into a string. Byte
 * mutations of the script are then structural mutations of the event, which plain byte mutation
 * of JSON text rarely produces without breaking the syntax.
 */
final class EventInput {

    /** Characters that tend to matter to decoders: separators, escapes, non-ASCII, lone surrogates, controls. */
    private static final String SPECIALS = "%/{}=&;+,.:*?#\\\"'\n\r\t\u0000 \u00e9\u20ac\ud83d\ude00\ud800\udc00"
            + "\u2028\ufeff\u0085[]<>$|~^`@!";

    /** Field names AWS events carry, so that an edit can add one where an adapter looks for it. */
    private static final List<String> FIELD_NAMES = List.of("body", "isBase64Encoded", "headers", "multiValueHeaders",
            "queryStringParameters", "multiValueQueryStringParameters", "rawQueryString", "rawPath", "path", "cookies",
            "requestContext", "http", "method", "httpMethod", "version", "routeKey", "stage", "domainName", "elb",
            "eventType", "connectionId", "Records", "eventSource", "eventSourceARN", "EventSource", "Sns", "s3",
            "dynamodb", "kinesis", "data", "sequenceNumber", "messageId", "attributes", "messageAttributes",
            "detail-type", "detail", "source", "resources", "time", "authorizer", "pathParameters", "stageVariables");

    private static final int MAX_EDITS = 8;

    /** Non-ASCII written as JSON escapes, so that a lone surrogate an edit put in a string reaches the kernel as JSON can carry it. */
    private static final ObjectWriter WRITER = Json.mapper().writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private EventInput() {
    }

    /** The event bytes for a fuzzer input. */
    static byte[] event(byte[] input) {
        int nul = indexOf(input, (byte) 0);
        if (nul < 0) {
            return input;
        }
        byte[] json = Arrays.copyOf(input, nul);
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(json);
        } catch (IOException | RuntimeException e) {
            return json; // broken JSON: the kernel must say so cleanly
        }
        if (tree == null) {
            return json;
        }
        Script script = new Script(input, nul + 1);
        JsonNode edited = tree;
        for (int i = 0; i < MAX_EDITS && script.hasMore(); i++) {
            edited = edit(edited, script);
        }
        try {
            return WRITER.writeValueAsBytes(edited);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A seed: event JSON followed by an edit script. */
    static byte[] withScript(byte[] json, byte... script) {
        byte[] out = Arrays.copyOf(json, json.length + 1 + script.length);
        System.arraycopy(script, 0, out, json.length + 1, script.length);
        return out;
    }

    private static JsonNode edit(JsonNode root, Script s) {
        List<Slot> slots = new ArrayList<>();
        collect(root, null, null, -1, slots);
        int op = s.next();
        Slot target = slots.get(s.nextIndex(slots.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (op % 11) {
            case 0:
                return target.replace(root, f.textNode(s.string()));
            case 1:
                return target.replace(root, number(s));
            case 2:
                return target.replace(root, f.booleanNode((s.next() & 1) == 1));
            case 3:
                return target.replace(root, f.nullNode());
            case 4:
                return target.remove(root);
            case 5:
                return target.replace(root, f.objectNode());
            case 6:
                return target.replace(root, f.arrayNode());
            case 7:
                return target.replace(root, f.arrayNode().add(target.node.deepCopy()));
            case 8: {
                Slot source = slots.get(s.nextIndex(slots.size()));
                return target.replace(root, source.node.deepCopy());
            }
            case 9: {
                ObjectNode object = target.node.isObject() ? (ObjectNode) target.node
                        : target.parent instanceof ObjectNode ? (ObjectNode) target.parent : null;
                if (object == null) {
                    return root;
                }
                List<String> names = new ArrayList<>(FIELD_NAMES);
                for (Slot slot : slots) {
                    if (slot.key != null) {
                        names.add(slot.key);
                    }
                }
                String name = names.get(s.nextIndex(names.size()));
                Slot source = slots.get(s.nextIndex(slots.size()));
                object.set(name, (s.next() & 1) == 0 ? f.textNode(s.string()) : source.node.deepCopy());
                return root;
            }
            default: {
                if (!target.node.isTextual()) {
                    return target.replace(root, f.textNode(s.string()));
                }
                String text = target.node.textValue();
                int at = s.nextIndex(text.length() + 1);
                int cut = Math.min(text.length() - at, s.next() % 4);
                return target.replace(root, f.textNode(text.substring(0, at) + s.string() + text.substring(at + cut)));
            }
        }
    }

    private static JsonNode number(Script s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (s.next() % 6) {
            case 0:
                return f.numberNode(s.next() - 128);
            case 1:
                return f.numberNode(s.nextInt());
            case 2:
                return f.numberNode(Long.MAX_VALUE);
            case 3:
                return f.numberNode(-0.5);
            case 4:
                return f.numberNode(new BigDecimal("1E+400"));
            default:
                return f.numberNode(1_700_000_000_000L + s.nextInt());
        }
    }

    private static void collect(JsonNode node, ContainerNode<?> parent, String key, int index, List<Slot> out) {
        out.add(new Slot(node, parent, key, index));
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), (ObjectNode) node, e.getKey(), -1, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), (ArrayNode) node, null, i, out);
            }
        }
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** A node and where it sits. */
    private static final class Slot {
        final JsonNode node;
        final ContainerNode<?> parent;
        final String key;
        final int index;

        Slot(JsonNode node, ContainerNode<?> parent, String key, int index) {
            this.node = node;
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        JsonNode replace(JsonNode root, JsonNode value) {
            if (parent == null) {
                return value;
            }
            if (parent instanceof ObjectNode) {
                ((ObjectNode) parent).set(key, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
            return root;
        }

        JsonNode remove(JsonNode root) {
            if (parent == null) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (parent instanceof ObjectNode) {
                ((ObjectNode) parent).remove(key);
            } else {
                ((ArrayNode) parent).remove(index);
            }
            return root;
        }
    }

    /** Reads the script; past its end every read is 0, so any script is valid. */
    private static final class Script {
        private final byte[] bytes;
        private int at;

        Script(byte[] bytes, int from) {
            this.bytes = bytes;
            this.at = from;
        }

        boolean hasMore() {
            return at < bytes.length;
        }

        int next() {
            return at < bytes.length ? bytes[at++] & 0xff : 0;
        }

        int nextInt() {
            return next() << 24 | next() << 16 | next() << 8 | next();
        }

        int nextIndex(int size) {
            return ((next() << 8) | next()) % size;
        }

        /** Up to 64 characters: ASCII as it is, bytes from 0x80 up picking a character that matters to decoders. */
        String string() {
            int length = next() % 65;
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length && hasMore(); i++) {
                int b = next();
                if (b < 0x80) {
                    sb.append((char) b);
                } else {
                    sb.append(SPECIALS.charAt((b - 0x80) % SPECIALS.length()));
                }
            }
            return sb.toString();
        }
    }
}

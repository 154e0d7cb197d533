package dev.lift.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The router against a reference: fuzzed paths, through API Gateway HTTP API and function URL
 * events and the whole kernel, must reach the route that the documented rules choose among
 * {@link FuzzApp#ROUTES} (per segment a literal beats a parameter, a parameter beats a greedy
 * tail; then the method, HEAD served by GET, then ANY; else 405 with Allow, or 404), with the same
 * parameters. The reference below tries every template; the router walks a segment tree, so the
 * two are independent.
 *
 * <p>An input is one byte choosing the source and the method, then the path as UTF-8: the HTTP
 * API hands its {@code rawPath} over already decoded (used as it is), a function URL hands it over
 * percent-encoded (each segment decoded once, an encoded slash staying inside its segment).
 */
@ExtendWith(SeedCorpusCheck.class)
class RouterFuzzTest {

    /** Boots the kernel before fuzzing starts, so that boot time does not count against the first input's timeout. */
    @BeforeAll
    static void bootKernel() {
        FuzzKernel.KIT.kernel();
    }


    private static final String[] METHODS = {"GET", "POST", "DELETE", "HEAD"};
    private static final byte[] TEMPLATE_EVENT = fixture("apigw_http_event.json");

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void routes(byte[] input) {
        if (input.length == 0) {
            return;
        }
        boolean functionUrl = (input[0] & 1) == 1;
        String method = METHODS[((input[0] & 0xff) >> 1) % METHODS.length];
        String rawPath = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);

        Expected expected = expect(method, segments(rawPath, functionUrl));
        JsonNode answer = FuzzKernel.KIT.invoke(event(method, rawPath, functionUrl)).json();
        String where = method + " " + rawPath + (functionUrl ? " (function URL)" : " (HTTP API)");
        assertEquals(expected.status, answer.path("statusCode").asInt(), where + ": " + answer);
        if (expected.status == 405) {
            assertEquals(expected.allow, answer.path("headers").path("allow").asText(), where + ": " + answer);
        }
        if (expected.status == 200 && !method.equals("HEAD")) {
            JsonNode body = json(answer.path("body").asText());
            assertEquals(expected.template, body.path("template").asText(), where + ": " + answer);
            assertEquals(expected.params, Json.mapper().convertValue(body.path("params"), TreeMap.class),
                    where + ": " + answer);
        }
    }

    /** What the documented rules say. */
    record Expected(int status, String template, Map<String, String> params, String allow) {
    }

    static Expected expect(String method, List<String> segments) {
        String[] best = null;
        int[] bestRank = null;
        for (String[] route : FuzzApp.ROUTES) {
            int[] rank = rank(route[1], segments);
            if (rank != null && (bestRank == null || Arrays.compare(rank, bestRank) < 0)) {
                best = route;
                bestRank = rank;
            }
        }
        if (best == null) {
            return new Expected(404, null, Map.of(), null);
        }
        String shape = shape(best[1]);
        Map<String, String[]> byMethod = new LinkedHashMap<>();
        for (String[] route : FuzzApp.ROUTES) {
            if (shape(route[1]).equals(shape)) {
                byMethod.put(route[0], route);
            }
        }
        String[] chosen = byMethod.get(method);
        if (chosen == null && method.equals("HEAD")) {
            chosen = byMethod.get("GET");
        }
        if (chosen == null) {
            chosen = byMethod.get("ANY");
        }
        if (chosen == null) {
            List<String> allow = new ArrayList<>(byMethod.keySet());
            if (allow.contains("GET")) {
                allow.add("HEAD");
            }
            allow.sort(null);
            return new Expected(405, null, Map.of(), String.join(", ", allow));
        }
        int status = chosen[1].equals(FuzzApp.BOOM) ? 500 : 200;
        return new Expected(status, chosen[1], params(chosen[1], segments), null);
    }

    /** Per template segment 0 (literal), 1 (parameter) or 2 (greedy tail); null when the template does not match. */
    private static int[] rank(String template, List<String> segments) {
        List<String> parts = split(template);
        int[] rank = new int[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.endsWith("+}")) {
                rank[i] = 2;
                return i < segments.size() && i == parts.size() - 1 ? rank : null;
            }
            if (i >= segments.size()) {
                return null;
            }
            if (p.startsWith("{")) {
                rank[i] = 1;
            } else if (!p.equals(segments.get(i))) {
                return null;
            }
        }
        return parts.size() == segments.size() ? rank : null;
    }

    private static Map<String, String> params(String template, List<String> segments) {
        Map<String, String> params = new TreeMap<>();
        List<String> parts = split(template);
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.endsWith("+}")) {
                params.put(p.substring(1, p.length() - 2), String.join("/", segments.subList(i, segments.size())));
            } else if (p.startsWith("{")) {
                params.put(p.substring(1, p.length() - 1), segments.get(i));
            }
        }
        return params;
    }

    private static String shape(String template) {
        StringBuilder sb = new StringBuilder();
        for (String p : split(template)) {
            sb.append('/').append(p.endsWith("+}") ? "{+}" : p.startsWith("{") ? "{}" : p);
        }
        return sb.toString();
    }

    /**
     * A path's segments as the documentation defines them: the leading {@code /} and trailing empty
     * segments dropped, empty segments in the middle kept; for a function URL each segment is
     * percent-decoded once, after splitting.
     */
    static List<String> segments(String path, boolean decode) {
        List<String> out = new ArrayList<>();
        for (String s : split(path)) {
            out.add(decode ? percentDecode(s) : s);
        }
        return out;
    }

    private static List<String> split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        List<String> out = new ArrayList<>(Arrays.asList(p.split("/", -1)));
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** WHATWG percent-decoding: bytes of the escapes and of the other characters' UTF-8, read as UTF-8 once. */
    static String percentDecode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(cp);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static byte[] event(String method, String rawPath, boolean functionUrl) {
        ObjectNode event = (ObjectNode) json(new String(TEMPLATE_EVENT, StandardCharsets.UTF_8));
        event.put("rawPath", rawPath);
        event.remove("body");
        event.put("isBase64Encoded", false);
        ObjectNode context = (ObjectNode) event.path("requestContext");
        context.put("domainName", functionUrl ? "abcdefghij.lambda-url.us-east-1.on.aws" : "id.execute-api.us-east-1.amazonaws.com");
        ObjectNode http = (ObjectNode) context.path("http");
        http.put("method", method);
        http.put("path", rawPath);
        try {
            return Json.mapper().writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] fixture(String name) {
        String dir = System.getProperty("lift.fixtures");
        if (dir == null) {
            throw new IllegalStateException("The system property lift.fixtures is not set; run through Maven or scripts/fuzz.sh");
        }
        try {
            return Files.readAllBytes(Path.of(dir, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

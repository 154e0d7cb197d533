package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keep-warm pings, answered before any adapter, middleware, listener or handler sees them: an
 * event whose top-level {@code marker} field is {@code true} (default {@code lift-warmup}, so
 * {@code {"lift-warmup":true}}), or a scheduled EventBridge event from one of the configured
 * rules. The answer is {@code {"warm":true,"coldStart":...}}; the ping uses up the cold start,
 * since the invocation after it no longer pays for init. Settings, namespace {@code keep-warm}:
 * {@code marker} (a field name, or {@code off}) and {@code rules} (comma-separated rule names or
 * rule ARNs; default none).
 */
final class KeepWarm {

    private static final Pattern RULE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final Pattern MARKER = Pattern.compile("[!-~]{1,64}");
    private static final byte[] WARM = "{\"warm\":true,\"coldStart\":false}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] COLD = "{\"warm\":true,\"coldStart\":true}".getBytes(StandardCharsets.UTF_8);

    private final String marker; // null: no marker payload
    private final List<String> rules; // names or ARNs; empty: no scheduled pings

    private KeepWarm(String marker, List<String> rules) {
        this.marker = marker;
        this.rules = List.copyOf(rules);
    }

    static KeepWarm from(Settings settings) {
        String m = settings.get("marker", "lift-warmup").trim();
        if (!m.equalsIgnoreCase("off") && !MARKER.matcher(m).matches()) {
            throw new SettingException(settings.describe("marker"), m,
                    "off, or a JSON field name of 1 to 64 printable characters without spaces");
        }
        List<String> rules = new ArrayList<>();
        String raw = settings.get("rules", "");
        for (String r : raw.split(",")) {
            String rule = r.trim();
            if (rule.isEmpty()) {
                continue;
            }
            if (!(rule.startsWith("arn:") && rule.contains(":rule/")) && !RULE_NAME.matcher(rule).matches()) {
                throw new SettingException(settings.describe("rules"), raw,
                        "comma-separated EventBridge rule names (letters, digits, . - _) or rule ARNs");
            }
            rules.add(rule);
        }
        return new KeepWarm(m.equalsIgnoreCase("off") ? null : m, rules);
    }

    /** Whether the event is a keep-warm ping: one or two field look-ups for any other event. */
    boolean matches(JsonNode root) {
        if (marker != null) {
            JsonNode flag = root.get(marker);
            if (flag != null && flag.isBoolean() && flag.booleanValue()) {
                return true;
            }
        }
        if (rules.isEmpty() || !"Scheduled Event".equals(root.path("detail-type").asText(null))
                || !"aws.events".equals(root.path("source").asText(null))) {
            return false;
        }
        for (JsonNode resource : root.path("resources")) {
            String arn = resource.asText("");
            int at = arn.indexOf(":rule/");
            if (at < 0) {
                continue;
            }
            String name = arn.substring(arn.lastIndexOf('/') + 1); // a rule on a custom bus: rule/<bus>/<name>
            for (String rule : rules) {
                if (rule.equals(arn) || rule.equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    void answer(OutputStream out, boolean coldStart) throws IOException {
        out.write(coldStart ? COLD : WARM);
    }
}

package dev.lift.reliability.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import dev.lift.spi.support.UrlEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What counts as a finding when the kernel handles a fuzzed event, as the reliability brief
 * defines it. Allowed: a response (an HTTP answer of status below 500 unless the handler failed on
 * purpose; a batch answer; an event result), the documented "not valid JSON" / "no adapter" /
 * "could not decode" failure, the documented "no handler matches" failure, and a batch failed as a
 * whole. A finding: any other exception, an exception an accessor threw that was not a 4xx
 * refusal, a 5xx the handler did not ask for, and an error answer that shows a class name or a
 * stack trace that the input did not contain.
 */
final class Outcome {

    /** Java class names (qualified), exception type names and stack frames. */
    private static final Pattern LEAK = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|com\\.fasterxml|dev\\.lift|org\\.junit)\\.[A-Za-z_$][\\w$]*"
                    + "|\\b[A-Z]\\w*(?:Exception|Error)\\b"
                    + "|\\bat [a-z][\\w$]*\\.[\\w$.]+\\(");

    private Outcome() {
    }

    /** Invokes the fuzz kernel with the event and throws an {@link AssertionError} describing any finding. */
    static void check(byte[] event) {
        FuzzApp app = FuzzKernel.APP;
        app.takeUnexpected();
        app.takeFailedOnPurpose();
        byte[] out;
        try {
            out = FuzzKernel.KIT.invoke(event).bytes();
        } catch (RuntimeException e) {
            Throwable unexpected = app.takeUnexpected();
            if (unexpected != null) {
                throw new AssertionError("An accessor of the decoded event threw " + unexpected, unexpected);
            }
            if (!isDocumentedFailure(e)) {
                throw new AssertionError("The invocation failed with an undocumented exception: " + e, e);
            }
            return;
        }
        Throwable unexpected = app.takeUnexpected();
        if (unexpected != null) {
            throw new AssertionError("An accessor of the decoded event threw " + unexpected, unexpected);
        }
        checkAnswer(event, out, app.takeFailedOnPurpose());
    }

    /** The kernel's documented failures of a whole invocation, by type and wording. */
    static boolean isDocumentedFailure(RuntimeException e) {
        String type = e.getClass().getName();
        String message = String.valueOf(e.getMessage());
        switch (type) {
            case "dev.lift.kernel.internal.InvocationException":
                // Not JSON, empty, no adapter, undecodable, stopping; but never "Request ... failed:" with a cause.
                return e.getCause() == null;
            case "dev.lift.kernel.internal.BatchFailedException":
                return true;
            case "java.lang.IllegalStateException":
                return message.startsWith("No handler matches ");
            default:
                return false;
        }
    }

    /** Checks an answer the kernel wrote. */
    static void checkAnswer(byte[] event, byte[] out, boolean failedOnPurpose) {
        JsonNode answer;
        try {
            answer = Json.mapper().readTree(out);
        } catch (IOException e) {
            throw new AssertionError("The answer is not JSON: " + new String(out, StandardCharsets.UTF_8), e);
        }
        if (answer == null || !answer.has("statusCode")) {
            return; // a batch answer or an event handler's result
        }
        int status = answer.path("statusCode").asInt();
        String body = bodyText(answer);
        if (status >= 500 && !(failedOnPurpose && isGenericProblem(status, body))) {
            throw new AssertionError("A " + status + " that no handler asked for: " + answer);
        }
        if (status >= 400) {
            String leak = leak(event, answer.path("headers").toString() + "\n" + answer.path("multiValueHeaders")
                    + "\n" + answer.path("statusDescription").asText("") + "\n" + body);
            if (leak != null) {
                throw new AssertionError("A " + status + " answer shows '" + leak + "', which the request did not: " + answer);
            }
        }
    }

    /** The answer to the deliberate failure of {@link FuzzApp#BOOM}: a 500 problem that does not repeat the message. */
    private static boolean isGenericProblem(int status, String body) {
        if (status != 500 || body.contains("deliberate")) {
            return false;
        }
        try {
            JsonNode problem = Json.mapper().readTree(body);
            return problem != null && problem.path("status").asInt() == 500;
        } catch (IOException e) {
            return false;
        }
    }

    private static String bodyText(JsonNode answer) {
        String body = answer.path("body").asText("");
        if (answer.path("isBase64Encoded").asBoolean(false)) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new AssertionError("isBase64Encoded but the body is not base64: " + answer, e);
            }
        }
        return body;
    }

    /**
     * The first class name, exception name or stack frame in {@code text} that the event itself does
     * not contain (as sent, percent-decoded or in a JSON string), or null. A path such as
     * {@code /java.lang.String} may rightly come back in a 404's detail.
     */
    static String leak(byte[] event, String text) {
        Matcher m = LEAK.matcher(text);
        String haystack = null;
        while (m.find()) {
            if (haystack == null) {
                haystack = haystack(event);
            }
            if (!haystack.contains(m.group())) {
                return m.group();
            }
        }
        return null;
    }

    private static String haystack(byte[] event) {
        String raw = new String(event, StandardCharsets.UTF_8);
        StringBuilder all = new StringBuilder(raw).append('\n')
                .append(UrlEncoding.decode(raw, true)).append('\n')
                .append(UrlEncoding.decode(raw, false));
        try {
            JsonNode tree = Json.mapper().readTree(event);
            if (tree != null) {
                appendStrings(tree, all);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the raw text is all there is
        }
        return all.toString();
    }

    private static void appendStrings(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            String s = node.textValue();
            out.append('\n').append(s).append('\n').append(UrlEncoding.decode(s, true)).append('\n')
                    .append(UrlEncoding.decode(s, false));
            try {
                out.append('\n').append(new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // not base64
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.append('\n').append(e.getKey());
            appendStrings(e.getValue(), out);
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                appendStrings(child, out);
            }
        }
    }
}

package dev.lift.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Json;
import dev.lift.kernel.LambdaRequest;
import dev.lift.spi.support.UrlEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the Lambda Invoke API that {@code lift serve} answers, so that any event can be sent
 * to the warm process as {@code aws lambda invoke --endpoint-url http://127.0.0.1:8080 --function-name x
 * --payload fileb://event.json out.json} sends it: {@code POST /2015-03-31/functions/{name}/invocations}
 * with the event as the body.
 *
 * <ul>
 *   <li>{@code X-Amz-Invocation-Type: RequestResponse} (or none): 200 with the kernel's response
 *       bytes as they are, {@code X-Amz-Executed-Version: $LATEST}; when the invocation failed,
 *       still 200, with {@code X-Amz-Function-Error: Unhandled} and the body a custom runtime
 *       posts, {@code {"errorMessage","errorType","stackTrace":[]}}.</li>
 *   <li>{@code Event}: 202 with an empty body; the invocation runs afterwards and a failure goes to the log.</li>
 *   <li>{@code DryRun}: 204; nothing runs.</li>
 *   <li>{@code X-Amz-Log-Type: Tail} (RequestResponse only): {@code X-Amz-Log-Result} holds the
 *       base64 of the {@code START}, {@code END} and {@code REPORT} lines; the application's own log
 *       lines go to serve's stderr, not into it.</li>
 * </ul>
 *
 * <p>Any function name is accepted (a name, a partial or full ARN, with or without a qualifier):
 * serve runs one function. The name becomes the invocation's function name and ARN. Errors of the
 * API itself have Lambda's shape: a 4xx status, {@code x-amzn-ErrorType} and
 * {@code {"Type":"User","message":...}}. The whole {@code /2015-03-31/functions/} prefix belongs to
 * this API and is matched before routing, so an application route under it is never reached.
 */
final class InvokeApi {

    /** The path prefix this API owns. */
    static final String PREFIX = "/2015-03-31/functions/";

    private static final Pattern INVOCATIONS = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");
    // A name (1-64), a partial ARN (account:function:name) or a full ARN, each with an optional qualifier.
    private static final Pattern NAME = Pattern.compile(
            "^(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:|\\d{12}:function:)?([a-zA-Z0-9_-]{1,64})"
                    + "(?::(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?$");
    private static final ObjectMapper MAPPER = Json.mapper();
    static final String EXECUTED_VERSION = "$LATEST";

    /** How the caller wants the function invoked ({@code X-Amz-Invocation-Type}). */
    enum Type { REQUEST_RESPONSE, EVENT, DRY_RUN }

    /**
     * A request to this API, checked.
     *
     * @param functionName the function's name, from the path
     * @param type how to invoke
     * @param tail whether the caller asked for the log tail
     * @param payload the event (an empty payload is {@code {}})
     */
    record Call(String functionName, Type type, boolean tail, byte[] payload) {

        /** The invocation's context: a fresh request id and a 30-second budget, under this function's name. */
        LambdaRequest request() {
            LambdaRequest local = LambdaRequest.local();
            return new LambdaRequest(local.requestId(), local.deadlineMillis(),
                    "arn:aws:lambda:local:000000000000:function:" + functionName, null, functionName, EXECUTED_VERSION,
                    local.memoryLimitMb());
        }
    }

    /** A request to this API that cannot be served, with the response Lambda would give. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final transient FrontDoor.Response response;

        Refused(FrontDoor.Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    private InvokeApi() {
    }

    /** Whether the path (as sent) belongs to this API. */
    static boolean owns(String rawPath) {
        return rawPath.startsWith(PREFIX) || rawPath.equals(PREFIX.substring(0, PREFIX.length() - 1));
    }

    /**
     * Checks a request to this API.
     *
     * @param headers the request headers, looked up ignoring case
     * @throws Refused with the error response when it is not an invocation this server can run
     */
    static Call parse(String method, String rawPath, Map<String, List<String>> headers, byte[] body) throws Refused {
        Matcher m = INVOCATIONS.matcher(rawPath);
        if (!m.matches()) {
            throw new Refused(error(404, "UnknownOperationException", "lift serve answers only POST "
                    + PREFIX + "{name}/invocations of the Lambda API"));
        }
        if (!method.equalsIgnoreCase("POST")) {
            FrontDoor.Response r = error(405, "UnknownOperationException", "The Invoke API takes POST, not "
                    + method.toUpperCase(Locale.ROOT));
            r.headers().put("Allow", List.of("POST"));
            throw new Refused(r);
        }
        String name = UrlEncoding.decode(m.group(1), false);
        Matcher n = NAME.matcher(name);
        if (!n.matches()) {
            throw new Refused(error(400, "ValidationException", "The function name must be a name of 1 to 64 letters,"
                    + " digits, hyphens and underscores, or a function ARN, optionally with a qualifier"));
        }
        String typeHeader = header(headers, "X-Amz-Invocation-Type");
        Type type;
        if (typeHeader == null || typeHeader.equals("RequestResponse")) {
            type = Type.REQUEST_RESPONSE;
        } else if (typeHeader.equals("Event")) {
            type = Type.EVENT;
        } else if (typeHeader.equals("DryRun")) {
            type = Type.DRY_RUN;
        } else {
            throw new Refused(error(400, "InvalidParameterValueException",
                    "X-Amz-Invocation-Type must be one of RequestResponse, Event, DryRun"));
        }
        String logType = header(headers, "X-Amz-Log-Type");
        if (logType != null && !logType.equals("None") && !logType.equals("Tail")) {
            throw new Refused(error(400, "InvalidParameterValueException", "X-Amz-Log-Type must be one of None, Tail"));
        }
        byte[] payload = body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body;
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(payload)) {
            MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new Refused(error(400, "InvalidRequestContentException",
                        "Could not parse request body into json: there is more after the first JSON value"));
            }
        } catch (JsonProcessingException e) {
            throw new Refused(error(400, "InvalidRequestContentException",
                    "Could not parse request body into json: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Refused(error(400, "InvalidRequestContentException", "Could not parse request body into json"));
        }
        return new Call(n.group(1), type, "Tail".equals(logType), payload);
    }

    /** A successful RequestResponse invocation: the function's response as it is. */
    static FrontDoor.Response result(Call call, LambdaRequest request, byte[] response, long nanos) {
        Map<String, List<String>> h = headers(request, call, nanos);
        return new FrontDoor.Response(200, h, List.of(), response);
    }

    /** A failed RequestResponse invocation: 200, {@code X-Amz-Function-Error: Unhandled} and the error object. */
    static FrontDoor.Response failure(Call call, LambdaRequest request, Throwable error, long nanos) {
        RuntimeLoop.ErrorReport report = RuntimeLoop.report(error, request.requestId());
        ObjectNode body = MAPPER.createObjectNode();
        body.put("errorMessage", report.errorMessage());
        body.put("errorType", report.errorType());
        body.putArray("stackTrace");
        Map<String, List<String>> h = headers(request, call, nanos);
        h.put("X-Amz-Function-Error", List.of("Unhandled"));
        try {
            return new FrontDoor.Response(200, h, List.of(), MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a two-string object always serialises
        }
    }

    /** The answer to an {@code Event} invocation, sent before it runs. */
    static FrontDoor.Response accepted(LambdaRequest request) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("x-amzn-RequestId", List.of(request.requestId()));
        return new FrontDoor.Response(202, h, List.of(), new byte[0]);
    }

    /** The answer to a {@code DryRun}. */
    static FrontDoor.Response dryRun(LambdaRequest request) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("x-amzn-RequestId", List.of(request.requestId()));
        return new FrontDoor.Response(204, h, List.of(), new byte[0]);
    }

    private static Map<String, List<String>> headers(LambdaRequest request, Call call, long nanos) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Content-Type", List.of("application/json"));
        h.put("x-amzn-RequestId", List.of(request.requestId()));
        h.put("X-Amz-Executed-Version", List.of(EXECUTED_VERSION));
        if (call.tail()) {
            String id = request.requestId();
            double ms = nanos / 1_000_000.0;
            String tail = "START RequestId: " + id + " Version: " + EXECUTED_VERSION + "\n"
                    + "END RequestId: " + id + "\n"
                    + String.format(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\t"
                            + "Memory Size: %d MB\t%n", id, ms, (long) Math.ceil(ms), request.memoryLimitMb());
            h.put("X-Amz-Log-Result", List.of(Base64.getEncoder().encodeToString(tail.getBytes(StandardCharsets.UTF_8))));
        }
        return h;
    }

    /** An error of the API itself, in Lambda's shape. */
    static FrontDoor.Response error(int status, String type, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("Type", "User");
        body.put("message", message);
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Content-Type", List.of("application/json"));
        h.put("x-amzn-ErrorType", List.of(type));
        try {
            return new FrontDoor.Response(status, h, List.of(), MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0).trim();
            }
        }
        return null;
    }
}

package dev.lift.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lift events <type> [--queue ...]}: a real sample event, with the values given as options
 * put where AWS puts them, to pass to {@code lift invoke}; like {@code sam local generate-event}.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Prints a sample event of a type, ready to edit and use with lift invoke --event.",
                "Without a type, lists the types. The samples are AWS's own (aws-lambda-java-libs, Apache-2.0).",
                "Options put values where AWS puts them: HTTP types take --method, --path (with ?query), --header, --body;"
                        + " websocket --route-key, --body; sqs --queue, --body; sns --topic, --body; s3 --bucket, --key;"
                        + " eventbridge --source, --detail-type, --detail; scheduled --rule; dynamodb --table;"
                        + " kinesis --stream, --body."})
final class EventsCommand implements Callable<Integer> {

    /** Type name to the fixture packaged under dev/lift/cli/events, with what it is. */
    static final Map<String, String[]> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("apigw-v2", new String[] {"apigw_http_event.json", "API Gateway HTTP API request (payload 2.0), function URLs"});
        TYPES.put("apigw-v1", new String[] {"apigw_rest_event.json", "API Gateway REST API proxy request (payload 1.0)"});
        TYPES.put("alb", new String[] {"elb_event.json", "Application Load Balancer request"});
        TYPES.put("websocket", new String[] {"apigw_websocket_event.json", "API Gateway WebSocket message"});
        TYPES.put("sqs", new String[] {"sqs_event.json", "SQS batch"});
        TYPES.put("sns", new String[] {"sns_event.json", "SNS notification"});
        TYPES.put("s3", new String[] {"s3_event.json", "S3 event notification"});
        TYPES.put("eventbridge", new String[] {"eventbridge_event.json", "EventBridge event"});
        TYPES.put("scheduled", new String[] {"scheduled_event.json", "EventBridge schedule rule"});
        TYPES.put("dynamodb", new String[] {"dynamodb_event.json", "DynamoDB Streams records"});
        TYPES.put("kinesis", new String[] {"kinesis_event.json", "Kinesis Data Streams records"});
    }

    @ParentCommand
    LiftCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE", description = "One of: ${COMPLETION-CANDIDATES}",
            completionCandidates = Names.class)
    String type;

    @Option(names = "--method", paramLabel = "METHOD", description = "HTTP method (apigw-v2, apigw-v1, alb).")
    String method;
    @Option(names = "--path", paramLabel = "PATH", description = "Request path, with an optional ?query (apigw-v2, apigw-v1, alb).")
    String path;
    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A request header; repeatable (apigw-v2, apigw-v1, alb).")
    List<String> headers = new ArrayList<>();
    @Option(names = "--body", paramLabel = "TEXT",
            description = "Request body, message body (sqs, sns, websocket) or record data (kinesis).")
    String body;
    @Option(names = "--route-key", paramLabel = "KEY", description = "WebSocket route key, for example $connect or sendMessage.")
    String routeKey;
    @Option(names = "--queue", paramLabel = "NAME|ARN", description = "SQS queue of every record.")
    String queue;
    @Option(names = "--topic", paramLabel = "NAME|ARN", description = "SNS topic.")
    String topic;
    @Option(names = "--bucket", paramLabel = "NAME", description = "S3 bucket.")
    String bucket;
    @Option(names = "--key", paramLabel = "KEY", description = "S3 object key, as stored (it is URL-encoded in the event, as S3 does).")
    String key;
    @Option(names = "--source", paramLabel = "SOURCE", description = "EventBridge source, for example com.acme.orders.")
    String source;
    @Option(names = "--detail-type", paramLabel = "TYPE", description = "EventBridge detail-type.")
    String detailType;
    @Option(names = "--detail", paramLabel = "JSON", description = "EventBridge detail, a JSON object.")
    String detail;
    @Option(names = "--rule", paramLabel = "NAME|ARN", description = "Name of the schedule rule (scheduled).")
    String rule;
    @Option(names = "--table", paramLabel = "NAME", description = "DynamoDB table of every record.")
    String table;
    @Option(names = "--stream", paramLabel = "NAME|ARN", description = "Kinesis stream of every record.")
    String stream;

    /** The options each type takes. */
    private static final Map<String, Set<String>> OPTIONS = Map.ofEntries(
            Map.entry("apigw-v2", Set.of("--method", "--path", "--header", "--body")),
            Map.entry("apigw-v1", Set.of("--method", "--path", "--header", "--body")),
            Map.entry("alb", Set.of("--method", "--path", "--header", "--body")),
            Map.entry("websocket", Set.of("--route-key", "--body")),
            Map.entry("sqs", Set.of("--queue", "--body")),
            Map.entry("sns", Set.of("--topic", "--body")),
            Map.entry("s3", Set.of("--bucket", "--key")),
            Map.entry("eventbridge", Set.of("--source", "--detail-type", "--detail")),
            Map.entry("scheduled", Set.of("--rule")),
            Map.entry("dynamodb", Set.of("--table")),
            Map.entry("kinesis", Set.of("--stream", "--body")));

    @Override
    public Integer call() throws IOException {
        if (type == null) {
            TextTable table = new TextTable("TYPE", "EVENT");
            TYPES.forEach((name, v) -> table.row(name, v[1]));
            table.print(cli.out);
            return 0;
        }
        String[] entry = TYPES.get(type);
        if (entry == null) {
            throw new ParameterException(spec.commandLine(), "Unknown event type '" + type + "'; use one of: "
                    + String.join(", ", TYPES.keySet()));
        }
        try (InputStream in = EventsCommand.class.getResourceAsStream("events/" + entry[0])) {
            if (in == null) {
                throw new IOException("the sample " + entry[0] + " is missing from this build of lift.jar");
            }
            byte[] sample = in.readAllBytes();
            Map<String, Object> given = given();
            if (given.isEmpty()) {
                cli.out.write(sample); // byte for byte AWS's sample, with its formatting
            } else {
                checkApplies(given.keySet());
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode event = (ObjectNode) mapper.readTree(sample);
                apply(event, mapper);
                cli.out.print(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(event));
            }
        }
        cli.out.println();
        cli.out.flush();
        return 0;
    }

    private Map<String, Object> given() {
        Map<String, Object> given = new LinkedHashMap<>();
        String[][] pairs = {{"--method", method}, {"--path", path}, {"--body", body}, {"--route-key", routeKey},
            {"--queue", queue}, {"--topic", topic}, {"--bucket", bucket}, {"--key", key}, {"--source", source},
            {"--detail-type", detailType}, {"--detail", detail}, {"--rule", rule}, {"--table", table}, {"--stream", stream}};
        for (String[] p : pairs) {
            if (p[1] != null) {
                given.put(p[0], p[1]);
            }
        }
        if (!headers.isEmpty()) {
            given.put("--header", headers);
        }
        return given;
    }

    private void checkApplies(Set<String> given) {
        Set<String> allowed = OPTIONS.get(type);
        for (String option : given) {
            if (!allowed.contains(option)) {
                throw new ParameterException(spec.commandLine(), "Option " + option + " does not apply to " + type
                        + " events; they take " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    private void apply(ObjectNode e, ObjectMapper mapper) {
        switch (type) {
            case "apigw-v2": {
                ObjectNode http = (ObjectNode) e.path("requestContext").path("http");
                if (method != null) {
                    http.put("method", method.toUpperCase(Locale.ROOT));
                }
                if (path != null) {
                    String[] pq = splitQuery(path);
                    e.put("rawPath", pq[0]);
                    http.put("path", pq[0]);
                    e.put("rawQueryString", pq[1]);
                    e.remove("pathParameters"); // they belonged to the sample's route
                    ObjectNode query = e.putObject("queryStringParameters");
                    decodedQuery(pq[1]).forEach((k, v) -> query.put(k, String.join(",", v)));
                    if (query.isEmpty()) {
                        e.remove("queryStringParameters");
                    }
                }
                ObjectNode h = e.withObjectProperty("headers");
                header().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
                putBody(e);
                return;
            }
            case "apigw-v1":
            case "alb": {
                boolean alb = type.equals("alb");
                ObjectNode context = (ObjectNode) e.path("requestContext");
                if (method != null) {
                    e.put("httpMethod", method.toUpperCase(Locale.ROOT));
                    if (!alb) {
                        context.put("httpMethod", method.toUpperCase(Locale.ROOT));
                    }
                }
                if (path != null) {
                    String[] pq = splitQuery(path);
                    e.put("path", pq[0]);
                    e.remove("multiValueQueryStringParameters");
                    ObjectNode query = e.putObject("queryStringParameters");
                    if (alb) {
                        rawQuery(pq[1]).forEach(query::put); // ALB passes query values on as they were sent
                    } else {
                        e.put("resource", pq[0]);
                        e.putNull("pathParameters");
                        context.put("path", pq[0]);
                        context.put("resourcePath", pq[0]);
                        ObjectNode multi = e.putObject("multiValueQueryStringParameters");
                        decodedQuery(pq[1]).forEach((k, v) -> {
                            query.put(k, v.get(v.size() - 1));
                            v.forEach(multi.putArray(k)::add);
                        });
                    }
                }
                Map<String, String> given = header();
                if (!given.isEmpty()) {
                    ObjectNode h = e.withObjectProperty("headers");
                    ObjectNode multi = e.has("multiValueHeaders") ? e.withObjectProperty("multiValueHeaders") : null;
                    given.forEach((k, v) -> {
                        String name = alb ? k.toLowerCase(Locale.ROOT) : k;
                        h.put(name, v);
                        if (multi != null) {
                            multi.putArray(name).add(v);
                        }
                    });
                }
                putBody(e);
                return;
            }
            case "websocket": {
                ObjectNode context = (ObjectNode) e.path("requestContext");
                if (routeKey != null) {
                    context.put("routeKey", routeKey);
                    context.put("eventType", "$connect".equals(routeKey) ? "CONNECT"
                            : "$disconnect".equals(routeKey) ? "DISCONNECT" : "MESSAGE");
                }
                putBody(e);
                return;
            }
            case "sqs":
                for (JsonNode r : e.path("Records")) {
                    ObjectNode record = (ObjectNode) r;
                    if (queue != null) {
                        record.put("eventSourceARN", arn(queue, "sqs", record.path("eventSourceARN").asText(), ""));
                    }
                    if (body != null) {
                        record.put("body", body);
                        record.put("md5OfBody", md5(body));
                    }
                }
                return;
            case "sns":
                for (JsonNode r : e.path("Records")) {
                    ObjectNode sns = (ObjectNode) r.path("Sns");
                    if (topic != null) {
                        String arn = arn(topic, "sns", sns.path("TopicArn").asText(), "");
                        sns.put("TopicArn", arn);
                        String sub = r.path("EventSubscriptionArn").asText();
                        ((ObjectNode) r).put("EventSubscriptionArn", arn + sub.substring(Math.max(0, sub.lastIndexOf(':'))));
                    }
                    if (body != null) {
                        sns.put("Message", body);
                    }
                }
                return;
            case "s3":
                for (JsonNode r : e.path("Records")) {
                    ObjectNode s3 = (ObjectNode) r.path("s3");
                    if (bucket != null) {
                        s3.withObjectProperty("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
                    }
                    if (key != null) {
                        // S3 sends keys URL-encoded, spaces as '+'.
                        s3.withObjectProperty("object").put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                                .put("urlDecodedKey", key);
                    }
                }
                return;
            case "eventbridge":
                if (source != null) {
                    e.put("source", source);
                }
                if (detailType != null) {
                    e.put("detail-type", detailType);
                }
                if (detail != null) {
                    JsonNode d;
                    try {
                        d = mapper.readTree(detail);
                    } catch (JsonProcessingException ex) {
                        d = null;
                    }
                    if (d == null || !d.isObject()) {
                        throw new ParameterException(spec.commandLine(), "--detail must be a JSON object, for example "
                                + "'{\"orderId\":\"42\"}'");
                    }
                    e.set("detail", d);
                }
                return;
            case "scheduled":
                if (rule != null) {
                    String old = e.path("resources").path(0).asText();
                    e.putArray("resources").add(arn(rule, "events", old, "rule/"));
                }
                return;
            case "dynamodb":
                for (JsonNode r : e.path("Records")) {
                    String arn = r.path("eventSourceARN").asText();
                    ((ObjectNode) r).put("eventSourceARN", arn.replaceFirst(":table/[^/]+", ":table/" + table));
                }
                return;
            case "kinesis":
                for (JsonNode r : e.path("Records")) {
                    ObjectNode record = (ObjectNode) r;
                    if (stream != null) {
                        String region = record.path("awsRegion").asText("us-east-1");
                        record.put("eventSourceARN", stream.startsWith("arn:") ? stream
                                : "arn:aws:kinesis:" + region + ":123456789012:stream/" + stream);
                    }
                    if (body != null) {
                        ((ObjectNode) record.path("kinesis")).put("data",
                                Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
                    }
                }
                return;
            default:
                throw new IllegalStateException("no parameters for " + type);
        }
    }

    private void putBody(ObjectNode e) {
        if (body != null) {
            e.put("body", body);
            e.put("isBase64Encoded", false);
        }
    }

    /** The --header values by name, in the order given; a later one replaces an earlier one of the same name. */
    private Map<String, String> header() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : headers) {
            int eq = h.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--header takes NAME=VALUE, for example "
                        + "--header content-type=application/json; got '" + dev.lift.api.LogText.escape(h) + "'");
            }
            out.put(h.substring(0, eq).trim(), h.substring(eq + 1));
        }
        return out;
    }

    /** An ARN from a name, in the region and account of the sample's own ARN; an ARN is kept as it is. */
    private static String arn(String nameOrArn, String service, String sampleArn, String resourcePrefix) {
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        String[] parts = sampleArn.split(":", 6);
        String region = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "us-east-1";
        String account = parts.length > 4 && !parts[4].isEmpty() ? parts[4] : "123456789012";
        return "arn:aws:" + service + ":" + region + ":" + account + ":" + resourcePrefix + nameOrArn;
    }

    private static String[] splitQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? new String[] {path, ""} : new String[] {path.substring(0, q), path.substring(q + 1)};
    }

    private static Map<String, String> rawQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                out.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return out;
    }

    private static Map<String, List<String>> decodedQuery(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        return out;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** The type names, for the usage text. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TYPES.keySet().iterator();
        }
    }
}

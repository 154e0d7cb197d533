package dev.lift.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lift events <type>}: a real sample event to edit and pass to {@code lift invoke}. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Prints a sample event of a type, ready to edit and use with lift invoke --event.",
                "Without a type, lists the types. The samples are AWS's own (aws-lambda-java-libs, Apache-2.0)."})
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
            cli.out.write(in.readAllBytes());
        }
        cli.out.println();
        cli.out.flush();
        return 0;
    }

    /** The type names, for the usage text. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TYPES.keySet().iterator();
        }
    }
}

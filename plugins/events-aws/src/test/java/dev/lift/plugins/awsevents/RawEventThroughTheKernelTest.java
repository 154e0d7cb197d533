package dev.lift.plugins.awsevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.EventSelector;
import dev.lift.events.SqsMessage;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.TestApp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a handler written for Powertools sees: the raw event in the standard types, through its context. */
class RawEventThroughTheKernelTest {

    @Test
    void handlersReadTheRawEventAndTheStandardTypesFromTheirContext() {
        List<String> seen = new CopyOnWriteArrayList<>();
        LiftKernel kernel = Lift.builder().discover(false).plugin(new SqsAdapter()).plugin(new ApiGatewayV2Adapter())
                .plugin(new AwsEventsConverter())
                .plugin(new TestApp(r -> r
                        .onRecord(EventSelector.any(SqsMessage.class), (msg, ctx) -> {
                            SQSEvent event = ctx.rawEvent(SQSEvent.class);
                            seen.add(msg.messageId() + " of " + event.getRecords().size() + " in "
                                    + ctx.rawEvent().path("Records").size() + " raw records");
                        })
                        .post("/my/path", (req, ctx) -> {
                            APIGatewayV2HTTPEvent event = ctx.rawEvent(APIGatewayV2HTTPEvent.class);
                            return event.getRequestContext().getHttp().getMethod() + " " + event.getRawPath();
                        }))).build();

        kernel.invoke(Fixtures.bytes("sqs_event.json"));
        JsonNode sqs = Fixtures.json("sqs_event.json");
        assertEquals(sqs.path("Records").size(), seen.size());
        assertEquals(sqs.at("/Records/0/messageId").asText() + " of " + sqs.path("Records").size() + " in "
                + sqs.path("Records").size() + " raw records", seen.get(0));

        JsonNode http = Fixtures.parse(Fixtures.utf8(kernel.invoke(Fixtures.bytes("apigw_http_event.json"))));
        assertEquals("POST /my/path", http.get("body").asText());
    }
}

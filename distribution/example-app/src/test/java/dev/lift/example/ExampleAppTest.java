package dev.lift.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.eventbridge.EventBridgeAdapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.scheduled.ScheduledEventAdapter;
import dev.lift.plugins.s3.S3Adapter;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.test.Events;
import dev.lift.test.LiftTestKit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example application, through the real adapters, as Lambda would run it. */
class ExampleAppTest {

    private ExampleApp app;
    private LiftTestKit lift;

    @BeforeEach
    void boot() {
        app = new ExampleApp();
        lift = LiftTestKit.withPlugins(new ApiGatewayV2Adapter(), new SqsAdapter(), new S3Adapter(),
                new EventBridgeAdapter(), new ScheduledEventAdapter(), new ProblemDetailsErrorStrategy(), app);
    }

    @AfterEach
    void close() {
        lift.close();
    }

    @Test
    void greets() {
        lift.invoke(Events.http("GET", "/hello/Ada")).http().assertStatus(200)
                .assertJsonBody("{\"message\":\"Hello, Ada!\"}");
    }

    @Test
    void createsReadsUpdatesListsAndDeletesTodos() {
        lift.invoke(Events.http("POST", "/todos").json("{\"title\":\"  Write docs \"}")).http()
                .assertStatus(201).assertHeader("Location", "/todos/1")
                .assertJsonBody("{\"id\":\"1\",\"title\":\"Write docs\",\"done\":false}");
        lift.invoke(Events.http("POST", "/todos").json("{\"title\":\"Ship\",\"done\":true}")).http().assertStatus(201);
        lift.invoke(Events.http("GET", "/todos/1")).http().assertStatus(200)
                .assertJsonBody("{\"id\":\"1\",\"title\":\"Write docs\",\"done\":false}");
        lift.invoke(Events.http("PUT", "/todos/1").json("{\"title\":\"Write docs\",\"done\":true}")).http()
                .assertStatus(200).assertJsonBody("{\"id\":\"1\",\"title\":\"Write docs\",\"done\":true}");
        lift.invoke(Events.http("GET", "/todos")).http().assertStatus(200).assertJsonBody(
                "[{\"id\":\"1\",\"title\":\"Write docs\",\"done\":true},{\"id\":\"2\",\"title\":\"Ship\",\"done\":true}]");
        lift.invoke(Events.http("DELETE", "/todos/2")).http().assertStatus(204).assertBody("");
        lift.invoke(Events.http("GET", "/todos/2")).http().assertStatus(404);
        assertEquals(1, app.store().size());
    }

    @Test
    void blankTitlesAreRejectedWithTheField() {
        lift.invoke(Events.http("POST", "/todos").json("{\"title\":\"   \"}")).http()
                .assertStatus(422).assertHeader("Content-Type", "application/problem+json")
                .assertJsonBody("{\"type\":\"about:blank\",\"title\":\"Unprocessable Content\",\"status\":422,"
                        + "\"detail\":\"The request body has 1 invalid field\",\"instance\":\"/todos\","
                        + "\"code\":\"unprocessable_content\",\"requestId\":\"test-request-1\","
                        + "\"errors\":[{\"field\":\"title\",\"message\":\"must not be blank\"}]}");
        assertEquals(0, app.store().size());
    }

    @Test
    void unknownTodosAre404AndWrongMethods405() {
        lift.invoke(Events.http("PUT", "/todos/77").json("{\"title\":\"x\"}")).http().assertStatus(404);
        lift.invoke(Events.http("DELETE", "/todos/abc")).http().assertStatus(404);
        lift.invoke(Events.http("PATCH", "/todos/1")).http().assertStatus(405).assertHeader("Allow", "DELETE, GET, HEAD, PUT");
    }

    @Test
    void sqsMessagesBecomeTodosAndBrokenOnesAloneFail() {
        lift.invoke(Events.sqs("imports").message("m-1", "{\"title\":\"From the queue\"}").message("m-2", "not json")
                .message("m-3", "{\"other\":1}")).batch().assertFailed("m-2");
        assertEquals(List.of(new Todo("1", "From the queue", false)), app.store().list());
    }

    @Test
    void theCleanupScheduleRemovesDoneTodos() {
        app.store().create("done", true);
        app.store().create("open", false);
        lift.invoke(Events.scheduled("todo-cleanup")).assertJson("{\"removed\":1}");
        lift.invoke(Events.scheduled("some-other-rule")).assertJson("{\"rule\":\"some-other-rule\",\"action\":\"none\"}");
        assertEquals(List.of(new Todo("2", "open", false)), app.store().list());
    }

    @Test
    void eventBridgeEventsAreAcknowledgedWithWhatCame() {
        lift.invoke(Events.eventBridge("com.example.billing", "Invoice Paid").id("e-1"))
                .assertJson("{\"received\":\"Invoice Paid\",\"source\":\"com.example.billing\",\"id\":\"e-1\"}");
    }

    @Test
    void s3NotificationsAreAcknowledged() {
        lift.invoke(Events.s3("inbox").objectCreated("imports/todos.csv", 120).objectRemoved("old.txt"))
                .assertJson("null");
    }
}

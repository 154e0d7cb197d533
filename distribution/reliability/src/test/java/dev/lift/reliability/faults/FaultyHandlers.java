package dev.lift.reliability.faults;

import dev.lift.api.InvocationContext;
import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import dev.lift.events.DynamoDbStreamRecord;
import dev.lift.events.KinesisRecord;
import dev.lift.events.SqsMessage;

/**
 * The application under test: one record handler per source, each of which parses its record's
 * plan, does what the plan says and writes its own outcome to the {@link Ledger} (a success is
 * written only on the way out of a handler that returns normally).
 */
final class FaultyHandlers implements LiftApplication {

    private final Ledger ledger;

    FaultyHandlers(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String id() {
        return "faulty-handlers";
    }

    @Override
    public void configure(Routes routes) {
        routes.onRecord(SqsMessage.queue(BatchSource.SQS_STANDARD.resourceName()), (m, ctx) -> handle(m.body(), ctx));
        routes.onRecord(SqsMessage.queue(BatchSource.SQS_FIFO.resourceName()), (m, ctx) -> handle(m.body(), ctx));
        routes.onRecord(KinesisRecord.stream(BatchSource.KINESIS.resourceName()), (r, ctx) -> handle(r.dataAsText(), ctx));
        routes.onRecord(DynamoDbStreamRecord.table(BatchSource.DYNAMODB_STREAMS.resourceName()),
                (r, ctx) -> handle(r.newImage().get("payload").s(), ctx));
    }

    private void handle(String payload, InvocationContext context) throws Exception {
        String[] plan = payload.split("\\|");
        String id = plan[0];
        ledger.started(id, Integer.parseInt(plan[1]), context.requestId(), context.deadlineMillis());
        try {
            Fault.valueOf(plan[2]).inject(context);
            ledger.succeeded(id);
        } finally {
            ledger.ended(context.requestId());
        }
    }
}

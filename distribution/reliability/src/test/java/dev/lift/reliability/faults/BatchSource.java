package dev.lift.reliability.faults;

import dev.lift.test.DynamoDbEventBuilder;
import dev.lift.test.Events;
import dev.lift.test.KinesisEventBuilder;
import dev.lift.test.SqsEventBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An event source whose batches the suite pushes through Lift, with the rule its adapter and the
 * kernel apply to failures (see {@code RecordBatch}):
 * <ul>
 *   <li>SQS standard: every failed message is reported, the rest acknowledged; records may run in
 *       parallel when {@code lift.batch.parallelism} is above 1;</li>
 *   <li>SQS FIFO: records run in order; at the first failure that message and every later one of the
 *       batch are reported and none of the later ones runs, so no message group overtakes itself;</li>
 *   <li>Kinesis and DynamoDB Streams: as FIFO; records run in order, never in parallel, and at the first
 *       failure that record and every later one are reported by sequence number without running (Lambda
 *       resumes the shard from the lowest), so nothing is applied out of order or twice.</li>
 * </ul>
 */
enum BatchSource {

    SQS_STANDARD("faults-standard", 10, false),
    SQS_FIFO("faults.fifo", 10, true),
    KINESIS("faults-stream", 100, true),
    DYNAMODB_STREAMS("faults-table", 100, true);

    /** Marks every payload, so that a log line carrying one is found. */
    static final String PAYLOAD_MARKER = "payload-marker-never-logged";

    private final String name;
    private final int maxBatch;
    private final boolean ordered;

    BatchSource(String name, int maxBatch, boolean ordered) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.ordered = ordered;
    }

    /** The queue, stream or table name the handlers are registered for. */
    String resourceName() {
        return name;
    }

    /** The largest batch the source delivers (SQS: 10; streams: more, capped here to keep runs short). */
    int maxBatch() {
        return maxBatch;
    }

    /** Whether a failure stops the batch (SQS FIFO). */
    boolean ordered() {
        return ordered;
    }

    /** Whether records may run in parallel: standard SQS queues only. */
    boolean concurrent() {
        return this == SQS_STANDARD;
    }

    /** One planned record: what its handler will do. */
    record Planned(String id, int index, Fault fault, String group) {
        /** The payload its handler parses; it carries the plan and the marker that must never be logged. */
        String payload() {
            return id + "|" + index + "|" + fault.name() + "|" + PAYLOAD_MARKER;
        }
    }

    /** The event Lambda would deliver for these records, built by the test kit's builders. */
    byte[] event(List<Planned> records) {
        switch (this) {
            case SQS_STANDARD: {
                SqsEventBuilder b = Events.sqs(name);
                records.forEach(r -> b.message(r.id(), r.payload()));
                return b.toBytes();
            }
            case SQS_FIFO: {
                SqsEventBuilder b = Events.sqsFifo(name);
                records.forEach(r -> b.groupMessage(r.id(), r.group(), r.payload()));
                return b.toBytes();
            }
            case KINESIS: {
                KinesisEventBuilder b = Events.kinesis(name);
                records.forEach(r -> b.record("key-" + r.group(), r.payload().getBytes(StandardCharsets.UTF_8)));
                return b.toBytes();
            }
            case DYNAMODB_STREAMS: {
                DynamoDbEventBuilder b = Events.dynamoDb(name);
                records.forEach(r -> b.insert(Map.of("id", r.id()), Map.of("id", r.id(), "payload", r.payload())));
                return b.toBytes();
            }
            default:
                throw new AssertionError(this);
        }
    }

    /** What {@code batchItemFailures} calls the {@code index}-th record (from 0) of a batch built by {@link #event}. */
    String itemIdentifier(Planned record) {
        switch (this) {
            case SQS_STANDARD:
            case SQS_FIFO:
                return record.id();
            case KINESIS:
                return KinesisEventBuilder.sequenceNumber(record.index() + 1);
            case DYNAMODB_STREAMS:
                return DynamoDbEventBuilder.sequenceNumber(record.index() + 1);
            default:
                throw new AssertionError(this);
        }
    }
}

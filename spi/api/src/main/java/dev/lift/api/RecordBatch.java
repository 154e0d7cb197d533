package dev.lift.api;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A batch of records (SQS, Kinesis, DynamoDB Streams, SNS, S3). The kernel hands each record to
 * the most specific matching handler and collects failures:
 * <ul>
 *   <li>with {@link #partialFailures()} the failed records' identifiers are returned in
 *       {@code batchItemFailures}, the rest are acknowledged;</li>
 *   <li>without it (SNS, S3), any failure fails the whole invocation so Lambda retries it;</li>
 *   <li>with {@link #ordered()} (SQS FIFO), processing stops at the
 *       first failure and that record and every later one are reported failed unprocessed.</li>
 *   <li>with {@link #concurrent()} (standard SQS queues), records may run in parallel when
 *       {@code lift.batch.parallelism} is above 1; stream records (Kinesis, DynamoDB Streams)
 *       never do, so that per-shard order holds.</li>
 * </ul>
 *
 * @param <R> the record type
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class RecordBatch<R> implements LiftEvent {

    private final String source;
    private final Class<R> recordType;
    private final List<R> records;
    private final Function<R, String> itemIdentifier;
    private final boolean partialFailures;
    private final boolean ordered;
    private final boolean concurrent;

    /**
     * A batch whose records are handled one after another.
     *
     * @param source the adapter id
     * @param recordType the records' type, used to find handlers
     * @param records the records, in delivery order
     * @param itemIdentifier what identifies a record in {@code batchItemFailures}
     *     ({@code messageId} for SQS, the sequence number for Kinesis and DynamoDB Streams)
     * @param partialFailures whether the source accepts a partial batch response
     * @param ordered whether a failure must stop the batch to keep order (SQS FIFO)
     */
    public RecordBatch(String source, Class<R> recordType, List<R> records, Function<R, String> itemIdentifier,
                       boolean partialFailures, boolean ordered) {
        this(source, recordType, records, itemIdentifier, partialFailures, ordered, false);
    }

    /**
     * A batch that says whether its records may run in parallel.
     *
     * @param concurrent whether records are independent of each other's order (standard SQS);
     *     ignored when {@code ordered} is true
     * @since 0.1
     */
    public RecordBatch(String source, Class<R> recordType, List<R> records, Function<R, String> itemIdentifier,
                       boolean partialFailures, boolean ordered, boolean concurrent) {
        this.source = Objects.requireNonNull(source);
        this.recordType = Objects.requireNonNull(recordType);
        this.records = List.copyOf(records);
        this.itemIdentifier = Objects.requireNonNull(itemIdentifier);
        this.partialFailures = partialFailures;
        this.ordered = ordered;
        this.concurrent = concurrent && !ordered;
    }

    @Override
    public EventKind kind() {
        return EventKind.BATCH;
    }

    @Override
    public String source() {
        return source;
    }

    public Class<R> recordType() {
        return recordType;
    }

    public List<R> records() {
        return records;
    }

    /** The identifier of a record as {@code batchItemFailures} reports it. */
    public String itemIdentifier(R record) {
        return itemIdentifier.apply(record);
    }

    public boolean partialFailures() {
        return partialFailures;
    }

    public boolean ordered() {
        return ordered;
    }

    /** Whether records may be handled in parallel (never for ordered batches). */
    public boolean concurrent() {
        return concurrent;
    }

    @Override
    public String toString() {
        return source + " batch of " + records.size() + " " + recordType.getSimpleName();
    }
}

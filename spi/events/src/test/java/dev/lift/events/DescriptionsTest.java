package dev.lift.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a record says of itself in logs and errors: what selectors look at, never the payload. */
class DescriptionsTest {

    @Test
    void anSqsMessageNamesItsIdAndQueueButNotItsBody() {
        SqsMessage m = new SqsMessage("m-1", "receipt-secret", "{\"token\":\"s3cr3t\"}", "md5", Map.of(), Map.of(),
                "arn:aws:sqs:us-east-1:123456789012:orders", "us-east-1");
        assertEquals("SQS message m-1 of queue arn:aws:sqs:us-east-1:123456789012:orders", m.describe());
    }

    @Test
    void anS3NotificationNamesItsBucketAndKey() {
        S3Notification n = new S3Notification("ObjectCreated:Put", Instant.EPOCH, "us-east-1", "uploads",
                "in/a.csv", 10, "etag", null, "seq");
        assertEquals("S3 ObjectCreated:Put of bucket uploads key in/a.csv", n.describe());
    }
}

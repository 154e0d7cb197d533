package dev.lift.plugins.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.EventSelector;
import dev.lift.events.SqsMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;

class SqsSelectorTest {

    private static SqsMessage from(String arn) {
        return new SqsMessage("m-1", "rh", "{}", null, Map.of(), Map.of(), arn, "eu-central-1");
    }

    private final SqsMessage sample = new SqsAdapter().decode(Fixtures.event("sqs_event.json")).records().get(0);

    @Test
    void queueByNameMatchesTheQueueOfTheArn() {
        EventSelector<SqsMessage> s = SqsMessage.queue("TestLambda");
        assertTrue(s.matches(sample));
        assertFalse(s.matches(from("arn:aws:sqs:eu-central-1:123456789012:Other")));
        assertFalse(s.matches(from("arn:aws:sqs:eu-central-1:123456789012:TestLambda.fifo")));
        assertFalse(s.matches(from(null)));
        assertFalse(SqsMessage.queue("testlambda").matches(sample), "queue names are case-sensitive");
        assertEquals(SqsMessage.class, s.type());
        assertEquals("sqs queue=TestLambda", s.describe());
    }

    @Test
    void queueByArnMatchesThatArnOnly() {
        EventSelector<SqsMessage> s = SqsMessage.queue("arn:aws:sqs:eu-central-1:123456789012:TestLambda");
        assertTrue(s.matches(sample));
        assertFalse(s.matches(from("arn:aws:sqs:us-east-1:123456789012:TestLambda")), "same name, other region");
    }

    @Test
    void anyMatchesEveryMessage() {
        assertTrue(SqsMessage.any().matches(sample));
        assertTrue(SqsMessage.any().matches(from(null)));
        assertEquals("sqs any", SqsMessage.any().describe());
    }

    @Test
    void aNamedQueueIsMoreSpecificThanAny() {
        assertEquals(0, SqsMessage.any().specificity());
        assertEquals(10, SqsMessage.queue("TestLambda").specificity());
        assertTrue(SqsMessage.queue("arn:aws:sqs:eu-central-1:123456789012:TestLambda").specificity()
                > SqsMessage.any().specificity());
    }

    @Test
    void aNullQueueIsRejectedAtBoot() {
        assertThrows(NullPointerException.class, () -> SqsMessage.queue(null));
    }
}

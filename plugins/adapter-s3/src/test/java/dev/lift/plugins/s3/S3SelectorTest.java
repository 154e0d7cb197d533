package dev.lift.plugins.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.EventSelector;
import dev.lift.events.S3Notification;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;

class S3SelectorTest {

    private static S3Notification created(String bucket, String key) {
        return new S3Notification("ObjectCreated:Put", null, "eu-central-1", bucket, key, 1, "e", null, "01");
    }

    private static S3Notification removed(String bucket, String key) {
        return new S3Notification("ObjectRemoved:Delete", null, "eu-central-1", bucket, key, 0, null, null, "02");
    }

    private final S3Notification sample = new S3Adapter().decode(Fixtures.event("s3_event.json")).records().get(0);

    @Test
    void bucketSelectsByBucketName() {
        assertTrue(S3Notification.bucket("example-bucket").matches(sample));
        assertFalse(S3Notification.bucket("other").matches(sample));
        assertEquals("s3 bucket=example-bucket", S3Notification.bucket("example-bucket").describe());
        assertTrue(S3Notification.any().matches(sample));
    }

    @Test
    void aSingleStarStaysWithinOneSegment() {
        EventSelector<S3Notification> s = S3Notification.matching("uploads", "images/*.jpg", null);
        assertTrue(s.matches(created("uploads", "images/cat.jpg")));
        assertTrue(s.matches(created("uploads", "images/.jpg")));
        assertFalse(s.matches(created("uploads", "images/2024/cat.jpg")));
        assertFalse(s.matches(created("uploads", "images/cat.png")));
        assertFalse(s.matches(created("uploads", "images/cat.jpg.bak")));
        assertFalse(s.matches(created("other", "images/cat.jpg")));
        assertTrue(S3Notification.matching("example-bucket", "test/*", null).matches(sample));
    }

    @Test
    void aDoubleStarCrossesSegments() {
        EventSelector<S3Notification> s = S3Notification.matching(null, "images/**", null);
        assertTrue(s.matches(created("a", "images/cat.jpg")));
        assertTrue(s.matches(created("b", "images/2024/05/cat.jpg")));
        assertFalse(s.matches(created("a", "docs/images/cat.jpg")));

        EventSelector<S3Notification> anyDir = S3Notification.matching(null, "**/report.csv", null);
        assertTrue(anyDir.matches(created("a", "report.csv")), "**/ also matches no directory");
        assertTrue(anyDir.matches(created("a", "2024/05/report.csv")));
        assertFalse(anyDir.matches(created("a", "2024/05/old-report.csv")));

        EventSelector<S3Notification> middle = S3Notification.matching(null, "logs/**/*.gz", null);
        assertTrue(middle.matches(created("a", "logs/app.gz")));
        assertTrue(middle.matches(created("a", "logs/2024/05/app.gz")));
        assertFalse(middle.matches(created("a", "logs/2024/05/app.txt")));
    }

    @Test
    void otherCharactersMatchThemselves() {
        EventSelector<S3Notification> s = S3Notification.matching(null, "data/(1)+[x].csv", null);
        assertTrue(s.matches(created("a", "data/(1)+[x].csv")));
        assertFalse(s.matches(created("a", "data/1x.csv")));
        assertFalse(S3Notification.matching(null, "a.b", null).matches(created("a", "axb")));
    }

    @Test
    void eventNamePrefixSelectsKindsOfEvents() {
        EventSelector<S3Notification> created = S3Notification.matching("uploads", null, "ObjectCreated:");
        assertTrue(created.matches(created("uploads", "k")));
        assertFalse(created.matches(removed("uploads", "k")));
        assertTrue(S3Notification.matching(null, null, "ObjectRemoved:Delete").matches(removed("x", "k")));
        assertTrue(S3Notification.matching(null, null, null).matches(removed("x", "k")));
        assertEquals("s3 bucket=uploads event=ObjectCreated:*", created.describe());
        assertEquals("s3 any", S3Notification.matching(null, null, null).describe());
    }

    @Test
    void moreConstraintsAreMoreSpecific() {
        List<EventSelector<S3Notification>> selectors = List.of(
                S3Notification.any(),
                S3Notification.bucket("uploads"),
                S3Notification.matching("uploads", "images/**", null),
                S3Notification.matching("uploads", "images/thumbs/**", null),
                S3Notification.matching("uploads", "images/thumbs/**", "ObjectCreated:"),
                S3Notification.matching("uploads", "images/thumbs/**", "ObjectCreated:Put"));
        S3Notification n = created("uploads", "images/thumbs/cat.jpg");
        for (EventSelector<S3Notification> s : selectors) {
            assertTrue(s.matches(n), s.describe());
        }
        List<String> bySpecificity = selectors.stream()
                .sorted(Comparator.comparingInt(EventSelector::specificity))
                .map(EventSelector::describe).collect(Collectors.toList());
        assertEquals(selectors.stream().map(EventSelector::describe).collect(Collectors.toList()), bySpecificity);
        for (int i = 1; i < selectors.size(); i++) {
            assertTrue(selectors.get(i).specificity() > selectors.get(i - 1).specificity(), selectors.get(i).describe());
        }
        assertEquals(S3Notification.bucket("uploads").specificity(),
                S3Notification.matching("uploads", null, null).specificity());
        assertEquals(0, S3Notification.matching(null, null, null).specificity());
    }
}

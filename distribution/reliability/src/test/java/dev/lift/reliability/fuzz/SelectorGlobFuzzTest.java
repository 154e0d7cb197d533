package dev.lift.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lift.api.EventSelector;
import dev.lift.api.Json;
import dev.lift.events.EventBridgeEvent;
import dev.lift.events.S3Notification;
import dev.lift.events.SnsMessage;
import dev.lift.events.SqsMessage;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Event selectors: S3 key globs ({@code KeyGlob}) against a memoised reference matcher written
 * from their documentation, with the matcher's work counted (each key character read at most
 * once, whatever the glob); EventBridge source and detail-type patterns; queue and topic names and
 * ARNs. An input is the pattern, a NUL byte, and the value to match.
 */
@ExtendWith(SeedCorpusCheck.class)
class SelectorGlobFuzzTest {

    /** Bounded sizes: the reference is quadratic, and libFuzzer's per-input timeout catches anything worse in Lift. */
    private static final int MAX_GLOB = 64;
    private static final int MAX_KEY = 2048;

    private static final Constructor<?> KEY_GLOB;
    private static final Method KEY_GLOB_MATCHES;

    static {
        try {
            Class<?> c = Class.forName("dev.lift.events.KeyGlob");
            KEY_GLOB = c.getDeclaredConstructor(String.class);
            KEY_GLOB.setAccessible(true);
            KEY_GLOB_MATCHES = CountingChars.method("dev.lift.events.KeyGlob", "matches", CharSequence.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("dev.lift.events.KeyGlob is gone or changed; update the fuzz target", e);
        }
    }

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void s3KeyGlobs(byte[] input) {
        String[] parts = split(input);
        String glob = parts[0].length() > MAX_GLOB ? parts[0].substring(0, MAX_GLOB) : parts[0];
        String key = parts[1].length() > MAX_KEY ? parts[1].substring(0, MAX_KEY) : parts[1];
        S3Notification n = new S3Notification("ObjectCreated:Put", null, "us-east-1", "bucket", key, 0, null, null, null);
        boolean expected = GlobReference.matches(glob, key);
        assertEquals(expected, S3Notification.matching(null, glob, null).matches(n), "glob " + glob + " key " + key);
        assertEquals(expected, S3Notification.matching("bucket", glob, "ObjectCreated:").matches(n), glob);
        assertEquals(false, S3Notification.matching("other", glob, null).matches(n), glob);

        Object compiled;
        try {
            compiled = KEY_GLOB.newInstance(glob);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        CountingChars counted = new CountingChars(key);
        CountingChars.call(KEY_GLOB_MATCHES, compiled, counted);
        assertTrue(counted.reads() <= key.length(), "glob " + glob + " read " + counted.reads()
                + " characters of a key of " + key.length());
    }

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void eventBridgePatterns(byte[] input) {
        String[] parts = split(input);
        String pattern = parts[0];
        String value = parts[1];
        EventBridgeEvent event = new EventBridgeEvent("id", "0", value, value, "123456789012", null, "us-east-1",
                List.of(), Json.mapper().nullNode());
        boolean expected = pattern.endsWith("*") ? value.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(value);
        assertEquals(expected, EventBridgeEvent.matching(pattern, null).matches(event), pattern + " / " + value);
        assertEquals(expected, EventBridgeEvent.matching(null, pattern).matches(event), pattern + " / " + value);
        assertEquals(expected, EventBridgeEvent.matching(pattern, pattern).matches(event), pattern + " / " + value);
        assertTrue(EventBridgeEvent.any().matches(event));
    }

    /** A queue or topic named by the input matches its own messages by name and by ARN, and no other. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void queueAndTopicNames(byte[] input) {
        String[] parts = split(input);
        String name = parts[0];
        String other = parts[1];
        String queueArn = "arn:aws:sqs:us-east-1:123456789012:" + name;
        String topicArn = "arn:aws:sns:us-east-1:123456789012:" + name;
        SqsMessage message = new SqsMessage("m-1", "r", "{}", null, Map.of(), Map.of(), queueArn, "us-east-1");
        SnsMessage notification = new SnsMessage("n-1", topicArn, null, "{}", null, "Notification", Map.of());
        boolean plainName = !name.isEmpty() && name.indexOf(':') < 0 && !name.startsWith("arn:");

        assertTrue(SqsMessage.queue(queueArn).matches(message), queueArn);
        assertTrue(SnsMessage.topic(topicArn).matches(notification), topicArn);
        if (plainName) {
            assertTrue(SqsMessage.queue(name).matches(message), name);
            assertTrue(SnsMessage.topic(name).matches(notification), name);
        }
        if (plainName) { // AWS queue and topic names never hold ':'; the name is what follows the ARN's last one
            if (!other.equals(name) && !other.equals(queueArn) && !other.isEmpty()) {
                expectNoMatch(SqsMessage.queue(other), message, other);
            }
            if (!other.equals(name) && !other.equals(topicArn) && !other.isEmpty()) {
                expectNoMatch(SnsMessage.topic(other), notification, other);
            }
        }
    }

    private static <E> void expectNoMatch(EventSelector<E> selector, E event, String what) {
        assertEquals(false, selector.matches(event), what + " matched " + event);
    }

    private static String[] split(byte[] input) {
        int nul = 0;
        while (nul < input.length && input[nul] != 0) {
            nul++;
        }
        String first = new String(input, 0, nul, StandardCharsets.UTF_8);
        String second = nul < input.length ? new String(input, nul + 1, input.length - nul - 1, StandardCharsets.UTF_8) : "";
        return new String[] {first, second};
    }

    /**
     * S3 key globs as documented: {@code **}{@code /} matches nothing or any characters ending with
     * {@code /}, {@code **} any characters, {@code *} any characters but {@code /}, every other
     * character itself. Memoised over (glob token, key position), so quadratic at worst.
     */
    static final class GlobReference {
        private static final int LITERAL = 0;
        private static final int SEGMENT = 1;
        private static final int ANY = 2;
        private static final int DIRECTORIES = 3;

        private final int[] kinds;
        private final char[] chars;
        private final String key;
        private final Boolean[][] memo;
        private final Boolean[][] memoDirs;

        private GlobReference(String glob, String key) {
            List<int[]> tokens = new ArrayList<>();
            for (int i = 0; i < glob.length(); ) {
                if (glob.startsWith("**/", i)) {
                    tokens.add(new int[] {DIRECTORIES, 0});
                    i += 3;
                } else if (glob.startsWith("**", i)) {
                    tokens.add(new int[] {ANY, 0});
                    i += 2;
                } else if (glob.charAt(i) == '*') {
                    tokens.add(new int[] {SEGMENT, 0});
                    i++;
                } else {
                    tokens.add(new int[] {LITERAL, glob.charAt(i)});
                    i++;
                }
            }
            kinds = new int[tokens.size()];
            chars = new char[tokens.size()];
            for (int t = 0; t < tokens.size(); t++) {
                kinds[t] = tokens.get(t)[0];
                chars[t] = (char) tokens.get(t)[1];
            }
            this.key = key;
            memo = new Boolean[kinds.length + 1][key.length() + 1];
            memoDirs = new Boolean[kinds.length + 1][key.length() + 1];
        }

        static boolean matches(String glob, String key) {
            GlobReference r = new GlobReference(glob, key);
            // Fill from the end so that recursion stays shallow.
            for (int j = key.length(); j >= 0; j--) {
                for (int t = r.kinds.length; t >= 0; t--) {
                    r.match(t, j);
                }
            }
            return r.match(0, 0);
        }

        private boolean match(int t, int j) {
            Boolean known = memo[t][j];
            if (known != null) {
                return known;
            }
            boolean result;
            if (t == kinds.length) {
                result = j == key.length();
            } else {
                boolean more = j < key.length();
                switch (kinds[t]) {
                    case LITERAL:
                        result = more && key.charAt(j) == chars[t] && match(t + 1, j + 1);
                        break;
                    case SEGMENT:
                        result = match(t + 1, j) || more && key.charAt(j) != '/' && match(t, j + 1);
                        break;
                    case ANY:
                        result = match(t + 1, j) || more && match(t, j + 1);
                        break;
                    default:
                        result = match(t + 1, j) || directories(t, j);
                }
            }
            memo[t][j] = result;
            return result;
        }

        /** Any characters up to and including a '/', then the rest of the glob. */
        private boolean directories(int t, int j) {
            Boolean known = memoDirs[t][j];
            if (known != null) {
                return known;
            }
            boolean result = j < key.length()
                    && (key.charAt(j) == '/' && match(t + 1, j + 1) || directories(t, j + 1));
            memoDirs[t][j] = result;
            return result;
        }
    }
}

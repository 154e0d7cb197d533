package dev.lift.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * S3 key globs: {@code *} within one segment, {@code **} across {@code /}, {@code **}{@code /} also
 * no directory at all. Matching must take work linear in the key whatever the glob (a glob that
 * compiled to a backtracking regex took seconds for {@code **a**a**a**b} and a 513-character key);
 * work is counted in characters read, never timed.
 */
class KeyGlobTest {

    /** A key that counts how often the matcher reads one of its characters. */
    private static final class CountingKey implements CharSequence {
        private final String s;
        long reads;

        CountingKey(String s) {
            this.s = s;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            reads += end - start;
            return s.substring(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }

    private static long reads(String glob, String key) {
        CountingKey counting = new CountingKey(key);
        new KeyGlob(glob).matches(counting);
        return counting.reads;
    }

    private static void assertLinear(String glob, String unit) {
        String once = unit.repeat(64 / unit.length());
        String twice = once + once;
        long readsOnce = reads(glob, once);
        long readsTwice = reads(glob, twice);
        assertTrue(readsOnce <= 2L * once.length(),
                glob + ": " + readsOnce + " characters read for a key of " + once.length());
        assertTrue(readsTwice <= 2.5 * readsOnce,
                glob + ": twice the key took " + readsTwice + " reads, against " + readsOnce);
    }

    @Test
    void globsThatMadeTheRegexBacktrackAreMatchedInLinearWork() {
        assertLinear("**a**a**a**b", "a");
        assertLinear("*a*a*a*b", "a");
        assertLinear("**/a**/a**/b", "a/");
        assertLinear("**a*a**a*b", "aa/");
        String key = "a".repeat(513);
        assertFalse(new KeyGlob("**a**a**a**b").matches(key));
        assertTrue(new KeyGlob("**a**a**a**").matches(key));
        assertTrue(reads("**a**a**a**b", key) <= 2L * key.length());
    }

    @Test
    void theDocumentedSemanticsHold() {
        assertTrue(new KeyGlob("images/*.jpg").matches("images/cat.jpg"));
        assertTrue(new KeyGlob("images/*.jpg").matches("images/.jpg"));
        assertFalse(new KeyGlob("images/*.jpg").matches("images/2024/cat.jpg"));
        assertFalse(new KeyGlob("images/*.jpg").matches("images/cat.jpg.bak"));
        assertTrue(new KeyGlob("images/**").matches("images/2024/05/cat.jpg"));
        assertTrue(new KeyGlob("images/**").matches("images/"));
        assertFalse(new KeyGlob("images/**").matches("docs/images/cat.jpg"));
        assertTrue(new KeyGlob("**/report.csv").matches("report.csv"));
        assertTrue(new KeyGlob("**/report.csv").matches("2024/05/report.csv"));
        assertFalse(new KeyGlob("**/report.csv").matches("2024/05/old-report.csv"));
        assertTrue(new KeyGlob("logs/**/*.gz").matches("logs/app.gz"));
        assertTrue(new KeyGlob("logs/**/*.gz").matches("logs/2024/05/app.gz"));
        assertFalse(new KeyGlob("logs/**/*.gz").matches("logs/2024/05/app.txt"));
        assertTrue(new KeyGlob("data/(1)+[x].csv").matches("data/(1)+[x].csv"));
        assertFalse(new KeyGlob("a.b").matches("axb"));
        assertTrue(new KeyGlob("a*").matches("a\nb"), "any character, line breaks too");
        assertTrue(new KeyGlob("").matches(""));
        assertFalse(new KeyGlob("").matches("a"));
        assertTrue(new KeyGlob("*").matches(""));
        assertFalse(new KeyGlob("*").matches("a/b"));
        assertTrue(new KeyGlob("***").matches("a/b"));
        assertTrue(new KeyGlob("a/**/").matches("a/"));
        assertTrue(new KeyGlob("a/**/").matches("a/b/"));
        assertFalse(new KeyGlob("a/**/").matches("a/b"));
    }

    /** The regex the glob used to compile to: slow on hostile input, but the meaning to keep. */
    private static Pattern reference(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 3;
            } else if (glob.startsWith("**", i)) {
                re.append(".*");
                i += 2;
            } else if (glob.charAt(i) == '*') {
                re.append("[^/]*");
                i++;
            } else {
                re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                i++;
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    @Test
    void smallGlobsMatchExactlyWhatTheRegexMatched() {
        Random random = new Random(12);
        String globChars = "ab/**";
        String keyChars = "ab/";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder glob = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                glob.append(globChars.charAt(random.nextInt(globChars.length())));
            }
            StringBuilder key = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                key.append(keyChars.charAt(random.nextInt(keyChars.length())));
            }
            assertEquals(reference(glob.toString()).matcher(key).matches(), new KeyGlob(glob.toString()).matches(key),
                    "glob '" + glob + "' against key '" + key + "'");
        }
    }
}

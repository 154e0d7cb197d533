package dev.lift.events;

import java.util.regex.Pattern;

/** An S3 key pattern as {@link S3Notification#matching(String, String, String)} documents it. */
final class KeyGlob {

    private final Pattern pattern;

    /** Compiled once, when the selector is made at boot. */
    KeyGlob(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    if (i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
                        re.append("(?:.*/)?"); // "a/**/b" also matches "a/b"
                        i += 3;
                    } else {
                        re.append(".*");
                        i += 2;
                    }
                } else {
                    re.append("[^/]*");
                    i++;
                }
            } else {
                int end = i;
                while (end < glob.length() && glob.charAt(end) != '*') {
                    end++;
                }
                re.append(Pattern.quote(glob.substring(i, end)));
                i = end;
            }
        }
        this.pattern = Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    boolean matches(CharSequence key) {
        return pattern.matcher(key).matches();
    }
}

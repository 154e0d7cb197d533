package dev.lift.plugins.logging;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of log lines: header values of sensitive names are written as
 * {@code ****}, and in message and exception text the value after such a name ({@code name=value},
 * {@code name: value}, {@code "name":"value"}) and the token after {@code Bearer} or
 * {@code Basic} are replaced the same way.
 */
final class Redactor {

    static final String MASK = "****";

    /** Always redacted. */
    static final Set<String> ALWAYS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-api-key", "x-amz-security-token");

    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=-]+");

    private final Set<String> names;
    private final Pattern named;

    Redactor(Collection<String> configured) {
        Set<String> all = new TreeSet<>(ALWAYS);
        for (String n : configured) {
            all.add(n.toLowerCase(Locale.ROOT));
        }
        this.names = Set.copyOf(all);
        StringBuilder alternatives = new StringBuilder();
        for (String n : all) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(n));
        }
        this.named = Pattern.compile("(?i)(?<![A-Za-z0-9_-])(" + alternatives + ")(\"?\\s*[:=]\\s*\"?)([^\\s\",;&]+)");
    }

    /** Whether a header's or field's value is never logged. */
    boolean sensitive(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The names redacted, sorted. */
    Set<String> names() {
        return names;
    }

    /** The text with credentials masked. */
    String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String t = text;
        Matcher m = SCHEME.matcher(t);
        if (m.find()) {
            t = m.replaceAll("$1$2" + MASK);
        }
        m = named.matcher(t);
        if (m.find()) {
            t = m.replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
        }
        return t;
    }

    /** Whether a configured name is acceptable: letters, digits, '-', '_' and '.'. */
    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.')) {
                return false;
            }
        }
        return true;
    }
}

package dev.vapicheck.generator;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Keeps only regular expressions that mean the same in Java, ECMA-262 (with the u flag) and Python's {@code re}. */
final class Patterns {

    private static final Pattern JS_LITERAL = Pattern.compile("^/(.*)/([a-z]*)$", Pattern.DOTALL);

    /**
     * Constructs whose meaning differs between the three dialects, or that one of them lacks:
     * Unicode property classes (not in Python's re), shorthand classes (ASCII in Java and ECMA, Unicode
     * in Python), look-behind and named groups (spelt differently), anchors and inline flags.
     */
    private static final List<String> NOT_PORTABLE = List.of(
            "\\p", "\\P", "\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "\\b", "\\B", "\\A", "\\Z", "\\z", "\\h",
            "\\G", "\\Q", "(?<", "(?P", "(?i", "(?m", "(?s", "(?x", "[[", "&&", "++", "*+", "?+", "}+");

    private Patterns() {}

    /** The pattern in a form all three read alike, or {@code null} when it has no such form. */
    static @Nullable String portable(String pattern) {
        String p = pattern;
        Matcher m = JS_LITERAL.matcher(p);
        if (m.matches()) {
            if (!m.group(2).replace("u", "").isEmpty()) {
                return null;
            }
            p = m.group(1);
        }
        for (String bad : NOT_PORTABLE) {
            if (p.contains(bad)) {
                return null;
            }
        }
        try {
            Pattern.compile(p);
        } catch (RuntimeException e) {
            return null;
        }
        return p;
    }
}

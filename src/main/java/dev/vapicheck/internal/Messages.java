package dev.vapicheck.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Renders JSON values for error messages: short, quoted, and safe to print on one line. */
public final class Messages {
    /** Longest string value quoted in full in a message. */
    static final int MAX_QUOTED = 60;
    /** Most enum values listed in a message. */
    static final int MAX_LISTED = 25;

    private Messages() {
    }

    /**
     * The JSON type of a value as JSON Schema names it ({@code object}, {@code array}, {@code string},
     * {@code number}, {@code boolean}, {@code null}); integral numbers are {@code integer} only if
     * {@code integerMatters}.
     */
    public static String typeOf(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isNumber()) {
            // Jackson reads a literal beyond the double range (1e400) as an infinity, which no JSON type fits.
            return node.isDouble() && !Double.isFinite(node.doubleValue()) ? "a number out of the double range" : "number";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A value as it appears in a message: strings quoted (and shortened), other scalars as JSON,
     * containers by their type ({@code an object}, {@code an array}).
     */
    static String render(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isString()) {
            return quote(node.stringValue());
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        return shorten(node.toString());
    }

    /** A value for {@code arguments}: the string itself, or the JSON text for other values (shortened). */
    static String literal(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "";
        }
        if (node.isString()) {
            return node.stringValue();
        }
        return shorten(node.toString());
    }

    /** A string as a JSON string literal, shortened to {@link #MAX_QUOTED} chars. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_QUOTED) + 8).append('"');
        int limit = Math.min(s.length(), MAX_QUOTED);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (s.length() > MAX_QUOTED) {
            sb.append("...\" (").append(s.length()).append(" chars)");
        } else {
            sb.append('"');
        }
        return sb.toString();
    }

    /**
     * Whether a char must not reach a terminal or a log line as it is: C0 and C1 controls, DEL, the bidirectional
     * controls (which can reorder what a reader sees), the line and paragraph separators, and lone surrogates.
     *
     * @param c the char
     * @return true if it must be escaped
     */
    public static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u2028'
                || c == '\u2029' || c == '\uFEFF' || Character.isSurrogate(c);
    }

    /**
     * Text made safe to print on one line: every {@link #unsafe(char)} char (a valid surrogate pair is kept) as a
     * backslash-u escape with four hex digits, and, if {@code backslash}, a backslash doubled so that an escape
     * cannot be forged.
     *
     * @param s         the text
     * @param backslash whether to double backslashes
     * @return the same text when nothing needed escaping
     */
    public static String printable(String s, boolean backslash) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            boolean escape = !pair && (unsafe(c) || (backslash && c == '\\'));
            if (escape && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (!escape) {
                    sb.append(c);
                } else if (c == '\\') {
                    sb.append("\\\\");
                } else {
                    sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                }
                if (pair) {
                    sb.append(s.charAt(++i));
                }
            } else if (pair) {
                i++;
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String shorten(String s) {
        return s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "...";
    }

    /** The values of an array node (or the single value of a scalar node) as literals. */
    static List<String> literals(@Nullable JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            for (JsonNode v : node) {
                out.add(literal(v));
            }
        } else {
            out.add(literal(node));
        }
        return out;
    }

    /** {@code [a, b, c]}, at most {@link #MAX_LISTED} values and then a count of the rest. */
    static String list(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        int n = Math.min(values.size(), MAX_LISTED);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(values.get(i));
        }
        if (values.size() > n) {
            sb.append(", ... ").append(values.size() - n).append(" more");
        }
        return sb.append(']').toString();
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    static String alternatives(List<String> values) {
        if (values.isEmpty()) {
            return "nothing";
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        return String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
    }
}

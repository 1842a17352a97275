package dev.vapicheck.internal;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.vapicheck.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns a networknt {@link Error} into our {@link Located} error with a message that names the expected and the
 * actual value or type. Instance locations stay relative to the node that was validated.
 */
final class ErrorTranslator {
    private ErrorTranslator() {
    }

    static Located translate(Error e) {
        return translate(e.getKeyword() == null ? "other" : e.getKeyword(), e.getMessageKey(),
                segments(e.getInstanceLocation()), e.getInstanceNode(), e.getSchemaNode(),
                e.getSchemaLocation() == null ? "" : e.getSchemaLocation().toString(), property(e), e.getArguments(),
                e.getMessage());
    }

    /**
     * Words an error from its facts, whichever engine found it (networknt, or the compiled path's
     * {@link FastErrors}).
     *
     * @param keyword        the keyword that failed
     * @param messageKey     the message key ({@link ClosestBranch#REQUIRED_ONE_OF} matters), or null
     * @param path           the segments of the instance location (appended to for unknown properties)
     * @param actual         the value that failed
     * @param expected       the keyword's value in the schema (for {@code required} one-of, the names)
     * @param schemaLocation the keyword's absolute location
     * @param property       the property named (missing or unknown), or ""
     * @param arguments      networknt's arguments, or null
     * @param fallback       the words for a keyword this class does not know, or null
     * @return the error
     */
    static Located translate(String keyword, @Nullable String messageKey, List<Object> path, @Nullable JsonNode actual,
            @Nullable JsonNode expected, String schemaLocation, String property, Object @Nullable [] arguments,
            @Nullable String fallback) {
        Map<String, Object> args = new LinkedHashMap<>();
        String message;
        switch (keyword) {
            case "type" -> {
                List<String> types = Messages.literals(expected);
                String actualType = Messages.typeOf(actual);
                args.put("expected", types);
                args.put("actual", actualType);
                String shown = actualType;
                if (actual != null && actual.isNumber() && types.contains("integer") && !types.contains("number")) {
                    shown = "number " + Messages.render(actual);
                }
                message = "expected " + Messages.alternatives(types) + " but was " + shown;
            }
            case "enum" -> {
                List<String> allowed = Messages.literals(expected);
                args.put("allowed", allowed);
                args.put("actual", Messages.literal(actual));
                message = "expected one of " + Messages.list(allowed) + " but was " + Messages.render(actual);
            }
            case "const" -> {
                args.put("expected", Messages.literal(expected));
                args.put("actual", Messages.literal(actual));
                message = "expected " + Messages.render(expected) + " but was " + Messages.render(actual);
            }
            case "required" -> {
                args.put("property", property);
                if (ClosestBranch.REQUIRED_ONE_OF.equals(messageKey) && expected != null && expected.isArray()) {
                    List<String> names = new ArrayList<>();
                    expected.forEach(n -> names.add(n.asString()));
                    args.put("oneOf", names);
                    List<String> quoted = new ArrayList<>();
                    names.forEach(n -> quoted.add(Messages.quote(n)));
                    message = "missing required property: one of " + String.join(", ", quoted);
                } else {
                    message = "missing required property " + Messages.quote(property);
                }
            }
            case "additionalProperties", "unevaluatedProperties" -> {
                path.add(property);
                args.put("property", property);
                message = "unknown property " + Messages.quote(property) + " (the schema does not define it)";
            }
            case "minLength", "maxLength" -> {
                Number limit = number(expected);
                int length = actual != null && actual.isString()
                        ? actual.stringValue().codePointCount(0, actual.stringValue().length()) : 0;
                args.put("limit", limit);
                args.put("actual", length);
                message = "expected " + ("minLength".equals(keyword) ? "at least " : "at most ") + limit
                        + " characters but was " + length;
            }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> {
                Number limit = number(expected);
                String op = switch (keyword) {
                    case "minimum" -> ">=";
                    case "maximum" -> "<=";
                    case "exclusiveMinimum" -> ">";
                    default -> "<";
                };
                args.put("limit", limit);
                args.put("actual", number(actual));
                message = "expected a number " + op + " " + limit + " but was " + Messages.render(actual);
            }
            case "multipleOf" -> {
                Number factor = number(expected);
                args.put("factor", factor);
                args.put("actual", number(actual));
                message = "expected a multiple of " + factor + " but was " + Messages.render(actual);
            }
            case "minItems", "maxItems", "minProperties", "maxProperties" -> {
                Number limit = number(expected);
                int size = actual == null ? 0 : actual.size();
                String unit = keyword.endsWith("Items") ? " items" : " properties";
                args.put("limit", limit);
                args.put("actual", size);
                message = "expected " + (keyword.startsWith("min") ? "at least " : "at most ") + limit + unit
                        + " but was " + size;
            }
            case "uniqueItems" -> message = "expected unique items but found duplicates";
            case "pattern" -> {
                String pattern = expected == null ? "" : expected.asString();
                args.put("pattern", pattern);
                args.put("actual", Messages.literal(actual));
                message = "expected a string matching " + pattern + " but was " + Messages.render(actual);
            }
            case "format" -> {
                String format = expected == null ? "" : expected.asString();
                args.put("format", format);
                args.put("actual", Messages.literal(actual));
                message = "expected a valid " + format + " but was " + Messages.render(actual);
            }
            case "false" -> message = "no value is allowed here, but there is " + Messages.render(actual);
            case "oneOf" -> {
                Object[] a = arguments;
                Object matches = a != null && a.length > 0 && a[0] != null ? a[0] : "several";
                args.put("matches", String.valueOf(matches));
                message = "expected exactly one alternative to match but " + matches + " do";
            }
            case "dependentRequired" -> {
                Object[] a = arguments;
                String missing = a != null && a.length > 0 ? String.valueOf(a[0]) : property;
                String because = a != null && a.length > 1 ? String.valueOf(a[1]) : "";
                args.put("property", missing);
                args.put("dependsOn", because);
                message = "missing property " + Messages.quote(missing) + ", which is required when "
                        + Messages.quote(because) + " is present";
            }
            default -> {
                Object[] a = arguments;
                if (a != null && a.length > 0) {
                    List<String> values = new ArrayList<>();
                    for (Object o : a) {
                        values.add(String.valueOf(o));
                    }
                    args.put("arguments", values);
                }
                message = Objects.toString(fallback, keyword + " failed");
            }
        }
        return Located.of(ErrorCode.forKeyword(keyword), keyword, path, schemaLocation, message, args);
    }

    /** The property a {@code required} or {@code additionalProperties} error names. */
    static String property(Error e) {
        if (e.getProperty() != null) {
            return e.getProperty();
        }
        Object[] a = e.getArguments();
        return a != null && a.length > 0 ? String.valueOf(a[0]) : "";
    }

    private static Number number(@Nullable JsonNode node) {
        if (node != null && node.isNumber()) {
            return node.numberValue();
        }
        return 0;
    }

    /** The segments of a networknt instance location. */
    static List<Object> segments(@Nullable NodePath path) {
        List<Object> out = new ArrayList<>();
        if (path == null) {
            return out;
        }
        int n = path.getNameCount();
        for (int i = 0; i < n; i++) {
            Object element = path.getElement(i);
            if (element instanceof Number number) {
                out.add(number.intValue());
            } else {
                out.add(String.valueOf(element));
            }
        }
        return out;
    }
}

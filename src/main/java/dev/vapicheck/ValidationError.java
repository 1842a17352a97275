package dev.vapicheck;

import dev.vapicheck.internal.Messages;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JsonPointer;

/**
 * One problem found in a payload.
 *
 * <p>Conventions: {@code instanceLocation} is relative to the document as it was given ({@code /message/...} for a
 * webhook body, {@code /...} for a bare message) and points at the faulty value; for {@link ErrorCode#REQUIRED} it
 * points at the object that lacks the property, and for {@link ErrorCode#ADDITIONAL_PROPERTIES} at the unknown
 * property itself. Input problems ({@code json}, {@code io}, {@code limit}) point at the place the reader had reached,
 * or at the root.
 *
 * @param code             what kind of problem this is
 * @param keyword          the JSON Schema keyword that failed ({@code enum}, {@code required}, ...) or a
 *                         pseudo-keyword ({@code json}, {@code limit}, {@code io})
 * @param instanceLocation where in the payload, as a JSON Pointer ({@link JsonPointer#empty()} for the root)
 * @param schemaLocation   the absolute location of the failing keyword in the schema set
 *                         (such as {@code https://vapi-check.dev/schemas/1.0/strict/ServerMessageStatusUpdate.json#/properties/status/enum}),
 *                         or {@code ""} for input problems
 * @param message          a sentence a person can act on, naming the expected and the actual value or type
 * @param arguments        the facts behind the message, for programs: for example {@code property},
 *                         {@code expected}, {@code actual}, {@code allowed}, {@code limit}, {@code line},
 *                         {@code column}; values are strings, numbers, booleans or lists of strings, never null
 */
public record ValidationError(
        ErrorCode code,
        String keyword,
        JsonPointer instanceLocation,
        String schemaLocation,
        String message,
        Map<String, Object> arguments) {

    /**
     * Checks that no component is null and freezes {@code arguments} (keeping its order).
     *
     * @param code             what kind of problem this is
     * @param keyword          the keyword or pseudo-keyword
     * @param instanceLocation where in the payload
     * @param schemaLocation   where in the schema set, or {@code ""}
     * @param message          the sentence for people
     * @param arguments        the facts for programs; no null values
     */
    public ValidationError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(instanceLocation, "instanceLocation");
        Objects.requireNonNull(schemaLocation, "schemaLocation");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(arguments, "arguments");
        arguments.forEach((k, v) -> Objects.requireNonNull(v, () -> "argument " + k));
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /**
     * A one-line form: {@code /message/status: expected one of [...] but was "bogus" (enum)}, safe to print and log:
     * control characters (C0, C1), bidirectional controls and line separators are escaped (backslash, u, four hex
     * digits), and backslashes in the pointer are doubled.
     *
     * @return pointer (or {@code (root)}), message and keyword
     */
    @Override
    public String toString() {
        // Safe to print and log: control, C1 and bidi characters and line separators from the payload are escaped.
        String where = Messages.printable(instanceLocation.toString(), true);
        return (where.isEmpty() ? "(root)" : where) + ": " + Messages.printable(message, false) + " ("
                + Messages.printable(keyword, false) + ")";
    }
}

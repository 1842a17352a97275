package dev.vapicheck.assertj;

import dev.vapicheck.ValidationError;
import dev.vapicheck.ValidationResult;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/** Assertions on a {@link ValidationResult}; every failure message lists the errors found. */
public final class ValidationResultAssert extends AbstractAssert<ValidationResultAssert, ValidationResult> {

    ValidationResultAssert(ValidationResult actual) {
        super(actual, ValidationResultAssert.class);
    }

    /** Whether some entry points at {@code pointer}, with {@code keyword} unless it is null. */
    private static boolean anyAt(List<ValidationError> errors, String pointer, @Nullable String keyword) {
        return errors.stream().anyMatch(e -> e.instanceLocation().toString().equals(pointer)
                && (keyword == null || e.keyword().equals(keyword)));
    }

    private static String list(List<ValidationError> errors) {
        return errors.isEmpty() ? "  (none)" : errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
    }

    /**
     * Fails if the payload had any error.
     *
     * @return this assertion, for chaining
     */
    public ValidationResultAssert isValid() {
        isNotNull();
        if (!actual.isValid()) {
            failWithMessage("Expected a valid payload (%s profile) but found %d error(s):%n%s",
                    actual.profile(), actual.errors().size(), list(actual.errors()));
        }
        return this;
    }

    /**
     * Fails if the payload had no error.
     *
     * @return this assertion, for chaining
     */
    public ValidationResultAssert isInvalid() {
        isNotNull();
        if (actual.isValid()) {
            failWithMessage("Expected an invalid payload (%s profile) but it was valid", actual.profile());
        }
        return this;
    }

    /**
     * Fails if the message's {@code type} was not {@code kind}.
     *
     * @param kind the expected message type
     * @return this assertion, for chaining
     */
    public ValidationResultAssert isOfKind(String kind) {
        isNotNull();
        String found = actual.messageType().orElse(null);
        if (!kind.equals(found)) {
            failWithMessage("Expected a message of type <%s> but found <%s>; errors:%n%s", kind, found, list(actual.errors()));
        }
        return this;
    }

    /**
     * Fails if no error points at {@code pointer} (an RFC 6901 JSON Pointer such as {@code /message/call/status}).
     *
     * @param pointer an RFC 6901 JSON Pointer, such as {@code /message/call/status}
     * @return this assertion, for chaining
     */
    public ValidationResultAssert hasErrorAt(String pointer) {
        isNotNull();
        if (!anyAt(actual.errors(), pointer, null)) {
            failWithMessage("Expected an error at <%s> but the errors were:%n%s", pointer, list(actual.errors()));
        }
        return this;
    }

    /**
     * Fails if no error with this keyword ({@code type}, {@code enum}, {@code required}, ...) points at {@code pointer}.
     *
     * @param pointer an RFC 6901 JSON Pointer, such as {@code /message/call/status}
     * @param keyword the keyword, such as {@code type} or {@code enum}
     * @return this assertion, for chaining
     */
    public ValidationResultAssert hasErrorAt(String pointer, String keyword) {
        isNotNull();
        if (!anyAt(actual.errors(), pointer, keyword)) {
            failWithMessage("Expected a <%s> error at <%s> but the errors were:%n%s", keyword, pointer, list(actual.errors()));
        }
        return this;
    }

    /**
     * Fails unless the errors point at exactly these places (each at least once, nowhere else).
     *
     * @param pointers the JSON Pointers
     * @return this assertion, for chaining
     */
    public ValidationResultAssert hasErrorsOnlyAt(String... pointers) {
        isNotNull();
        TreeSet<String> expected = new TreeSet<>(Arrays.asList(pointers));
        TreeSet<String> found = actual.errors().stream().map(e -> e.instanceLocation().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!expected.equals(found)) {
            failWithMessage("Expected errors exactly at %s but the errors were:%n%s", expected, list(actual.errors()));
        }
        return this;
    }

    /**
     * Fails if the lenient check reported drift warnings (see {@code Check.withWarnings()}).
     *
     * @return this assertion, for chaining
     */
    public ValidationResultAssert hasNoWarnings() {
        isNotNull();
        if (!actual.warnings().isEmpty()) {
            failWithMessage("Expected no warnings but found:%n%s", list(actual.warnings()));
        }
        return this;
    }

    /**
     * Fails if no warning points at {@code pointer}.
     *
     * @param pointer an RFC 6901 JSON Pointer, such as {@code /message/call/status}
     * @return this assertion, for chaining
     */
    public ValidationResultAssert hasWarningAt(String pointer) {
        isNotNull();
        if (!anyAt(actual.warnings(), pointer, null)) {
            failWithMessage("Expected a warning at <%s> but the warnings were:%n%s", pointer, list(actual.warnings()));
        }
        return this;
    }
}

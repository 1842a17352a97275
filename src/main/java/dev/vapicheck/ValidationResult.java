package dev.vapicheck;

import dev.vapicheck.internal.Messages;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one {@code validate} call: immutable, and owned by the caller.
 *
 * <p>{@link #errors()} are in document order: by the position of the instance location in the payload (a parent
 * before its children, members in the order they were written, array elements by index), then by keyword
 * ({@code type} first, then alphabetically), then by message. Errors that agree in location, keyword and message
 * (as several branches of a union can report) appear once. The list is capped at the {@code maxErrors} in force;
 * {@link #isTruncated()} says whether some were left out.
 */
public final class ValidationResult {
    private final @Nullable String messageType;
    private final Profile profile;
    private final List<ValidationError> errors;
    private final List<ValidationError> warnings;
    private final boolean truncated;

    ValidationResult(@Nullable String messageType, Profile profile, List<ValidationError> errors,
            List<ValidationError> warnings, boolean truncated) {
        this.messageType = messageType;
        this.profile = Objects.requireNonNull(profile);
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
        this.truncated = truncated;
    }

    /**
     * Whether the payload passed.
     *
     * @return true if there are no errors (warnings do not count)
     */
    public boolean isValid() {
        return errors.isEmpty();
    }

    /**
     * The message type the payload was checked as: {@code message.type} for a message (also when it is not a known
     * kind, as long as it is a string), or the kind answered for a reply.
     *
     * @return the type, or empty when the payload has no usable type
     */
    public Optional<String> messageType() {
        return Optional.ofNullable(messageType);
    }

    /**
     * The profile the errors were found with.
     *
     * @return the profile of the {@link Check}
     */
    public Profile profile() {
        return profile;
    }

    /**
     * The errors, in document order, at most {@code maxErrors} of them.
     *
     * @return an unmodifiable list, empty if the payload is valid
     */
    public List<ValidationError> errors() {
        return errors;
    }

    /**
     * With {@link Check#withWarnings()} and the lenient profile: what the strict profile reports on a payload the
     * lenient profile accepts (drift), in the same order and shape as errors. Empty otherwise.
     *
     * @return an unmodifiable list
     */
    public List<ValidationError> warnings() {
        return warnings;
    }

    /**
     * Whether errors or warnings were left out because of {@code maxErrors} (or because the engine stopped
     * collecting after a very large number of errors).
     *
     * @return true if the lists are incomplete
     */
    public boolean isTruncated() {
        return truncated;
    }

    @Override
    public String toString() {
        return "ValidationResult{valid=" + isValid() + ", messageType="
                + (messageType == null ? null : Messages.quote(messageType)) + ", profile=" + profile
                + ", errors=" + errors + ", warnings=" + warnings + ", truncated=" + truncated + "}";
    }
}

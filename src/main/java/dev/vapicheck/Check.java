package dev.vapicheck;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to check a payload as, and how: immutable per-call options. Each {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * validator.validate(payload, Check.message().kind("status-update").profile(Profile.STRICT));
 * validator.validate(reply, Check.replyTo("tool-calls"));
 * }</pre>
 */
public final class Check {
    private static final Check MESSAGE = new Check(null, null, Profile.LENIENT, false, false, 0, false);

    private final @Nullable String kind;
    private final @Nullable String replyTo;
    private final Profile profile;
    private final boolean warnings;
    private final boolean failFast;
    /** 0 means: the validator's default. */
    private final int maxErrors;
    private final boolean rejectUnknownKinds;

    private Check(@Nullable String kind, @Nullable String replyTo, Profile profile, boolean warnings,
            boolean failFast, int maxErrors, boolean rejectUnknownKinds) {
        this.rejectUnknownKinds = rejectUnknownKinds;
        this.kind = kind;
        this.replyTo = replyTo;
        this.profile = profile;
        this.warnings = warnings;
        this.failFast = failFast;
        this.maxErrors = maxErrors;
    }

    /**
     * Check a message: a webhook body {@code {"message": {...}}} or a bare message {@code {"type": ..., ...}}.
     * The schema is chosen by {@code message.type}.
     *
     * @return the default check (lenient, any kind)
     */
    public static Check message() {
        return MESSAGE;
    }

    /**
     * Check a reply your server sends to a message of type {@code kind}: the bare reply object, or the same wrapped
     * as {@code {"messageResponse": {...}}}.
     *
     * @param kind the {@code type} of the message being answered, such as {@code tool-calls}; validation fails
     *             with an {@link IllegalArgumentException} if the schema set has no reply model for it
     * @return a reply check (lenient)
     */
    public static Check replyTo(String kind) {
        return new Check(null, requireName("kind", kind), Profile.LENIENT, false, false, 0, false);
    }

    /**
     * Also require {@code message.type == kind}; a message of another known kind fails with
     * {@link ErrorCode#WRONG_MESSAGE_TYPE} at {@code /message/type} (and is still checked against its own kind).
     *
     * @param kind a message kind such as {@code status-update}; validation fails with an
     *             {@link IllegalArgumentException} if the schema set does not know it
     * @return a copy
     * @throws IllegalStateException if this is a reply check (which already names its kind)
     */
    public Check kind(String kind) {
        if (replyTo != null) {
            throw new IllegalStateException("kind(" + kind + ") applies to messages; this check is for a reply to "
                    + replyTo);
        }
        return new Check(requireName("kind", kind), null, profile, warnings, failFast, maxErrors, rejectUnknownKinds);
    }

    /**
     * Use another profile (the default is {@link Profile#LENIENT}).
     *
     * @param profile the profile
     * @return a copy
     */
    public Check profile(Profile profile) {
        return new Check(kind, replyTo, Objects.requireNonNull(profile, "profile"), warnings, failFast, maxErrors,
                rejectUnknownKinds);
    }

    /**
     * With the lenient profile, also report as {@link ValidationResult#warnings()} what the strict profile flags in a
     * payload that the lenient profile accepts (drift). Has no effect with the strict profile. Unknown variants
     * ({@link ErrorCode#UNKNOWN_VARIANT}) are warnings with or without it.
     *
     * @return a copy
     */
    public Check withWarnings() {
        return new Check(kind, replyTo, profile, true, failFast, maxErrors, rejectUnknownKinds);
    }

    /**
     * Stop at the first error found (in evaluation order, which need not be document order). The result then holds
     * exactly one error when the payload is invalid, and {@link ValidationResult#isTruncated()} stays false: the
     * check did not look further.
     *
     * @return a copy
     */
    public Check failFast() {
        return new Check(kind, replyTo, profile, warnings, true, maxErrors, rejectUnknownKinds);
    }

    /**
     * Report at most {@code n} errors (and at most {@code n} warnings), overriding the validator's default.
     *
     * @param n at least 1
     * @return a copy
     * @throws IllegalArgumentException if {@code n < 1}, naming the value
     */
    public Check maxErrors(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxErrors must be at least 1 but was " + n);
        }
        return new Check(kind, replyTo, profile, warnings, failFast, n, rejectUnknownKinds);
    }

    /**
     * Make a message kind the schema set does not know an error ({@link ErrorCode#UNKNOWN_MESSAGE_TYPE}) in the
     * lenient profile too. By default lenient accepts such a message (a kind Vapi added since the snapshot) as an
     * object, with an {@link ErrorCode#UNKNOWN_VARIANT} warning at {@code /message/type}; the strict profile always
     * rejects it.
     *
     * @return a copy
     * @throws IllegalStateException if this is a reply check
     */
    public Check rejectUnknownKinds() {
        if (replyTo != null) {
            throw new IllegalStateException("rejectUnknownKinds() applies to messages; this check is for a reply to "
                    + replyTo);
        }
        return new Check(kind, null, profile, warnings, failFast, maxErrors, true);
    }

    private static String requireName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank but was \"" + value + "\"");
        }
        return value;
    }

    /** @return the required message kind, or null for any kind (and for replies) */
    @Nullable String requiredKind() {
        return kind;
    }

    /** @return the kind answered, or null when this check is for a message */
    @Nullable String replyKind() {
        return replyTo;
    }

    /** @return the profile */
    Profile getProfile() {
        return profile;
    }

    /** @return whether to compute warnings */
    boolean wantsWarnings() {
        return warnings;
    }

    /** @return whether to stop at the first error */
    boolean isFailFast() {
        return failFast;
    }

    /** @return whether an unknown message kind is an error in lenient too */
    boolean rejectsUnknownKinds() {
        return rejectUnknownKinds;
    }

    /** @return the error cap, or 0 for the validator's default */
    int maxErrorsOrZero() {
        return maxErrors;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Check c && Objects.equals(c.kind, kind) && Objects.equals(c.replyTo, replyTo)
                && c.profile == profile && c.warnings == warnings && c.failFast == failFast
                && c.maxErrors == maxErrors && c.rejectUnknownKinds == rejectUnknownKinds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, replyTo, profile, warnings, failFast, maxErrors, rejectUnknownKinds);
    }

    @Override
    public String toString() {
        return "Check{" + (replyTo != null ? "replyTo=" + replyTo : "message" + (kind != null ? ", kind=" + kind : ""))
                + ", profile=" + profile + (warnings ? ", withWarnings" : "") + (failFast ? ", failFast" : "")
                + (maxErrors > 0 ? ", maxErrors=" + maxErrors : "") + (rejectUnknownKinds ? ", rejectUnknownKinds" : "")
                + "}";
    }
}

package dev.vapicheck.gateway;

import dev.vapicheck.Check;
import dev.vapicheck.ErrorCode;
import dev.vapicheck.Payload;
import dev.vapicheck.ProblemDetails;
import dev.vapicheck.Profile;
import dev.vapicheck.ValidationError;
import dev.vapicheck.ValidationListener;
import dev.vapicheck.ValidationListener.Event;
import dev.vapicheck.ValidationListener.Outcome;
import dev.vapicheck.ValidationListener.Subject;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The decisions a webhook gateway takes, shared by the servlet filter and the proxy so that both behave the same:
 *
 * <ol>
 *   <li>{@link #refuseEarly}: a missing or wrong {@value #SECRET_HEADER} (401, when a secret is configured; compared
 *       in constant time), a content type that is not JSON (415), a declared length above the cap (413);</li>
 *   <li>{@link #checkMessage}: validation of the body; in {@link Mode#ENFORCE} an invalid message gets a problem
 *       ({@value ProblemDetails#UNPROCESSABLE}, or {@value ProblemDetails#BAD_REQUEST} when it is not a JSON object)
 *       and is written to the {@link Quarantine}, in {@link Mode#MONITOR} it passes;</li>
 *   <li>{@link #checkReply}: for kinds that expect a reply, validation of the server's 2xx answer. An invalid reply
 *       is recorded and passes unchanged, unless {@link Builder#replaceInvalidReplies(boolean)} is on in enforce
 *       mode: then it is replaced by a problem.</li>
 * </ol>
 *
 * <p>Every decision is reported to the {@link ValidationListener}. Immutable and thread-safe. No Vapi rule lives
 * here: the schemas decide, through {@link VapiValidator}.
 */
public final class WebhookGate {
    /** The header that carries the shared secret configured in Vapi. */
    public static final String SECRET_HEADER = "x-vapi-secret";
    /** The default cap on a message body: 8 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 << 20;

    private final VapiValidator validator;
    private final Mode mode;
    private final Check messageCheck;
    private final Profile profile;
    private final byte @Nullable [] secretDigest;
    private final int maxBodyBytes;
    private final @Nullable Quarantine quarantine;
    private final ValidationListener listener;
    private final boolean replaceInvalidReplies;

    private WebhookGate(Builder b) {
        this.validator = b.validator;
        this.mode = b.mode;
        this.profile = b.profile;
        Check check = Check.message().profile(b.profile);
        check = b.warnings ? check.withWarnings() : check;
        this.messageCheck = b.rejectUnknownKinds ? check.rejectUnknownKinds() : check;
        this.secretDigest = b.secret == null ? null : sha256(b.secret.getBytes(StandardCharsets.UTF_8));
        this.maxBodyBytes = b.maxBodyBytes;
        this.quarantine = b.quarantine;
        this.listener = b.listener;
        this.replaceInvalidReplies = b.replaceInvalidReplies;
    }

    /**
     * A builder.
     *
     * @param validator the validator to use (build it once and share it)
     * @return a new builder: enforce mode, lenient, no secret, 8 MiB cap, no quarantine, no listener
     */
    public static Builder builder(VapiValidator validator) {
        return new Builder(validator);
    }

    /**
     * The checks that need no body: secret, content type, declared length.
     *
     * @param contentType   the {@code Content-Type} header, or null
     * @param secret        the {@value #SECRET_HEADER} header, or null
     * @param contentLength the {@code Content-Length}, or -1 when not known (chunked)
     * @return a refusal (401, 415 or 413), or null to go on and read the body
     */
    public @Nullable Verdict refuseEarly(@Nullable String contentType, @Nullable String secret, long contentLength) {
        byte[] expected = secretDigest;
        if (expected != null) {
            boolean ok = secret != null && MessageDigest.isEqual(expected,
                    sha256(secret.getBytes(StandardCharsets.UTF_8)));
            if (!ok) {
                return refuse(Outcome.UNAUTHORIZED, ProblemDetails.of("unauthorized", "Missing or wrong secret", 401,
                        "The " + SECRET_HEADER + " header is " + (secret == null ? "missing." : "wrong.")));
            }
        }
        if (!isJson(contentType)) {
            return refuse(Outcome.UNSUPPORTED_MEDIA_TYPE, ProblemDetails.of("unsupported-media-type",
                    "The body must be JSON", 415, "Expected Content-Type application/json (UTF-8) but was "
                            + (contentType == null ? "none" : "\"" + contentType + "\"") + "."));
        }
        if (contentLength > maxBodyBytes) {
            return tooLarge();
        }
        return null;
    }

    /**
     * The refusal of a body longer than {@link #maxBodyBytes()} (found while reading a chunked body).
     *
     * @return a 413 refusal
     */
    public Verdict tooLarge() {
        return refuse(Outcome.TOO_LARGE, ProblemDetails.of("payload-too-large", "The body is too large", 413,
                "The body is larger than " + maxBodyBytes + " bytes."));
    }

    /**
     * Records a client that went away before its body was read (nothing is answered).
     *
     * @return an {@link Outcome#ABORTED} verdict
     */
    public Verdict aborted() {
        notify(Subject.MESSAGE, null, Outcome.ABORTED, null, Duration.ZERO);
        return new Verdict(Outcome.ABORTED, null, null);
    }

    /**
     * Records an upstream failure: down, broken, or too large a reply (502), or too slow (504).
     *
     * @param kind    the message type, or null
     * @param timeout true when the upstream was too slow
     * @param detail  what happened, for the problem's detail (never a body or a secret)
     * @return the refusal to answer with
     */
    public Verdict upstreamFailed(@Nullable String kind, boolean timeout, String detail) {
        Outcome outcome = timeout ? Outcome.UPSTREAM_TIMEOUT : Outcome.UPSTREAM_FAILED;
        notify(Subject.REPLY, kind, outcome, null, Duration.ZERO);
        ProblemDetails problem = timeout
                ? ProblemDetails.of("upstream-timeout", "The server did not answer in time", 504, detail)
                : ProblemDetails.of("upstream-failed", "The server could not be reached or failed", 502, detail);
        return new Verdict(outcome, null, problem);
    }

    private Verdict refuse(Outcome outcome, ProblemDetails problem) {
        notify(Subject.MESSAGE, null, outcome, null, Duration.ZERO);
        return new Verdict(outcome, null, problem);
    }

    /**
     * Validates a message body (read in full, within the cap).
     *
     * @param body    the bytes received
     * @param headers the request headers, for the quarantine (secrets are redacted there)
     * @return the verdict: passes when valid or in monitor mode
     */
    public Verdict checkMessage(byte[] body, Map<String, List<String>> headers) {
        long start = System.nanoTime();
        ValidationResult result = validator.validate(Payload.of(body), messageCheck);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String kind = result.messageType().orElse(null);
        if (result.isValid()) {
            notify(Subject.MESSAGE, kind, Outcome.VALID, result, took);
            return new Verdict(Outcome.VALID, result, null);
        }
        if (mode == Mode.MONITOR) {
            notify(Subject.MESSAGE, kind, Outcome.INVALID, result, took);
            return new Verdict(Outcome.INVALID, result, null);
        }
        ProblemDetails problem = ProblemDetails.of(result);
        Quarantine q = quarantine;
        if (q != null) {
            // A failed write is counted by the quarantine; the verdict stays what validation said.
            boolean ignored = q.put(body, result, problem.status(), headers);
        }
        notify(Subject.MESSAGE, kind, Outcome.REJECTED, result, took);
        // Warnings are there only when asked for, or for unknown variants (always reported): render them.
        return new Verdict(Outcome.REJECTED, result, problem.withWarnings());
    }

    /**
     * Whether a message of this kind expects a reply that {@link #checkReply} can validate.
     *
     * @param kind the message type, or null
     * @return true for kinds with a reply model (tool-calls, assistant-request, ...)
     */
    public boolean expectsReply(@Nullable String kind) {
        return kind != null && validator.replyKinds().contains(kind);
    }

    /**
     * Validates the server's 2xx answer to a message of a kind that {@link #expectsReply expects a reply}.
     *
     * @param kind          the message type answered
     * @param body          the reply bytes, unchanged
     * @param replaceStatus the status of the problem that replaces an invalid reply (502 for a proxy, 500 for a
     *                      filter), used only with {@link Builder#replaceInvalidReplies(boolean)} in enforce mode
     * @return the verdict: passes unless the reply is invalid and is to be replaced
     * @throws IllegalArgumentException if the kind expects no reply
     */
    public Verdict checkReply(String kind, byte[] body, int replaceStatus) {
        long start = System.nanoTime();
        ValidationResult result = validator.validate(Payload.of(body), Check.replyTo(kind).profile(profile));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (result.isValid()) {
            notify(Subject.REPLY, kind, Outcome.VALID, result, took);
            return new Verdict(Outcome.VALID, result, null);
        }
        if (mode == Mode.ENFORCE && replaceInvalidReplies) {
            notify(Subject.REPLY, kind, Outcome.REJECTED, result, took);
            return new Verdict(Outcome.REJECTED, result, ProblemDetails.ofReply(result, replaceStatus));
        }
        notify(Subject.REPLY, kind, Outcome.INVALID, result, took);
        return new Verdict(Outcome.INVALID, result, null);
    }

    private void notify(Subject subject, @Nullable String kind, Outcome outcome, @Nullable ValidationResult result,
            Duration took) {
        try {
            listener.onOutcome(new Event(subject, kind, outcome,
                    result == null ? List.of() : codes(result.errors()),
                    result == null ? List.of() : codes(result.warnings()), took));
        } catch (RuntimeException ignored) {
            // A listener's failure is its own: the request goes on.
        }
    }

    private static List<ErrorCode> codes(List<ValidationError> errors) {
        return errors.stream().map(ValidationError::code).toList();
    }

    /** application/json or any +json type; a charset, when given, must be UTF-8. */
    static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String cs = p.substring("charset=".length()).replace("\"", "");
                if (!cs.equals("utf-8") && !cs.equals("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return the mode */
    public Mode mode() {
        return mode;
    }

    /** @return the body cap in bytes */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** @return the quarantine, if any */
    public java.util.Optional<Quarantine> quarantine() {
        return java.util.Optional.ofNullable(quarantine);
    }

    /** @return whether an invalid reply is replaced by a problem (in enforce mode) */
    public boolean replacesInvalidReplies() {
        return mode == Mode.ENFORCE && replaceInvalidReplies;
    }

    /** @return the validator */
    public VapiValidator validator() {
        return validator;
    }

    /** Configures a {@link WebhookGate}. Mutable, not thread-safe; {@link #build()} copies it. */
    public static final class Builder {
        private final VapiValidator validator;
        private Mode mode = Mode.ENFORCE;
        private Profile profile = Profile.LENIENT;
        private boolean warnings;
        private @Nullable String secret;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private @Nullable Quarantine quarantine;
        private ValidationListener listener = ValidationListener.NONE;
        private boolean replaceInvalidReplies;
        private boolean rejectUnknownKinds;

        private Builder(VapiValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
        }

        /**
         * Enforce (the default) or monitor.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * The profile for messages and replies (default lenient: what a gateway should use).
         *
         * @param profile the profile
         * @return this builder
         */
        public Builder profile(Profile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * Also compute drift warnings (what strict would flag) and render them in problems (costs a second pass).
         *
         * @param warnings whether to
         * @return this builder
         */
        public Builder warnings(boolean warnings) {
            this.warnings = warnings;
            return this;
        }

        /**
         * Refuse messages of a kind the schemas do not know ({@code UNKNOWN_MESSAGE_TYPE}, 422 in enforce mode).
         * By default (lenient) such a message passes, checked as an object, with an {@code UNKNOWN_VARIANT} warning
         * at {@code /message/type} that the listener is told: Vapi adds kinds, and a gateway must not drop them.
         *
         * @param reject whether to
         * @return this builder
         */
        public Builder rejectUnknownKinds(boolean reject) {
            this.rejectUnknownKinds = reject;
            return this;
        }

        /**
         * Require {@value WebhookGate#SECRET_HEADER} to equal this secret (the one set in Vapi).
         *
         * @param secret the secret, not blank; null for no check
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder secret(@Nullable String secret) {
            if (secret != null && secret.isBlank()) {
                throw new IllegalArgumentException("the secret must not be blank");
            }
            this.secret = secret;
            return this;
        }

        /**
         * The largest body accepted (default {@value WebhookGate#DEFAULT_MAX_BODY_BYTES} bytes); larger ones get 413.
         *
         * @param bytes at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1, naming the value
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1 but was " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Keep every message that enforce mode rejects in this quarantine.
         *
         * @param quarantine the quarantine, or null for none
         * @return this builder
         */
        public Builder quarantine(@Nullable Quarantine quarantine) {
            this.quarantine = quarantine;
            return this;
        }

        /**
         * Tell this listener every outcome (default: none).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ValidationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * In enforce mode, replace an invalid reply by a problem (default off: an invalid reply is recorded and
         * passes unchanged, since Vapi may still use part of it and a problem would certainly fail the call).
         *
         * @param replace whether to
         * @return this builder
         */
        public Builder replaceInvalidReplies(boolean replace) {
            this.replaceInvalidReplies = replace;
            return this;
        }

        /**
         * The gate.
         *
         * @return a new immutable gate
         */
        public WebhookGate build() {
            return new WebhookGate(this);
        }
    }
}

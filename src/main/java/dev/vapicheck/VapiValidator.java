package dev.vapicheck;

import dev.vapicheck.internal.JacksonHost;
import dev.vapicheck.internal.PayloadReader;
import dev.vapicheck.internal.SchemaSet;
import dev.vapicheck.internal.SchemaSource;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Validates Vapi server messages (webhook bodies or bare messages) and the replies to them.
 *
 * <pre>{@code
 * VapiValidator validator = VapiValidator.create();          // build once, share everywhere
 * ValidationResult result = validator.validate(Payload.of(requestBody));
 * if (!result.isValid()) {
 *     result.errors().forEach(System.err::println);         // /message/status: expected one of [...] but was "bogus" (enum)
 * }
 * }</pre>
 *
 * <p>A validator is immutable and thread-safe: its schemas are compiled once (a schema directory's when it is built,
 * the embedded set's each kind on first use, for a fast start) and each call keeps its state to itself, so one
 * instance can serve any number of threads. {@code validate} never throws for
 * bad data: malformed, oversized or hostile input comes back as errors in the {@link ValidationResult}. It throws
 * only for programming mistakes, such as a {@link Check} naming a kind the schema set does not know
 * ({@link IllegalArgumentException}).
 *
 * <p>Nothing is ever fetched from the network: {@code $ref}s resolve inside the schema set only.
 */
public final class VapiValidator {
    /** Default of {@link Builder#maxErrors(int)}. */
    public static final int DEFAULT_MAX_ERRORS = 100;
    private static final String EMBEDDED = "dev/vapicheck/schemas/";

    private final SchemaSet schemas;
    private final Limits limits;
    private final int maxErrors;
    private final Dispatch dispatch;

    private VapiValidator(SchemaSet schemas, Limits limits, int maxErrors) {
        this.schemas = schemas;
        this.limits = limits;
        this.maxErrors = maxErrors;
        this.dispatch = new Dispatch(schemas,
                new PayloadReader(limits.maxDepth(), limits.maxDocumentBytes(), limits.maxStringLength(),
                        limits.maxNumberLength(), limits.maxNameLength()),
                SchemaSet.Budget.of(limits.maxValidationSteps(), limits.maxValidationDepth()));
    }

    /**
     * A validator with the schemas embedded in the jar (class path {@code dev/vapicheck/schemas/}), the
     * {@link Limits#defaults() default limits} and at most {@value #DEFAULT_MAX_ERRORS} errors per result.
     *
     * @return the validator
     * @throws SchemaSetException if the embedded schemas are missing or broken
     */
    public static VapiValidator create() {
        return builder().build();
    }

    /**
     * A builder, to use another schema set, other limits or another error cap.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates a message (webhook body or bare message) with the default {@link Check#message()}.
     *
     * @param payload the payload
     * @return the result
     */
    public ValidationResult validate(Payload payload) {
        return validate(payload, Check.message());
    }

    /**
     * Validates a payload as the check says.
     *
     * @param payload the payload
     * @param check   what to check it as, and how
     * @return the result; never throws for bad data
     * @throws IllegalArgumentException if the check names a message kind, or a kind to reply to, that the schema
     *                                  set does not have
     */
    public ValidationResult validate(Payload payload, Check check) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(check, "check");
        return dispatch.run(payload, check, check.maxErrorsOrZero() > 0 ? check.maxErrorsOrZero() : maxErrors);
    }

    /**
     * Validates JSON text as a message; the same as {@code validate(Payload.of(json))}.
     *
     * @param json the text
     * @return the result
     */
    public ValidationResult validate(String json) {
        return validate(Payload.of(json));
    }

    /**
     * Validates a parsed tree as a message; the same as {@code validate(Payload.of(json))}.
     *
     * @param json the tree
     * @return the result
     */
    public ValidationResult validate(JsonNode json) {
        return validate(Payload.of(json));
    }

    /**
     * The message kinds ({@code message.type} values) this validator knows.
     *
     * @return an unmodifiable sorted set
     */
    public Set<String> messageKinds() {
        return schemas.messageKinds().keySet();
    }

    /**
     * The message kinds that have a reply model, for {@link Check#replyTo(String)}.
     *
     * @return an unmodifiable sorted set
     */
    public Set<String> replyKinds() {
        return schemas.replyKinds().keySet();
    }

    /**
     * The limits in force.
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    /**
     * The default error cap for checks that do not set their own.
     *
     * @return the cap
     */
    public int maxErrors() {
        return maxErrors;
    }

    /**
     * Configures a {@link VapiValidator}. Mutable and not thread-safe; {@link #build()} copies the configuration.
     */
    public static final class Builder {
        private @Nullable Path schemaDirectory;
        private Limits limits = Limits.defaults();
        private int maxErrors = DEFAULT_MAX_ERRORS;

        private Builder() {
        }

        /**
         * Use the schema set in a folder laid out like {@code schemas/} ({@code index.json}, {@code lenient/},
         * {@code strict/}), on any {@link java.nio.file.FileSystem}, instead of the embedded one.
         *
         * @param dir the folder
         * @return this builder
         */
        public Builder schemaDirectory(Path dir) {
            this.schemaDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Use other limits (the default is {@link Limits#defaults()}).
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Report at most {@code n} errors per result unless the {@link Check} says otherwise (default
         * {@value VapiValidator#DEFAULT_MAX_ERRORS}).
         *
         * @param n at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code n < 1}, naming the value
         */
        public Builder maxErrors(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxErrors must be at least 1 but was " + n);
            }
            this.maxErrors = n;
            return this;
        }

        /**
         * Loads the schema set and returns the validator. A schema directory is compiled at once (for both profiles),
         * so a broken set fails here; the embedded set, tested when the library is built, is compiled kind by kind on
         * first use.
         *
         * @return the validator
         * @throws SchemaSetException if the schema set is broken: a missing or invalid file, a malformed
         *                            {@code index.json}, or a {@code $ref}/{@code $id} outside the set; or if the
         *                            host's Jackson cannot work (the message names the artifact, the version found,
         *                            the version needed and the fix)
         */
        public VapiValidator build() {
            JacksonHost.check();
            try {
                SchemaSet set = schemaDirectory == null ? Embedded.get()
                        : SchemaSet.load(SchemaSource.directory(schemaDirectory));
                return new VapiValidator(set, limits, maxErrors);
            } catch (LinkageError e) {
                throw new SchemaSetException("the libraries on the class path cannot run vapi-check (" + e
                        + "); vapi-check needs Jackson 3.1 or later with jackson-annotations 2.21 or later, and"
                        + " json-schema-validator 3.0.9", e);
            }
        }
    }

    /** The embedded set is compiled once per class loader, on first use. */
    private static final class Embedded {
        private static volatile @Nullable SchemaSet instance;

        static SchemaSet get() {
            SchemaSet set = instance;
            if (set == null) {
                synchronized (Embedded.class) {
                    set = instance;
                    if (set == null) {
                        set = SchemaSet.load(SchemaSource.classpath(VapiValidator.class.getClassLoader(), EMBEDDED),
                                false);
                        instance = set;
                    }
                }
            }
            return set;
        }
    }
}

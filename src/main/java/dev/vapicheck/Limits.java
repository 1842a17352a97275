package dev.vapicheck;

/**
 * Bounds on the work one {@code validate} call may do, so that hostile input ends in an error in the result
 * rather than in an exception, a {@link StackOverflowError}, a hang or unbounded memory use.
 *
 * <p>The defaults sit far above real Vapi messages (they nest about 20 deep and weigh a few MB at most) and far
 * below the sizes that would harm a server:
 * <table>
 * <caption>Default limits</caption>
 * <tr><th>limit</th><th>default</th><th>error when exceeded</th></tr>
 * <tr><td>{@link #maxDepth()}</td><td>200 levels of arrays/objects</td><td>{@link ErrorCode#TOO_DEEP}</td></tr>
 * <tr><td>{@link #maxDocumentBytes()}</td><td>16 MiB (16,777,216)</td><td>{@link ErrorCode#TOO_LARGE}</td></tr>
 * <tr><td>{@link #maxStringLength()}</td><td>4 MiB (4,194,304 chars)</td><td>{@link ErrorCode#TOO_LARGE}</td></tr>
 * <tr><td>{@link #maxNumberLength()}</td><td>1,000 chars</td><td>{@link ErrorCode#TOO_LARGE}</td></tr>
 * <tr><td>{@link #maxNameLength()}</td><td>10,000 chars</td><td>{@link ErrorCode#TOO_LARGE}</td></tr>
 * <tr><td>{@link #maxValidationSteps()}</td><td>20,000,000 schema evaluation steps</td>
 *     <td>{@link ErrorCode#VALIDATION_LIMIT}</td></tr>
 * <tr><td>{@link #maxValidationDepth()}</td><td>1,000 nested schema evaluations</td>
 *     <td>{@link ErrorCode#VALIDATION_LIMIT}</td></tr>
 * </table>
 *
 * <p>Instances are immutable; every {@code with...} method returns a copy and rejects values below 1 with an
 * {@link IllegalArgumentException} that names the value. The document size is counted in bytes for {@code byte[]}
 * and {@code InputStream} payloads and in chars for {@code String} and {@code Reader} payloads. String, number and
 * name lengths are counted in chars (UTF-16 units, after decoding) in every form, so {@code "ééé"} is 3 long
 * whether it came as 6 bytes or as text. A {@code JsonNode} payload is only checked for depth.
 */
public final class Limits {
    private static final Limits DEFAULTS = new Limits(200, 16L * 1024 * 1024, 4 * 1024 * 1024, 1000, 10_000,
            20_000_000L, 1000);
    /** Payloads are held in one array, so no limit can exceed what an array holds. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16L;

    private final int maxDepth;
    private final long maxDocumentBytes;
    private final int maxStringLength;
    private final int maxNumberLength;
    private final int maxNameLength;
    private final long maxValidationSteps;
    private final int maxValidationDepth;

    private Limits(int maxDepth, long maxDocumentBytes, int maxStringLength, int maxNumberLength, int maxNameLength,
            long maxValidationSteps, int maxValidationDepth) {
        this.maxDepth = maxDepth;
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxStringLength = maxStringLength;
        this.maxNumberLength = maxNumberLength;
        this.maxNameLength = maxNameLength;
        this.maxValidationSteps = maxValidationSteps;
        this.maxValidationDepth = maxValidationDepth;
    }

    /**
     * The default limits (see the table above).
     *
     * @return the shared default instance
     */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with another nesting limit.
     *
     * @param maxDepth the deepest nesting of arrays and objects accepted, at least 1
     * @return a copy
     * @throws IllegalArgumentException if {@code maxDepth < 1}
     */
    public Limits withMaxDepth(int maxDepth) {
        return new Limits(positive("maxDepth", maxDepth), maxDocumentBytes, maxStringLength, maxNumberLength,
                maxNameLength, maxValidationSteps, maxValidationDepth);
    }

    /**
     * A copy with another document size limit.
     *
     * @param maxDocumentBytes the largest payload accepted, in bytes (chars for text payloads), 1 to about 2^31
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public Limits withMaxDocumentBytes(long maxDocumentBytes) {
        if (maxDocumentBytes < 1 || maxDocumentBytes > MAX_ARRAY) {
            throw new IllegalArgumentException(
                    "maxDocumentBytes must be between 1 and " + MAX_ARRAY + " but was " + maxDocumentBytes);
        }
        return new Limits(maxDepth, maxDocumentBytes, maxStringLength, maxNumberLength, maxNameLength,
                maxValidationSteps, maxValidationDepth);
    }

    /**
     * A copy with another string length limit.
     *
     * @param maxStringLength the longest string value accepted, in chars (UTF-16 units), at least 1
     * @return a copy
     * @throws IllegalArgumentException if {@code maxStringLength < 1}
     */
    public Limits withMaxStringLength(int maxStringLength) {
        return new Limits(maxDepth, maxDocumentBytes, positive("maxStringLength", maxStringLength), maxNumberLength,
                maxNameLength, maxValidationSteps, maxValidationDepth);
    }

    /**
     * A copy with another number length limit.
     *
     * @param maxNumberLength the longest number literal accepted, in chars, at least 1
     * @return a copy
     * @throws IllegalArgumentException if {@code maxNumberLength < 1}
     */
    public Limits withMaxNumberLength(int maxNumberLength) {
        return new Limits(maxDepth, maxDocumentBytes, maxStringLength, positive("maxNumberLength", maxNumberLength),
                maxNameLength, maxValidationSteps, maxValidationDepth);
    }

    /**
     * A copy with another property name length limit.
     *
     * @param maxNameLength the longest property name accepted, in chars (UTF-16 units), at least 1
     * @return a copy
     * @throws IllegalArgumentException if {@code maxNameLength < 1}
     */
    public Limits withMaxNameLength(int maxNameLength) {
        return new Limits(maxDepth, maxDocumentBytes, maxStringLength, maxNumberLength,
                positive("maxNameLength", maxNameLength), maxValidationSteps, maxValidationDepth);
    }

    /**
     * A copy with another bound on validation work.
     *
     * @param maxValidationSteps how many schema and keyword evaluations one validation may perform, at least 1
     * @return a copy
     * @throws IllegalArgumentException if {@code maxValidationSteps < 1}
     */
    public Limits withMaxValidationSteps(long maxValidationSteps) {
        if (maxValidationSteps < 1) {
            throw new IllegalArgumentException("maxValidationSteps must be at least 1 but was " + maxValidationSteps);
        }
        return new Limits(maxDepth, maxDocumentBytes, maxStringLength, maxNumberLength, maxNameLength,
                maxValidationSteps, maxValidationDepth);
    }

    /**
     * A copy with another bound on nested schema evaluations (which is what uses the call stack).
     *
     * @param maxValidationDepth how deeply schema evaluations may nest, at least 1
     * @return a copy
     * @throws IllegalArgumentException if {@code maxValidationDepth < 1}
     */
    public Limits withMaxValidationDepth(int maxValidationDepth) {
        return new Limits(maxDepth, maxDocumentBytes, maxStringLength, maxNumberLength, maxNameLength,
                maxValidationSteps, positive("maxValidationDepth", maxValidationDepth));
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
        }
        return value;
    }

    /** @return the deepest nesting of arrays and objects accepted */
    public int maxDepth() {
        return maxDepth;
    }

    /** @return the largest payload accepted, in bytes (chars for text payloads) */
    public long maxDocumentBytes() {
        return maxDocumentBytes;
    }

    /** @return the longest string value accepted */
    public int maxStringLength() {
        return maxStringLength;
    }

    /** @return the longest number literal accepted, in chars */
    public int maxNumberLength() {
        return maxNumberLength;
    }

    /** @return the longest property name accepted */
    public int maxNameLength() {
        return maxNameLength;
    }

    /** @return how many schema and keyword evaluations one validation may perform */
    public long maxValidationSteps() {
        return maxValidationSteps;
    }

    /** @return how deeply schema evaluations may nest */
    public int maxValidationDepth() {
        return maxValidationDepth;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Limits l && l.maxDepth == maxDepth && l.maxDocumentBytes == maxDocumentBytes
                && l.maxStringLength == maxStringLength && l.maxNumberLength == maxNumberLength
                && l.maxNameLength == maxNameLength && l.maxValidationSteps == maxValidationSteps
                && l.maxValidationDepth == maxValidationDepth;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(maxDepth, maxDocumentBytes, maxStringLength, maxNumberLength, maxNameLength,
                maxValidationSteps, maxValidationDepth);
    }

    @Override
    public String toString() {
        return "Limits{maxDepth=" + maxDepth + ", maxDocumentBytes=" + maxDocumentBytes + ", maxStringLength="
                + maxStringLength + ", maxNumberLength=" + maxNumberLength + ", maxNameLength=" + maxNameLength
                + ", maxValidationSteps=" + maxValidationSteps + ", maxValidationDepth=" + maxValidationDepth + "}";
    }
}

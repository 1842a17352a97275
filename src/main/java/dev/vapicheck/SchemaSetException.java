package dev.vapicheck;

/**
 * The schema set given to {@link VapiValidator.Builder#build()} is broken: a file is missing or is not a valid
 * schema, {@code index.json} is malformed, or a {@code $ref} or {@code $id} points outside the set (nothing is
 * ever fetched from the network).
 */
public class SchemaSetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A broken-set error.
     *
     * @param message what is wrong, naming the file
     */
    public SchemaSetException(String message) {
        super(message);
    }

    /**
     * A broken-set error with its cause.
     *
     * @param message what is wrong, naming the file
     * @param cause   the underlying failure
     */
    public SchemaSetException(String message, Throwable cause) {
        super(message, cause);
    }
}

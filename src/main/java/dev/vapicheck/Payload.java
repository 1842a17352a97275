package dev.vapicheck;

import java.io.InputStream;
import java.io.Reader;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The input to validate, in one of five forms. Nothing is read until {@code validate} runs.
 *
 * <p>Bytes and streams must be UTF-8 JSON (a UTF-8 byte order mark is accepted; UTF-16 and UTF-32 are not).
 * Streams and readers are read to the end or to the size limit and are not closed, so a stream payload can be
 * validated only once. The byte array is not copied: do not change it while it is being validated.
 */
public final class Payload {
    /** The form of the input. */
    enum Form { STRING, BYTES, STREAM, READER, TREE }

    private final Form form;
    private final Object source;

    private Payload(Form form, Object source) {
        this.form = form;
        this.source = source;
    }

    /**
     * JSON text.
     *
     * @param json the text
     * @return a payload
     */
    public static Payload of(String json) {
        return new Payload(Form.STRING, Objects.requireNonNull(json, "json"));
    }

    /**
     * UTF-8 JSON bytes, as they arrived over HTTP.
     *
     * @param utf8 the bytes (not copied)
     * @return a payload
     */
    public static Payload of(byte[] utf8) {
        return new Payload(Form.BYTES, Objects.requireNonNull(utf8, "utf8"));
    }

    /**
     * A stream of UTF-8 JSON bytes; read when validated, at most {@link Limits#maxDocumentBytes()} + 1 bytes, and
     * not closed.
     *
     * @param utf8 the stream
     * @return a payload
     */
    public static Payload of(InputStream utf8) {
        return new Payload(Form.STREAM, Objects.requireNonNull(utf8, "utf8"));
    }

    /**
     * A reader of JSON text; read when validated, at most {@link Limits#maxDocumentBytes()} + 1 chars, and not
     * closed.
     *
     * @param json the reader
     * @return a payload
     */
    public static Payload of(Reader json) {
        return new Payload(Form.READER, Objects.requireNonNull(json, "json"));
    }

    /**
     * An already parsed tree (Jackson 3). Only its depth is checked against the {@link Limits}.
     *
     * @param json the tree
     * @return a payload
     */
    public static Payload of(JsonNode json) {
        return new Payload(Form.TREE, Objects.requireNonNull(json, "json"));
    }

    Form form() {
        return form;
    }

    Object source() {
        return source;
    }

    @Override
    public String toString() {
        return "Payload{" + form.name().toLowerCase(java.util.Locale.ROOT) + "}";
    }
}

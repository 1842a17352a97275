package dev.vapicheck;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An RFC 9457 {@code application/problem+json} body: {@code type}, {@code title}, {@code status}, {@code detail},
 * and, for a validation failure, an {@code errors} extension (each error's {@code pointer}, {@code keyword},
 * {@code code} and {@code message}), the {@code kind} checked and, where asked, {@code warnings} of the same shape.
 *
 * <pre>{@code
 * ValidationResult result = validator.validate(Payload.of(body));
 * if (!result.isValid()) {
 *     ProblemDetails problem = ProblemDetails.of(result);         // 422, or 400 for bytes that are not a JSON object
 *     respond(problem.status(), ProblemDetails.MEDIA_TYPE, problem.toBytes());
 * }
 * }</pre>
 *
 * <p>Status codes: {@value #UNPROCESSABLE} when the body is JSON but breaks the schema (the request was understood,
 * its content is wrong), {@value #BAD_REQUEST} when it is not usable JSON at all (malformed, bad UTF-8, duplicate
 * keys, too deep or too large, not an object). Immutable; rendering is deterministic (errors in the result's order).
 */
public final class ProblemDetails {
    /** The media type of the body. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** The status of a message that is JSON but breaks the schema. */
    public static final int UNPROCESSABLE = 422;
    /** The status of a body that is not a usable JSON object. */
    public static final int BAD_REQUEST = 400;
    /** The prefix of every {@code type} URI (an identifier, never fetched). */
    public static final String TYPE_BASE = "https://vapi-check.dev/problems/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final @Nullable ValidationResult result;
    private final boolean withWarnings;

    private ProblemDetails(String type, String title, int status, String detail, @Nullable ValidationResult result,
            boolean withWarnings) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.result = result;
        this.withWarnings = withWarnings;
    }

    /**
     * The problem for an invalid message, with the status {@link #statusFor(ValidationResult)} chooses.
     *
     * @param result an invalid result
     * @return the problem
     * @throws IllegalArgumentException if the result is valid
     */
    public static ProblemDetails of(ValidationResult result) {
        return of(result, statusFor(result));
    }

    /**
     * The problem for an invalid message with a status of the caller's choosing. The {@code type} is
     * {@code .../malformed-json} for bytes that are not a usable JSON object and {@code .../invalid-message} otherwise.
     *
     * @param result an invalid result of a message check
     * @param status the HTTP status, 400 to 599
     * @return the problem
     * @throws IllegalArgumentException if the result is valid or the status is out of range
     */
    public static ProblemDetails of(ValidationResult result, int status) {
        return of(result, status, false);
    }

    /**
     * The problem for an invalid reply (of type {@code .../invalid-reply}), such as a gateway's 502 when the server
     * behind it answered a {@code tool-calls} message with a body that is not a tool-calls reply.
     *
     * @param result an invalid result of a {@link Check#replyTo(String)} check
     * @param status the HTTP status, 400 to 599
     * @return the problem
     * @throws IllegalArgumentException if the result is valid or the status is out of range
     */
    public static ProblemDetails ofReply(ValidationResult result, int status) {
        return of(result, status, true);
    }

    private static ProblemDetails of(ValidationResult result, int status, boolean reply) {
        Objects.requireNonNull(result, "result");
        if (result.isValid()) {
            throw new IllegalArgumentException("a problem needs an invalid result but this one is valid");
        }
        String kind = result.messageType().orElse(null);
        List<ValidationError> errors = result.errors();
        String slug;
        String title;
        if (reply) {
            slug = "invalid-reply";
            title = "The reply is not valid for its message kind";
        } else if (isInputError(result)) {
            slug = "malformed-json";
            title = "The body is not a usable JSON object";
        } else {
            slug = "invalid-message";
            title = "The Vapi message does not match its schema";
        }
        StringBuilder detail = new StringBuilder();
        detail.append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
                .append(result.isTruncated() ? " (more not shown)" : "");
        if (kind != null) {
            detail.append(reply ? " in a reply to " : " in a ").append(kind).append(reply ? "" : " message");
        }
        detail.append("; first: ").append(errors.get(0));
        return new ProblemDetails(TYPE_BASE + slug, title, checkStatus(status), detail.toString(), result, false);
    }

    /**
     * A problem that is not about a payload's content (401, 413, 415, 502, 504, ...).
     *
     * @param slug   the last segment of the {@code type} URI, such as {@code unauthorized}
     * @param title  a short, fixed summary
     * @param status the HTTP status, 400 to 599
     * @param detail what happened in this case
     * @return the problem
     */
    public static ProblemDetails of(String slug, String title, int status, String detail) {
        return new ProblemDetails(TYPE_BASE + Objects.requireNonNull(slug, "slug"), Objects.requireNonNull(title),
                checkStatus(status), Objects.requireNonNull(detail), null, false);
    }

    /**
     * The status for an invalid message: {@value #BAD_REQUEST} when the body is not a usable JSON object (an error with
     * a {@code json}, {@code io} or {@code limit} code, or {@link ErrorCode#NOT_AN_OBJECT}), {@value #UNPROCESSABLE}
     * otherwise.
     *
     * @param result an invalid result
     * @return 400 or 422
     */
    public static int statusFor(ValidationResult result) {
        return isInputError(result) ? BAD_REQUEST : UNPROCESSABLE;
    }

    private static boolean isInputError(ValidationResult result) {
        for (ValidationError e : result.errors()) {
            String k = e.code().keyword();
            if (e.code() == ErrorCode.NOT_AN_OBJECT || k.equals("json") || k.equals("io") || k.equals("limit")) {
                return true;
            }
        }
        return false;
    }

    private static int checkStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem status must be 400 to 599 but was " + status);
        }
        return status;
    }

    /**
     * A copy that also renders the result's warnings (such as an unknown union tag) as
     * {@code warnings}.
     *
     * @return a copy
     */
    public ProblemDetails withWarnings() {
        return new ProblemDetails(type, title, status, detail, result, true);
    }

    /** @return the {@code type} URI */
    public String type() {
        return type;
    }

    /** @return the {@code title} */
    public String title() {
        return title;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the {@code detail} */
    public String detail() {
        return detail;
    }

    /**
     * The body as JSON text, members in the order {@code type, title, status, detail, kind, errors, warnings,
     * truncated}.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("title", title);
        o.put("status", status);
        o.put("detail", detail);
        ValidationResult r = result;
        if (r != null) {
            r.messageType().ifPresent(k -> o.put("kind", k));
            o.set("errors", errors(r.errors()));
            if (withWarnings && !r.warnings().isEmpty()) {
                o.set("warnings", errors(r.warnings()));
            }
            if (r.isTruncated()) {
                o.put("truncated", true);
            }
        }
        return JSON.writeValueAsString(o);
    }

    /**
     * The body as UTF-8 bytes.
     *
     * @return the bytes of {@link #toJson()}
     */
    public byte[] toBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The errors (or warnings) as the {@code errors} member renders them: {@code pointer}, {@code keyword},
     * {@code code}, {@code message}.
     *
     * @param errors the errors
     * @return a new array node
     */
    static ArrayNode errors(List<ValidationError> errors) {
        ArrayNode array = JSON.createArrayNode();
        for (ValidationError e : errors) {
            ObjectNode o = array.addObject();
            o.put("pointer", e.instanceLocation().toString());
            o.put("keyword", e.keyword());
            o.put("code", e.code().name());
            o.put("message", e.message());
        }
        return array;
    }

    @Override
    public String toString() {
        return toJson();
    }
}

package dev.vapicheck;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What kind of problem a {@link ValidationError} reports.
 *
 * <p>Schema codes carry the JSON Schema keyword that failed ({@link #keyword()}); the codes for input problems
 * carry a pseudo-keyword: {@code json} for bytes that are not acceptable JSON, {@code limit} for work limits and
 * {@code io} for read failures. Assert on codes and pointers, never on message text.
 */
public enum ErrorCode {
    /** The value has the wrong JSON type ({@code type}). */
    TYPE("type"),
    /** A required property is missing; the error points at the object ({@code required}). */
    REQUIRED("required"),
    /** The value is not one of the allowed values ({@code enum}). */
    ENUM("enum"),
    /** The value is not the single allowed value ({@code const}). */
    CONST("const"),
    /** A property that the (strict) schema does not define; the error points at the property itself. */
    ADDITIONAL_PROPERTIES("additionalProperties"),
    /** A property not evaluated by any subschema ({@code unevaluatedProperties}). */
    UNEVALUATED_PROPERTIES("unevaluatedProperties"),
    /** The string does not match the pattern ({@code pattern}). */
    PATTERN("pattern"),
    /** The string is shorter than allowed ({@code minLength}). */
    MIN_LENGTH("minLength"),
    /** The string is longer than allowed ({@code maxLength}). */
    MAX_LENGTH("maxLength"),
    /** The number is below the minimum ({@code minimum}). */
    MINIMUM("minimum"),
    /** The number is above the maximum ({@code maximum}). */
    MAXIMUM("maximum"),
    /** The number is not above the exclusive minimum ({@code exclusiveMinimum}). */
    EXCLUSIVE_MINIMUM("exclusiveMinimum"),
    /** The number is not below the exclusive maximum ({@code exclusiveMaximum}). */
    EXCLUSIVE_MAXIMUM("exclusiveMaximum"),
    /** The number is not a multiple of the given value ({@code multipleOf}). */
    MULTIPLE_OF("multipleOf"),
    /** The array has too few items ({@code minItems}). */
    MIN_ITEMS("minItems"),
    /** The array has too many items ({@code maxItems}). */
    MAX_ITEMS("maxItems"),
    /** The array has duplicate items ({@code uniqueItems}). */
    UNIQUE_ITEMS("uniqueItems"),
    /** The object has too few properties ({@code minProperties}). */
    MIN_PROPERTIES("minProperties"),
    /** The object has too many properties ({@code maxProperties}). */
    MAX_PROPERTIES("maxProperties"),
    /** A property required by the presence of another is missing ({@code dependentRequired}). */
    DEPENDENT_REQUIRED("dependentRequired"),
    /** The string does not have the required format ({@code format}; only if format assertion is on). */
    FORMAT("format"),
    /** No alternative of an {@code anyOf} fits; normally the closest branch's own errors are reported instead. */
    ANY_OF("anyOf"),
    /** Not exactly one alternative of a {@code oneOf} fits. */
    ONE_OF("oneOf"),
    /** The value matches a schema it must not match ({@code not}). */
    NOT("not"),
    /** No value is allowed at this place (the {@code false} schema). */
    FALSE_SCHEMA("false"),
    /**
     * {@code message.type} is not one of the known message kinds; reported once, at {@code /message/type}: an error in
     * the strict profile or with {@link Check#rejectUnknownKinds()}, else the lenient profile reports
     * {@link #UNKNOWN_VARIANT}.
     */
    UNKNOWN_MESSAGE_TYPE("enum"),
    /**
     * A warning of the lenient profile: a union's tag (a {@code message.type}, a cost's {@code type}, a voice's
     * {@code provider}, ...) has a value that selects none of the variants the snapshot knows, most likely one Vapi
     * added since. The object is checked only as an object; the warning points at the tag. Always reported, with or
     * without {@link Check#withWarnings()}; the strict profile reports the same value as an {@link #ENUM} error.
     */
    UNKNOWN_VARIANT("enum"),
    /** {@code message.type} is a known kind but not the one {@link Check#kind(String)} asked for. */
    WRONG_MESSAGE_TYPE("const"),
    /** The input is not well-formed JSON (the message gives line and column). */
    MALFORMED_JSON("json"),
    /** The input bytes are not valid UTF-8 (the message gives the byte offset). */
    INVALID_UTF8("json"),
    /** An object has the same property twice. */
    DUPLICATE_KEY("json"),
    /** The input nests deeper than {@link Limits#maxDepth()}. */
    TOO_DEEP("json"),
    /** The input, a string, a number or a property name is larger than its {@link Limits} allow. */
    TOO_LARGE("json"),
    /** The top-level value (or the {@code message}/{@code messageResponse} member) is not a JSON object. */
    NOT_AN_OBJECT("type"),
    /** Validation needed more work than {@link Limits#maxValidationSteps()} or {@link Limits#maxValidationDepth()}. */
    VALIDATION_LIMIT("limit"),
    /** The input could not be read. */
    IO_ERROR("io"),
    /** Any other schema keyword (the error's {@link ValidationError#keyword()} names it). */
    OTHER("other");

    private static final Map<String, ErrorCode> BY_KEYWORD = new HashMap<>();

    static {
        for (ErrorCode code : values()) {
            if (code.ordinal() <= FALSE_SCHEMA.ordinal()) {
                BY_KEYWORD.put(code.keyword, code);
            }
        }
    }

    private final String keyword;

    ErrorCode(String keyword) {
        this.keyword = keyword;
    }

    /**
     * The JSON Schema keyword (such as {@code enum}) or pseudo-keyword ({@code json}, {@code limit}, {@code io})
     * that errors of this code usually carry.
     *
     * @return the keyword, never empty
     */
    public String keyword() {
        return keyword;
    }

    /**
     * The code for a JSON Schema keyword.
     *
     * @param keyword a keyword such as {@code maxLength}
     * @return its code, or {@link #OTHER} for keywords without a code of their own
     */
    public static ErrorCode forKeyword(@Nullable String keyword) {
        ErrorCode code = keyword == null ? null : BY_KEYWORD.get(keyword);
        return code == null ? OTHER : code;
    }
}

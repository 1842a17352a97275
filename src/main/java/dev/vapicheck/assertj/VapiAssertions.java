package dev.vapicheck.assertj;

import dev.vapicheck.Check;
import dev.vapicheck.Payload;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;

/**
 * Entry point of the assertions: {@code assertThat(result)}, or validate and assert in one step.
 *
 * <pre>{@code
 * import static dev.vapicheck.assertj.VapiAssertions.*;
 *
 * assertThatMessage(body).isValid().isOfKind("tool-calls");
 * assertThatReply(reply, "tool-calls").isValid();
 * assertThatMessage(body, Check.message().profile(Profile.STRICT)).hasErrorAt("/message/call/status", "enum");
 * }</pre>
 *
 * <p>The one-step forms use a validator with the embedded schemas, built once on first use and shared.
 */
public final class VapiAssertions {

    private VapiAssertions() {}

    private static final class Shared {
        static final VapiValidator VALIDATOR = VapiValidator.create();
    }

    /**
     * Assertions on a result already computed.
     *
     * @param actual the result
     * @return an assertion on the result
     */
    public static ValidationResultAssert assertThat(ValidationResult actual) {
        return new ValidationResultAssert(actual);
    }

    /**
     * Validates a message body (webhook body or bare message) in the lenient profile, then asserts on the result.
     *
     * @param body the payload as JSON text
     * @return an assertion on the result
     */
    public static ValidationResultAssert assertThatMessage(String body) {
        return assertThatMessage(body, Check.message());
    }

    /**
     * Validates a message body with the given check, then asserts on the result.
     *
     * @param body the payload as JSON text
     * @param check how to check it
     * @return an assertion on the result
     */
    public static ValidationResultAssert assertThatMessage(String body, Check check) {
        return new ValidationResultAssert(Shared.VALIDATOR.validate(Payload.of(body), check));
    }

    /**
     * Validates a reply to a message of type {@code kind} (lenient profile), then asserts on the result.
     *
     * @param body the payload as JSON text
     * @param kind the expected message type
     * @return an assertion on the result
     */
    public static ValidationResultAssert assertThatReply(String body, String kind) {
        return new ValidationResultAssert(Shared.VALIDATOR.validate(Payload.of(body), Check.replyTo(kind)));
    }
}

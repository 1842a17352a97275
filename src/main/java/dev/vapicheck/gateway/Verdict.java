package dev.vapicheck.gateway;

import dev.vapicheck.ProblemDetails;
import dev.vapicheck.ValidationListener.Outcome;
import dev.vapicheck.ValidationResult;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link WebhookGate} decided about one message or reply.
 *
 * @param outcome what became of it (as the {@link dev.vapicheck.ValidationListener} was told)
 * @param result  the validation result, or null when the payload was refused before validation
 * @param problem the problem to answer with instead, or null when the payload passes
 */
public record Verdict(Outcome outcome, @Nullable ValidationResult result, @Nullable ProblemDetails problem) {
    /**
     * Whether the payload goes on (to the server, or back to Vapi) unchanged.
     *
     * @return true when there is no problem to answer with
     */
    public boolean passes() {
        return problem == null;
    }

    /**
     * The validation result, if the payload was validated.
     *
     * @return the result
     */
    public Optional<ValidationResult> validation() {
        return Optional.ofNullable(result);
    }
}

package dev.vapicheck.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Runs a compiled model ({@link FastCompiler}) on a node: the boolean "is it valid" path. It says {@code VALID} or
 * {@code INVALID} only when it is sure; anything it cannot decide (no compiled form, a budget near networknt's
 * limits, a deep stack) is {@code UNDECIDED} and left to networknt, which also produces every error report.
 */
final class FastPath {
    private FastPath() {
    }

    /** What the compiled path found. */
    enum Verdict {
        VALID, INVALID, UNDECIDED
    }

    /**
     * Checks a node.
     *
     * @param compiled the compiled model, or null if there is none
     * @param node     the node
     * @param budget   networknt's limits (the run bails out well before them)
     * @return the verdict
     */
    static Verdict check(Fast.@Nullable Node compiled, JsonNode node, SchemaSet.Budget budget) {
        if (compiled == null) {
            return Verdict.UNDECIDED;
        }
        Fast.Run run = new Fast.Run(budget.full().getMaxEvaluationSteps(), budget.full().getMaxEvaluationDepth());
        try {
            if (!compiled.test(node, run)) {
                return Verdict.INVALID;
            }
        } catch (Fast.Bail | StackOverflowError e) {
            return Verdict.UNDECIDED;
        }
        // Unknown-variant notes are reported by networknt's pass until the outcome carries warnings.
        return run.mark() == 0 ? Verdict.VALID : Verdict.UNDECIDED;
    }
}

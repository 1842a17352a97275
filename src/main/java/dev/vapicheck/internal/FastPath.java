package dev.vapicheck.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Runs a compiled model ({@link FastCompiler}) on a node: the boolean "is it valid" path. It says {@code VALID} or
 * {@code INVALID} only when it is sure; anything it cannot decide (no compiled form, a budget near networknt's
 * limits, a deep stack, a node type from a tree built in code) is {@code UNDECIDED} and left to networknt. The errors
 * of an {@code INVALID} node are then reported by {@link FastErrors}, from the same run.
 */
final class FastPath {
    private static final Result UNDECIDED = new Result(Verdict.UNDECIDED, List.of(), null);
    private static final Result VALID = new Result(Verdict.VALID, List.of(), null);

    private FastPath() {
    }

    /** What the compiled path found. */
    enum Verdict {
        VALID, INVALID, UNDECIDED
    }

    /**
     * The verdict and, for a valid node, the unknown variants it let through.
     *
     * @param verdict the verdict
     * @param notes   the unknown-variant notes (only with {@code VALID})
     * @param run     the run, which knows where the node failed (only with {@code INVALID})
     */
    record Result(Verdict verdict, List<Fast.Note> notes, Fast.@Nullable Run run) {
        /**
         * The notes as {@link dev.vapicheck.ErrorCode#UNKNOWN_VARIANT} warnings, as networknt's pass words them.
         *
         * @param node the node that was checked
         * @return the warnings, relative to the node, in evaluation order
         */
        List<Located> warnings(JsonNode node) {
            return FastPath.warnings(notes, node, List.of());
        }
    }

    /**
     * Unknown-variant notes as {@link dev.vapicheck.ErrorCode#UNKNOWN_VARIANT} warnings, as networknt's pass words
     * them.
     *
     * @param notes  the notes
     * @param node   the node that was checked
     * @param prefix where the node sits in the payload
     * @return the warnings, under the prefix, in evaluation order
     */
    static List<Located> warnings(List<Fast.Note> notes, JsonNode node, List<Object> prefix) {
        Set<JsonNode> unions = Collections.newSetFromMap(new IdentityHashMap<>());
        notes.forEach(n -> unions.add(n.union()));
        Map<JsonNode, List<Object>> paths = Fast.pathsOf(node, unions);
        List<Located> out = new ArrayList<>(notes.size());
        for (Fast.Note n : notes) {
            List<Object> union = paths.get(n.union());
            if (union == null) {
                continue;
            }
            List<Object> path = new ArrayList<>(prefix.size() + union.size() + 1);
            path.addAll(prefix);
            path.addAll(union);
            path.add(n.property());
            out.add(SchemaSet.unknownVariant(path, n.property(), n.value().asString(), n.known()));
        }
        return out;
    }

    /**
     * Checks a node.
     *
     * @param compiled the compiled model, or null if there is none
     * @param node     the node
     * @param budget   networknt's limits (the run bails out well before them)
     * @return the verdict
     */
    static Result check(Fast.@Nullable Node compiled, JsonNode node, SchemaSet.Budget budget) {
        if (compiled == null) {
            return UNDECIDED;
        }
        Fast.Run run = new Fast.Run(budget.full().getMaxEvaluationSteps(), budget.full().getMaxEvaluationDepth());
        try {
            if (!compiled.test(node, run)) {
                return new Result(Verdict.INVALID, List.of(), run);
            }
        } catch (Fast.Bail | StackOverflowError e) {
            return UNDECIDED;
        }
        return run.mark() == 0 ? VALID : new Result(Verdict.VALID, run.notes(), null);
    }
}

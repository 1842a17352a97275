package dev.vapicheck.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Which errors stand for an {@code anyOf} or {@code oneOf} that no alternative fits: the rule of
 * {@link ClosestBranch}, shared by networknt's pass and the compiled one ({@link FastErrors}), each with its own kind
 * of error.
 *
 * <p>The closest alternative is the first one, in this order of preference, that (1) accepts the value's JSON type
 * (no {@code type} error at the value itself), (2) has the fewest errors. Three cases read better as one error: when
 * no alternative accepts the value's type, one {@code type} error lists every type allowed; when every alternative is a
 * single {@code const} or {@code enum} that the value misses, one {@code enum} error lists every value allowed; when
 * every alternative misses a property of its own, one {@code required} error names them all.
 */
final class Closest {
    private Closest() {
    }

    /**
     * What the rule needs to know of an error.
     *
     * @param <E> the engine's error type
     */
    interface Facts<E> {
        /** @return the keyword */
        String keyword(E e);

        /** @return whether the error is at the value the alternatives were tried on (not inside it) */
        boolean atValue(E e);

        /** @return the keyword's value in the schema */
        @Nullable JsonNode schemaNode(E e);

        /** @return the property a {@code required} error names */
        String property(E e);
    }

    /** The kind of decision. */
    enum Kind {
        /** One {@code type} error; {@link Decision#listed()} holds the types allowed. */
        TYPE,
        /** One {@code enum} error; {@link Decision#listed()} holds the values allowed. */
        ENUM,
        /** One {@code required} error; {@link Decision#listed()} holds the names, any of which would do. */
        REQUIRED,
        /** The errors of alternative {@link Decision#branch()}. */
        BRANCH
    }

    /**
     * The decision.
     *
     * @param kind   what to report
     * @param listed the types, values or names of a single error (empty for {@link Kind#BRANCH})
     * @param branch the alternative whose errors to report (for {@link Kind#BRANCH})
     */
    record Decision(Kind kind, ArrayNode listed, int branch) {
    }

    /**
     * Decides.
     *
     * @param failures the errors of each alternative (none empty), in order
     * @param facts    how to read them
     * @param <E>      the engine's error type
     * @return what to report
     */
    static <E> Decision decide(List<List<E>> failures, Facts<E> facts) {
        boolean noTypeFits = true;
        boolean onlyValuesMissed = true;
        boolean onlyPropertiesMissing = true;
        for (List<E> errors : failures) {
            E single = errors.size() == 1 && facts.atValue(errors.get(0)) ? errors.get(0) : null;
            if (single == null || !"required".equals(facts.keyword(single))) {
                onlyPropertiesMissing = false;
            }
            if (single == null || !("const".equals(facts.keyword(single)) || "enum".equals(facts.keyword(single)))) {
                onlyValuesMissed = false;
            }
            if (rootError(errors, facts, "type") == null) {
                noTypeFits = false;
            }
        }
        ArrayNode listed = JsonNodeFactory.instance.arrayNode();
        if (noTypeFits) {
            Set<String> types = new LinkedHashSet<>();
            for (List<E> errors : failures) {
                E typeError = rootError(errors, facts, "type");
                JsonNode t = typeError == null ? null : facts.schemaNode(typeError);
                if (t != null && t.isArray()) {
                    t.forEach(v -> types.add(v.asString()));
                } else if (t != null) {
                    types.add(t.asString());
                }
            }
            types.forEach(listed::add);
            return new Decision(Kind.TYPE, listed, -1);
        }
        if (onlyValuesMissed) {
            Set<JsonNode> values = new LinkedHashSet<>();
            for (List<E> errors : failures) {
                E e = errors.get(0);
                JsonNode v = facts.schemaNode(e);
                if ("enum".equals(facts.keyword(e)) && v != null && v.isArray()) {
                    v.forEach(values::add);
                } else if (v != null) {
                    values.add(v);
                }
            }
            values.forEach(listed::add);
            return new Decision(Kind.ENUM, listed, -1);
        }
        if (onlyPropertiesMissing && failures.size() > 1) {
            // Each alternative asks for a property of its own (a reply's "results" or "error"): say so once.
            Set<String> names = new LinkedHashSet<>();
            for (List<E> errors : failures) {
                names.add(facts.property(errors.get(0)));
            }
            if (names.size() > 1) {
                names.forEach(listed::add);
                return new Decision(Kind.REQUIRED, listed, -1);
            }
        }
        int best = -1;
        for (int i = 0; i < failures.size(); i++) {
            List<E> errors = failures.get(i);
            if (rootError(errors, facts, "type") == null && (best < 0 || errors.size() < failures.get(best).size())) {
                best = i;
            }
        }
        return new Decision(Kind.BRANCH, listed, Math.max(best, 0));
    }

    private static <E> @Nullable E rootError(List<E> errors, Facts<E> facts, String keyword) {
        for (E e : errors) {
            if (keyword.equals(facts.keyword(e)) && facts.atValue(e)) {
                return e;
            }
        }
        return null;
    }
}

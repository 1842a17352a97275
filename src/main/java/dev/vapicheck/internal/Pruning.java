package dev.vapicheck.internal;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.RefValidator;
import com.networknt.schema.path.NodePath;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Makes networknt's error-reporting pass skip what the compiled path proves valid: before networknt evaluates a
 * {@code $ref} target (or, in {@link ClosestBranch}, an alternative), the compiled form of that same schema is tested
 * on the value; if it passes, networknt would report no error there, so the evaluation is skipped and only the
 * unknown-variant notes the compiled run took are handed over. Errors are then built only along the failing parts of a
 * body. Used only in a {@link NotingContext} set up for it, and never where networknt needs the skipped evaluation's
 * annotations ({@code unevaluatedProperties}, {@code unevaluatedItems}, annotation collection).
 */
final class Pruning {
    private Pruning() {
    }

    /**
     * The compiled form of a networknt schema location, or null if there is none to trust.
     *
     * @param compiler the profile's compiler
     * @param location networknt's location of the schema
     * @return the compiled node (compiled when first tested), or null
     */
    static Fast.@Nullable Node compiled(FastCompiler compiler, SchemaLocation location) {
        String s = location.toString();
        if (s.endsWith("#")) {
            s = s.substring(0, s.length() - 1);
        }
        // networknt writes fragments unescaped: a '%' could be read back as an escape, so such names are not trusted.
        if (s.indexOf('%') >= 0 || !s.startsWith(SchemaSet.BASE)) {
            return null;
        }
        return compiler.at(s);
    }

    /** Whether networknt may skip an evaluation here (nothing above needs its annotations). */
    static boolean allowed(ExecutionContext ctx) {
        return ctx instanceof NotingContext nc && nc.run() != null && !ctx.isUnevaluatedPropertiesPresent()
                && !ctx.isUnevaluatedItemsPresent() && !ctx.getExecutionConfig().isAnnotationCollectionEnabled();
    }

    /**
     * Whether the compiled node passes the value, leaving no trace.
     *
     * @param ctx  a context for which {@link #allowed} holds
     * @param fast the compiled node, or null
     * @param node the value
     * @return whether it passes, or null if the compiled path cannot tell
     */
    static @Nullable Boolean passes(ExecutionContext ctx, Fast.@Nullable Node fast, JsonNode node) {
        if (fast == null) {
            return null;
        }
        Fast.Run run = ((NotingContext) ctx).run();
        int mark = run.mark();
        try {
            return fast.test(node, run);
        } catch (Fast.Bail | StackOverflowError e) {
            return null;
        } finally {
            run.reset(mark);
        }
    }

    /**
     * Whether networknt can skip evaluating a schema on a value: the compiled node passes it. If so, its notes are
     * taken into the context at their places under {@code at}.
     *
     * @param ctx  the context
     * @param fast the compiled node, or null
     * @param node the value
     * @param at   the value's location
     * @return true if the evaluation can be skipped
     */
    static boolean skips(ExecutionContext ctx, Fast.@Nullable Node fast, JsonNode node, NodePath at) {
        if (fast == null || !allowed(ctx)) {
            return false;
        }
        NotingContext nc = (NotingContext) ctx;
        Fast.Run run = nc.run();
        int mark = run.mark();
        try {
            if (!fast.test(node, run)) {
                return false;
            }
            if (run.mark() > mark) {
                List<Fast.Note> notes = run.notesSince(mark);
                Set<JsonNode> unions = Collections.newSetFromMap(new IdentityHashMap<>());
                notes.forEach(n -> unions.add(n.union()));
                Map<JsonNode, List<Object>> paths = Fast.pathsOf(node, unions);
                for (Fast.Note n : notes) {
                    List<Object> relative = paths.get(n.union());
                    if (relative == null) {
                        return false; // cannot place it: let networknt evaluate
                    }
                }
                for (Fast.Note n : notes) {
                    NodePath p = at;
                    for (Object segment : paths.get(n.union())) {
                        p = segment instanceof Integer i ? p.append(i) : p.append((String) segment);
                    }
                    nc.note(new NotingContext.Note(p.append(n.property()), n.property(), n.value(), n.known()));
                }
            }
            nc.skipped();
            return true;
        } catch (Fast.Bail | StackOverflowError e) {
            return false;
        } finally {
            run.reset(mark);
        }
    }

    /** networknt's {@code $ref}, skipped where the compiled form of its target passes the value. */
    static final class Ref extends AbstractKeyword {
        static final Ref REF = new Ref();

        private Ref() {
            super("$ref");
        }

        @Override
        public KeywordValidator newValidator(SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
                SchemaContext schemaContext) {
            return new Validator(schemaLocation, schemaNode, parentSchema, schemaContext);
        }

        private static final class Validator extends RefValidator {
            private volatile Fast.@Nullable Node fast;
            private volatile boolean looked;

            Validator(SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
                    SchemaContext schemaContext) {
                super(schemaLocation, schemaNode, parentSchema, schemaContext);
            }

            @Override
            public void validate(ExecutionContext ctx, JsonNode node, JsonNode rootNode, NodePath instanceLocation) {
                if (ctx instanceof NotingContext nc && nc.compiler() != null
                        && skips(ctx, target(nc.compiler()), node, instanceLocation)) {
                    return;
                }
                super.validate(ctx, node, rootNode, instanceLocation);
            }

            private Fast.@Nullable Node target(FastCompiler compiler) {
                if (!looked) {
                    Fast.Node f = null;
                    try {
                        f = compiled(compiler, getSchemaRef().getSchema().getSchemaLocation());
                    } catch (RuntimeException e) {
                        // an unresolvable target: networknt reports it
                    }
                    fast = f;
                    looked = true;
                }
                return fast;
            }
        }
    }
}

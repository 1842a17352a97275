package dev.vapicheck.internal;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.FailFastAssertionException;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Replaces networknt's {@code anyOf} and {@code oneOf} so that, when no alternative fits, only the errors of the
 * closest alternative are reported, instead of every alternative's errors.
 *
 * <p>Which errors stand for the alternatives is {@link Closest}'s rule.
 */
final class ClosestBranch extends AbstractKeyword {
    /** The message key of one {@code required} error that stands for alternatives each missing its own property. */
    static final String REQUIRED_ONE_OF = "required.oneOf";
    static final ClosestBranch ANY_OF = new ClosestBranch("anyOf");
    static final ClosestBranch ONE_OF = new ClosestBranch("oneOf");

    private ClosestBranch(String keyword) {
        super(keyword);
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
            SchemaContext schemaContext) {
        return new Validator(this, schemaLocation, schemaNode, parentSchema, schemaContext);
    }

    private static final class Validator extends BaseKeywordValidator {
        private final List<Schema> branches;
        private final boolean oneOf;
        /** The compiled form of each branch (an entry null if there is none), found at first use. */
        private volatile Fast.@Nullable Node @Nullable [] fast;

        Validator(ClosestBranch keyword, SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
                SchemaContext schemaContext) {
            super(keyword, schemaNode, schemaLocation, parentSchema, schemaContext);
            if (!schemaNode.isArray() || schemaNode.isEmpty()) {
                throw new SchemaException(keyword.getValue() + " at " + schemaLocation
                        + " must be a non-empty array of schemas");
            }
            this.oneOf = keyword == ONE_OF;
            this.branches = new ArrayList<>(schemaNode.size());
            for (int i = 0; i < schemaNode.size(); i++) {
                branches.add(schemaContext.newSchema(schemaLocation.append(i), schemaNode.get(i), parentSchema));
            }
        }

        @Override
        public void validate(ExecutionContext ctx, JsonNode node, JsonNode rootNode, NodePath instanceLocation) {
            List<Error> outer = ctx.getErrors();
            boolean failFast = ctx.isFailFast();
            boolean evaluateAll = oneOf || hasUnevaluatedItemsInEvaluationPath(ctx)
                    || hasUnevaluatedPropertiesInEvaluationPath(ctx)
                    || ctx.getExecutionConfig().isAnnotationCollectionEnabled();
            if (Pruning.allowed(ctx) && compiledBranchPasses(ctx, node, instanceLocation)) {
                return;
            }
            if (failFast && !evaluateAll && anyBranchPasses(ctx, node, rootNode, instanceLocation, outer)) {
                return;
            }
            List<List<Error>> failures = new ArrayList<>(branches.size());
            List<Integer> matches = new ArrayList<>(1);
            NotingContext notes = ctx instanceof NotingContext n ? n : null;
            int mark = notes == null ? 0 : notes.mark();
            try {
                ctx.setFailFast(false);
                for (int i = 0; i < branches.size(); i++) {
                    List<Error> errors = new ArrayList<>();
                    ctx.setErrors(errors);
                    ctx.evaluationPathAddLast(i);
                    int branchMark = notes == null ? 0 : notes.mark();
                    try {
                        branches.get(i).validate(ctx, node, rootNode, instanceLocation);
                    } finally {
                        ctx.evaluationPathRemoveLast();
                    }
                    if (errors.isEmpty()) {
                        matches.add(i);
                        if (!evaluateAll) {
                            break;
                        }
                    } else {
                        failures.add(errors);
                        if (notes != null) {
                            notes.rollback(branchMark);
                        }
                    }
                }
            } finally {
                ctx.setErrors(outer);
                ctx.setFailFast(failFast);
            }
            if (matches.size() == 1 || (!oneOf && !matches.isEmpty())) {
                return;
            }
            if (notes != null) {
                notes.rollback(mark); // no alternative fits: what they noted does not describe the value
            }
            if (oneOf && matches.size() > 1) {
                ctx.addError(error().keyword(getKeyword()).messageKey("oneOf.indexes").instanceNode(node)
                        .instanceLocation(instanceLocation).evaluationPath(ctx.getEvaluationPath())
                        .locale(ctx.getExecutionConfig().getLocale())
                        .arguments(matches.size(), matches.toString()).build());
                return;
            }
            for (Error e : closest(failures, node, instanceLocation, ctx)) {
                ctx.addError(e);
            }
        }

        /**
         * Whether the compiled path proves that the alternatives networknt would accept are accepted (the first one for
         * {@code anyOf}, exactly one for {@code oneOf}), the notes of that one taken; false when it cannot tell.
         */
        private boolean compiledBranchPasses(ExecutionContext ctx, JsonNode node, NodePath at) {
            Fast.@Nullable Node[] compiled = compiledBranches(((NotingContext) ctx).compiler());
            int passing = -1;
            for (int i = 0; i < compiled.length; i++) {
                Boolean passes = Pruning.passes(ctx, compiled[i], node);
                if (passes == null) {
                    return false;
                }
                if (passes) {
                    if (!oneOf) {
                        return Pruning.skips(ctx, compiled[i], node, at);
                    }
                    if (passing >= 0) {
                        return false;
                    }
                    passing = i;
                }
            }
            return passing >= 0 && Pruning.skips(ctx, compiled[passing], node, at);
        }

        private Fast.@Nullable Node[] compiledBranches(@Nullable FastCompiler compiler) {
            Fast.@Nullable Node[] f = fast;
            if (f == null) {
                f = new Fast.Node[branches.size()];
                for (int i = 0; i < f.length && compiler != null; i++) {
                    f[i] = Pruning.compiled(compiler, branches.get(i).getSchemaLocation());
                }
                fast = f;
            }
            return f;
        }

        /**
         * In fail-fast mode (the valid path), whether some branch accepts the value, each branch stopping at its
         * first error instead of collecting them all. When none does, the caller evaluates them again in full to
         * find the closest one, so the error reported is the same either way.
         */
        private boolean anyBranchPasses(ExecutionContext ctx, JsonNode node, JsonNode rootNode, NodePath at,
                List<Error> outer) {
            List<Error> scratch = new ArrayList<>();
            NotingContext notes = ctx instanceof NotingContext n ? n : null;
            try {
                ctx.setErrors(scratch);
                for (int i = 0; i < branches.size(); i++) {
                    scratch.clear();
                    ctx.evaluationPathAddLast(i);
                    int mark = notes == null ? 0 : notes.mark();
                    try {
                        branches.get(i).validate(ctx, node, rootNode, at);
                        if (scratch.isEmpty()) {
                            return true;
                        }
                    } catch (FailFastAssertionException e) {
                        // this branch does not fit; try the next
                    } finally {
                        ctx.evaluationPathRemoveLast();
                    }
                    if (notes != null) {
                        notes.rollback(mark);
                    }
                }
                return false;
            } finally {
                ctx.setErrors(outer);
            }
        }

        private List<Error> closest(List<List<Error>> failures, JsonNode node, NodePath at, ExecutionContext ctx) {
            Closest.Decision d = Closest.decide(failures, new Closest.Facts<Error>() {
                @Override
                public String keyword(Error e) {
                    return String.valueOf(e.getKeyword());
                }

                @Override
                public boolean atValue(Error e) {
                    return at.equals(e.getInstanceLocation());
                }

                @Override
                public @Nullable JsonNode schemaNode(Error e) {
                    return e.getSchemaNode();
                }

                @Override
                public String property(Error e) {
                    return ErrorTranslator.property(e);
                }
            });
            return switch (d.kind()) {
                case BRANCH -> failures.get(d.branch());
                case TYPE -> {
                    List<String> types = new ArrayList<>();
                    d.listed().forEach(t -> types.add(t.asString()));
                    yield List.of(error().keyword("type").messageKey("type").schemaNode(d.listed()).instanceNode(node)
                            .instanceLocation(at).evaluationPath(ctx.getEvaluationPath())
                            .locale(ctx.getExecutionConfig().getLocale())
                            .arguments(Messages.typeOf(node), types.toString()).build());
                }
                case ENUM -> List.of(error().keyword("enum").messageKey("enum").schemaNode(d.listed())
                        .instanceNode(node).instanceLocation(at).evaluationPath(ctx.getEvaluationPath())
                        .locale(ctx.getExecutionConfig().getLocale()).arguments(d.listed().toString()).build());
                case REQUIRED -> List.of(error().keyword("required").messageKey(REQUIRED_ONE_OF)
                        .schemaNode(d.listed()).instanceNode(node).instanceLocation(at)
                        .evaluationPath(ctx.getEvaluationPath()).locale(ctx.getExecutionConfig().getLocale())
                        .arguments(d.listed().get(0).asString()).build());
            };
        }

        @Override
        public void preloadSchema() {
            preloadSchemas(branches);
        }
    }
}

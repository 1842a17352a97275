package dev.vapicheck.internal;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Replaces networknt's {@code allOf} so that a discriminated union is one map look-up instead of one {@code if}
 * evaluation per branch.
 *
 * <p>In the lenient profile the union's own {@code properties} give its tag no {@code enum}: a string tag that selects
 * no branch is then a variant newer than the snapshot, valid as an object. The validator notes it (in a
 * {@link NotingContext}) so that the result can warn about it.
 *
 * <p>The generator writes a union told apart by property {@code P} as an {@code allOf} of
 * {@code {"if": {"required": [P], "properties": {P: {"const": v}}}, "then": S}}. For an object, that {@code if}
 * holds exactly when {@code P} is present and equal to {@code v}, so only the {@code then} of the value found is
 * evaluated; a value that selects nothing, or a missing {@code P}, evaluates nothing (the union's own
 * {@code enum} and {@code required} report it). For anything but an object every {@code if} holds vacuously and
 * every {@code then} is evaluated, as the specification says. An {@code allOf} of any other shape is evaluated
 * subschema by subschema, as usual.
 */
final class DiscriminatedAllOf extends AbstractKeyword {
    static final DiscriminatedAllOf ALL_OF = new DiscriminatedAllOf();

    private DiscriminatedAllOf() {
        super("allOf");
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
            SchemaContext schemaContext) {
        return new Validator(this, schemaLocation, schemaNode, parentSchema, schemaContext);
    }

    /** The property every branch's {@code if} tests, when the {@code allOf} has the generated shape. */
    static @Nullable String discriminator(JsonNode allOf) {
        String property = null;
        Map<JsonNode, Boolean> values = new HashMap<>();
        for (JsonNode branch : allOf) {
            JsonNode cond = branch.get("if");
            if (branch.size() != 2 || cond == null || !branch.has("then") || cond.size() != 2) {
                return null;
            }
            JsonNode required = cond.get("required");
            JsonNode properties = cond.get("properties");
            if (required == null || !required.isArray() || required.size() != 1 || !required.get(0).isString()
                    || properties == null || !properties.isObject() || properties.size() != 1) {
                return null;
            }
            String p = required.get(0).stringValue();
            JsonNode test = properties.get(p);
            if (test == null || !test.isObject() || test.size() != 1 || !test.has("const")
                    || (property != null && !property.equals(p)) || values.put(test.get("const"), true) != null) {
                return null;
            }
            property = p;
        }
        return property;
    }

    /**
     * Whether a discriminated union lets a tag it does not know through (noted as a new variant): its own schema
     * gives the tag neither {@code enum} nor {@code const}, as the lenient profile writes it. The fast path
     * ({@link FastCompiler}) follows the same rule.
     *
     * @param unionSchema the schema holding the {@code allOf}
     * @param property    the tag, as {@link #discriminator(JsonNode)} found it
     */
    static boolean isOpen(JsonNode unionSchema, String property) {
        JsonNode tag = unionSchema.path("properties").path(property);
        return !tag.has("enum") && !tag.has("const");
    }

    /** The tag value that selects a branch of an {@code allOf} of the generated shape. */
    static JsonNode tagValue(JsonNode branch, String property) {
        return branch.get("if").get("properties").get(property).get("const");
    }

    private static final class Validator extends BaseKeywordValidator {
        private final @Nullable String property;
        private final Map<JsonNode, Integer> branchByValue = new HashMap<>();
        /** Whether a tag outside {@link #branchByValue} is a new variant (lenient) rather than an error. */
        private final boolean open;
        private final List<String> known = new ArrayList<>();
        /** The {@code then} schemas in dispatch mode, else the subschemas themselves. */
        private final List<Schema> schemas;

        Validator(DiscriminatedAllOf keyword, SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
                SchemaContext schemaContext) {
            super(keyword, schemaNode, schemaLocation, parentSchema, schemaContext);
            if (!schemaNode.isArray() || schemaNode.isEmpty()) {
                throw new SchemaException("allOf at " + schemaLocation + " must be a non-empty array of schemas");
            }
            this.property = discriminator(schemaNode);
            this.open = property != null && isOpen(parentSchema.getSchemaNode(), property);
            this.schemas = new ArrayList<>(schemaNode.size());
            for (int i = 0; i < schemaNode.size(); i++) {
                JsonNode branch = schemaNode.get(i);
                if (property == null) {
                    schemas.add(schemaContext.newSchema(schemaLocation.append(i), branch, parentSchema));
                } else {
                    JsonNode value = tagValue(branch, property);
                    branchByValue.put(value, i);
                    known.add(value.asString());
                    schemas.add(schemaContext.newSchema(schemaLocation.append(i).append("then"), branch.get("then"),
                            parentSchema));
                }
            }
        }

        @Override
        public void validate(ExecutionContext ctx, JsonNode node, JsonNode rootNode, NodePath instanceLocation) {
            if (property != null && node.isObject()) {
                JsonNode value = node.get(property);
                Integer branch = value == null ? null : branchByValue.get(value);
                if (branch != null) {
                    evaluate(ctx, branch, node, rootNode, instanceLocation);
                } else if (open && value != null && value.isString() && ctx instanceof NotingContext notes) {
                    notes.note(new NotingContext.Note(instanceLocation.append(property), property, value,
                            List.copyOf(known)));
                }
                return;
            }
            for (int i = 0; i < schemas.size(); i++) {
                evaluate(ctx, i, node, rootNode, instanceLocation);
            }
        }

        private void evaluate(ExecutionContext ctx, int i, JsonNode node, JsonNode rootNode, NodePath at) {
            ctx.evaluationPathAddLast(i);
            if (property != null) {
                ctx.evaluationPathAddLast("then");
            }
            try {
                schemas.get(i).validate(ctx, node, rootNode, at);
            } finally {
                if (property != null) {
                    ctx.evaluationPathRemoveLast();
                }
                ctx.evaluationPathRemoveLast();
            }
        }

        @Override
        public void preloadSchema() {
            preloadSchemas(schemas);
        }
    }
}

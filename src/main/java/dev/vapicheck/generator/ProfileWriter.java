package dev.vapicheck.generator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Phase 5: one profile's schema of each model, from the catalog's facts, the discriminators and the reviewed
 * repairs and additions.
 *
 * <p>The rules, the same for every model:
 * <ul>
 *   <li>A property is required as the docs say; an optional property also accepts {@code null} (what Vapi
 *       sends for an unset field), and a required one only where the snapshot says it is nullable.</li>
 *   <li>Single-valued enums are consts in both profiles; other enums are enforced in strict only.</li>
 *   <li>A discriminated union is an {@code allOf} of {@code if}/{@code then} on its tag. Strict lists the known
 *       tags; lenient accepts any string, so a tag that selects no branch (a new provider or kind) leaves the
 *       object checked only as an object.</li>
 *   <li>Strict closes every object; lenient closes only the replies' own objects ({@code closed}): a reply is
 *       written by the customer's server, where an unknown property is a mistake.</li>
 * </ul>
 */
final class ProfileWriter {

    static final String SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";
    static final String ID_BASE = "https://vapi-check.dev/schemas/1.0/";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> CONSTRAINTS = List.of(
            "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems", "uniqueItems");

    private final Catalog catalog;
    private final Discriminators discriminators;
    private final Review review;
    private final Set<String> closed;
    private final boolean strict;

    /**
     * @param closed the models closed in both profiles
     */
    ProfileWriter(Catalog catalog, Discriminators discriminators, Review review, Set<String> closed, boolean strict) {
        this.catalog = catalog;
        this.discriminators = discriminators;
        this.review = review;
        this.closed = closed;
        this.strict = strict;
    }

    String folder() {
        return strict ? "strict" : "lenient";
    }

    ObjectNode modelSchema(String model) {
        DocModel m = catalog.doc(model);
        ObjectNode s = header(model, m);
        if (m.kind() == DocModel.Kind.UNION) {
            unionSchema(model, s);
            return s;
        }
        s.put("type", "object");
        ArrayNode required = F.arrayNode();
        ObjectNode props = F.objectNode();
        Reviewed.Addition addition = review.addition(model);
        List<String> nonNull = addition == null ? List.of() : addition.nonNull();
        for (DocModel.Property p : m.properties()) {
            String wire = catalog.wire(model, p);
            JsonNode pn = catalog.propertyNode(model, wire);
            boolean optional = p.optional();
            if (!optional && review.repair(model + "." + wire + "/required") != null) {
                optional = true;
            }
            if (!optional) {
                required.add(wire);
            }
            boolean nullable = (optional && !nonNull.contains(wire)) || p.nullableByDoc()
                    || (pn != null && pn.path("nullable").asBoolean(false));
            props.set(wire, propertySchema(model, wire, p, pn, nullable));
        }
        for (Map.Entry<String, Catalog.Added> e : catalog.added(model).entrySet()) {
            props.set(e.getKey(), propertySchema(model, e.getKey(), e.getValue().property(), e.getValue().apiNode(), true));
        }
        if (addition != null) {
            for (Map.Entry<String, JsonNode> e : addition.properties().properties()) {
                props.set(e.getKey(), allowNull(((ObjectNode) e.getValue()).deepCopy()));
            }
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        s.set("properties", props);
        if (strict || closed.contains(model)) {
            s.put("additionalProperties", false);
        }
        if (addition != null) {
            s.setAll(addition.schema().deepCopy());
        }
        return s;
    }

    private ObjectNode propertySchema(String model, String wire, DocModel.Property p, @Nullable JsonNode pn,
            boolean nullable) {
        boolean tag = discriminators.isTag(model, wire);
        ObjectNode ps = typeSchema(p.type().unwrapOption(), pn, strict || tag, model + "." + wire, "");
        if (nullable) {
            ps = allowNull(ps);
        }
        if (p.readOnly()) {
            ps.put("readOnly", true);
        }
        return ps;
    }

    private ObjectNode header(String model, DocModel m) {
        ObjectNode s = F.objectNode();
        s.put("$schema", SCHEMA_DIALECT);
        s.put("$id", ID_BASE + folder() + "/" + model + ".json");
        s.put("title", model);
        s.put("$comment", "Generated by vapi-check from vapi-api-1.0 model-docs/" + m.file() + "; do not edit.");
        return s;
    }

    private void unionSchema(String model, ObjectNode s) {
        Discriminators.Discriminator d = discriminators.of(model);
        if (d != null) {
            s.put("type", "object");
            s.set("required", F.arrayNode().add(d.property()));
            ObjectNode tag = F.objectNode();
            if (strict) {
                ArrayNode values = F.arrayNode();
                d.branchesByValue().keySet().forEach(values::add);
                tag.set("enum", values);
            } else {
                tag.put("type", "string");
            }
            s.set("properties", F.objectNode().set(d.property(), tag));
            ArrayNode allOf = F.arrayNode();
            d.branchesByValue().forEach((value, models) -> {
                ObjectNode cond = F.objectNode();
                cond.set("required", F.arrayNode().add(d.property()));
                cond.set("properties", F.objectNode().set(d.property(), F.objectNode().put("const", value)));
                ObjectNode then;
                if (models.size() == 1) {
                    then = ref(models.get(0));
                } else {
                    ArrayNode any = F.arrayNode();
                    models.forEach(mm -> any.add(ref(mm)));
                    then = F.objectNode().set("anyOf", any);
                }
                allOf.add(F.objectNode().<ObjectNode>set("if", cond).set("then", then));
            });
            s.set("allOf", allOf);
            return;
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode b : catalog.unionBranches(model)) {
            String r = OpenApi.refName(b);
            if (r != null) {
                String doc = catalog.docName(r);
                out.add(ref(doc != null ? doc : r));
            } else {
                out.add(inlineSchema(b, model, ""));
            }
        }
        if (out.size() == 1) {
            s.setAll(out.get(0));
        } else {
            ArrayNode any = F.arrayNode();
            out.forEach(any::add);
            s.set("anyOf", any);
        }
    }

    static ObjectNode ref(String model) {
        return F.objectNode().put("$ref", model + ".json");
    }

    /** The schema of a doc type, with the OpenAPI node's facts when there is one. */
    private ObjectNode typeSchema(TypeRef type, @Nullable JsonNode apiNode, boolean enforceEnums, String at, String path) {
        JsonNode n = apiNode == null ? null : catalog.api().resolve(apiNode);
        if (type instanceof TypeRef.Optional o) {
            return typeSchema(o.inner(), apiNode, enforceEnums, at, path);
        }
        if (type instanceof TypeRef.ModelRef ref) {
            return ref(ref.name());
        }
        ObjectNode s = F.objectNode();
        if (type instanceof TypeRef.ArrayOf a) {
            s.put("type", "array");
            s.set("items", typeSchema(a.items(), n == null ? null : n.get("items"), enforceEnums, at, path + "items/"));
        } else if (type instanceof TypeRef.MapOf m) {
            s.put("type", "object");
            JsonNode values = n == null ? null : n.get("additionalProperties");
            s.set("additionalProperties", typeSchema(m.values(), values != null && values.isObject() ? values : null,
                    enforceEnums, at, path + "additionalProperties/"));
        } else if (type instanceof TypeRef.Primitive p) {
            String t = switch (p.name()) {
                case "String", "std::path::PathBuf" -> "string";
                case "f64", "f32" -> "number";
                case "i32", "i64" -> "integer";
                case "bool" -> "boolean";
                default -> apiNode == null ? null : jsonType(OpenApi.unwrap(apiNode));
            };
            Reviewed.Repair repair = review.repair(at + "/" + path + "type");
            if (repair != null) {
                t = repair.replacement() == null ? null : repair.replacement().asString();
            }
            if (t != null) {
                s.put("type", t);
            }
        }
        if (n != null && !(type instanceof TypeRef.MapOf)) {
            facts(s, n, enforceEnums, at, path);
        }
        return s;
    }

    private static @Nullable String jsonType(JsonNode n) {
        String t = n.path("type").asString(null);
        return t != null && List.of("object", "array", "string", "number", "integer", "boolean").contains(t) ? t : null;
    }

    /** A primitive branch written inline in the OpenAPI document. */
    private ObjectNode inlineSchema(JsonNode b, String model, String path) {
        ObjectNode s = F.objectNode();
        String t = jsonType(b);
        if (t != null) {
            s.put("type", t);
        }
        facts(s, b, strict, model, path);
        return s;
    }

    /** Copies enum, const, format and value constraints, applying reviewed repairs. */
    private void facts(ObjectNode s, JsonNode n, boolean enforceEnums, String at, String path) {
        JsonNode e = n.get("enum");
        String enumKey = at + "/" + path + "enum";
        if (e != null) {
            Reviewed.Repair repair = review.repair(enumKey);
            if (repair != null) {
                e = repair.replacement();
            }
        }
        if (e != null && e.isArray() && !e.isEmpty()) {
            ArrayNode values = F.arrayNode();
            Set<JsonNode> seen = new LinkedHashSet<>();
            e.forEach(v -> {
                if (seen.add(v)) {
                    values.add(v);
                }
            });
            String declared = s.path("type").asString(null);
            for (JsonNode v : values) {
                if (declared != null && !jsonTypeOf(v).equals(declared) && !(declared.equals("number") && v.isNumber())) {
                    review.needRepair(enumKey, enumKey + ": enum value " + v + " can never match type " + declared
                            + "; add a repair to " + Reviewed.RESOURCE);
                    break;
                }
            }
            if (values.size() == 1) {
                s.set("const", values.get(0));
            } else if (enforceEnums) {
                s.set("enum", values);
            }
        }
        String format = n.path("format").asString(null);
        if (format != null && !format.equals("binary")) {
            s.put("format", format);
        }
        for (String k : CONSTRAINTS) {
            JsonNode v = n.get(k);
            if (v == null) {
                continue;
            }
            String key = at + "/" + path + k;
            Reviewed.Repair repair = review.repair(key);
            if (repair != null) {
                if (repair.replacement() != null) {
                    s.set(k, repair.replacement());
                }
                continue;
            }
            if (k.equals("pattern")) {
                String pattern = Patterns.portable(v.asString());
                if (pattern == null) {
                    review.needRepair(key, key + ": pattern " + v.asString()
                            + " is not portable across Java, ECMA-262 and Python; add a repair to " + Reviewed.RESOURCE);
                    continue;
                }
                s.put(k, pattern);
            } else {
                s.set(k, v);
            }
        }
        if (n.has("exclusiveMinimum") && n.get("exclusiveMinimum").asBoolean(false) && s.has("minimum")) {
            s.set("exclusiveMinimum", s.remove("minimum"));
        }
        if (n.has("exclusiveMaximum") && n.get("exclusiveMaximum").asBoolean(false) && s.has("maximum")) {
            s.set("exclusiveMaximum", s.remove("maximum"));
        }
    }

    private static String jsonTypeOf(JsonNode v) {
        if (v.isString()) {
            return "string";
        } else if (v.isIntegralNumber()) {
            return "integer";
        } else if (v.isNumber()) {
            return "number";
        } else if (v.isBoolean()) {
            return "boolean";
        } else if (v.isArray()) {
            return "array";
        } else if (v.isObject()) {
            return "object";
        }
        return "null";
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode v : array) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The same schema, also accepting {@code null}. */
    static ObjectNode allowNull(ObjectNode s) {
        if (s.has("$ref")) {
            ObjectNode out = F.objectNode();
            out.set("if", F.objectNode().put("type", "null"));
            out.set("else", s);
            return out;
        }
        JsonNode t = s.get("type");
        if (t != null && t.isString()) {
            s.set("type", F.arrayNode().add(t.asString()).add("null"));
        } else if (t != null && t.isArray() && !contains(t, F.stringNode("null"))) {
            ((ArrayNode) t).add("null");
        }
        if (s.has("enum") && !contains(s.get("enum"), F.nullNode())) {
            ((ArrayNode) s.get("enum")).addNull();
        }
        if (s.has("const")) {
            ArrayNode values = F.arrayNode().add(s.remove("const")).addNull();
            s.set("enum", values);
        }
        return s;
    }
}

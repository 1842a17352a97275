package dev.vapicheck.generator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the model docs, completed by the OpenAPI document, into one draft 2020-12 schema per model
 * and profile, plus self-contained bundles and an index.
 *
 * <p>Policy: the docs say which models and properties exist, their types and optionality; the OpenAPI
 * document supplies wire names, enum and const values, nullability and value constraints. Every place
 * where the two disagree is reported; generation fails unless the {@link Reviewed} list settles it.
 */
final class SchemaGenerator {

    static final String SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";
    static final String ID_BASE = "https://vapi-check.dev/schemas/1.0/";
    static final List<String> ROOTS = List.of("ServerMessage", "ServerMessageResponse");
    static final String MESSAGE_UNION = "ServerMessageMessage";
    static final String REPLY_UNION = "ServerMessageResponseMessageResponse";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> PRIMITIVE_VARIANTS = Set.of("String", "f64", "i32", "bool");
    private static final List<String> CONSTRAINTS = List.of(
            "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems", "uniqueItems");

    /** A discriminated union: the property that tells branches apart, and the branches for each value. */
    record Discriminator(String property, SortedMap<String, List<String>> branchesByValue) {}

    /** What one run found and wrote. */
    record Result(SortedMap<String, String> files, List<String> report, List<String> failures) {}

    private final Map<String, DocModel> docs;
    private final OpenApi api;
    private final Reviewed reviewed;

    private final Map<String, String> docNameByNormal = new HashMap<>();
    private final Map<String, JsonNode> apiNodes = new HashMap<>();
    private final Set<String> closure = new LinkedHashSet<>();
    /** Model name to wire name per doc property name. */
    private final Map<String, Map<String, String>> wireNames = new HashMap<>();
    private final Map<String, Discriminator> discriminators = new TreeMap<>();
    /** {@code Model.wireName} of every property that selects a union branch. */
    private final Set<String> discriminatorProps = new TreeSet<>();
    private final Set<String> disagreements = new TreeSet<>();
    private final Set<String> repairsUsed = new TreeSet<>();
    private final List<String> failures = new ArrayList<>();

    SchemaGenerator(Map<String, DocModel> docs, OpenApi api, Reviewed reviewed) {
        this.docs = docs;
        this.api = api;
        this.reviewed = reviewed;
        docs.keySet().forEach(n -> docNameByNormal.put(OpenApi.normal(n), n));
    }

    Result generate() {
        computeClosure();
        closure.forEach(this::compareWithOpenApi);
        closure.forEach(this::findDiscriminator);
        SortedMap<String, String> files = new TreeMap<>();
        Map<String, Map<String, ObjectNode>> byProfile = new LinkedHashMap<>();
        for (String profile : List.of("lenient", "strict")) {
            Map<String, ObjectNode> schemas = new TreeMap<>();
            for (String model : closure) {
                schemas.put(model, modelSchema(model, profile.equals("strict")));
            }
            byProfile.put(profile, schemas);
            schemas.forEach((model, schema) -> files.put(profile + "/" + model + ".json", Json.write(schema)));
            files.put("bundle/server-message." + profile + ".json",
                    Json.write(bundle("server-message." + profile, "ServerMessage", schemas)));
            files.put("bundle/server-message-response." + profile + ".json",
                    Json.write(bundle("server-message-response." + profile, "ServerMessageResponse", schemas)));
        }
        files.put("index.json", Json.write(index()));
        checkReviewed();
        return new Result(files, report(), List.copyOf(failures));
    }

    // ---- closure and OpenAPI mapping ----

    private void computeClosure() {
        Deque<String> queue = new ArrayDeque<>();
        for (String root : ROOTS) {
            JsonNode node = api.component(root);
            if (node != null) {
                apiNodes.put(root, node);
            }
            queue.add(root);
        }
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (!closure.add(name)) {
                continue;
            }
            DocModel m = docs.get(name);
            if (m == null) {
                failures.add("model " + name + " is referenced but has no doc");
                continue;
            }
            JsonNode node = apiNodes.get(name);
            if (node == null) {
                disagreements.add(name + ": no OpenAPI schema");
            }
            if (m.kind() == DocModel.Kind.OBJECT) {
                Map<String, String> wires = new LinkedHashMap<>();
                for (DocModel.Property p : m.properties()) {
                    String wire = wireName(m, p, node);
                    wires.put(p.docName(), wire);
                    JsonNode propNode = node == null ? null : node.path("properties").get(wire);
                    mapReferenced(p.type(), propNode, queue);
                }
                wireNames.put(name, wires);
            } else {
                for (String v : variants(name)) {
                    if (!PRIMITIVE_VARIANTS.contains(v)) {
                        mapReferenced(new TypeRef.ModelRef(v), null, queue);
                    }
                }
            }
        }
    }

    /** Enqueues the models a type names, recording which OpenAPI node each inline model stands for. */
    private void mapReferenced(TypeRef type, @Nullable JsonNode node, Deque<String> queue) {
        JsonNode n = node == null ? null : OpenApi.unwrap(node);
        if (type instanceof TypeRef.Optional o) {
            mapReferenced(o.inner(), n, queue);
        } else if (type instanceof TypeRef.ArrayOf a) {
            mapReferenced(a.items(), n == null ? null : n.get("items"), queue);
        } else if (type instanceof TypeRef.MapOf m) {
            JsonNode values = n == null ? null : n.get("additionalProperties");
            mapReferenced(m.values(), values != null && values.isObject() ? values : null, queue);
        } else if (type instanceof TypeRef.ModelRef ref) {
            String name = ref.name();
            if (!apiNodes.containsKey(name)) {
                JsonNode component = api.component(name);
                if (component != null) {
                    apiNodes.put(name, component);
                } else if (n != null) {
                    String target = OpenApi.refName(n);
                    apiNodes.put(name, target != null && api.component(target) != null ? api.component(target) : n);
                }
            }
            queue.add(name);
        }
    }

    private String wireName(DocModel m, DocModel.Property p, @Nullable JsonNode node) {
        if (node != null) {
            for (String candidate : node.path("properties").propertyNames()) {
                if (OpenApi.normal(candidate).equals(OpenApi.normal(p.bareName()))) {
                    return candidate;
                }
            }
        }
        return camelCase(p.bareName());
    }

    static String camelCase(String snake) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    // ---- docs against OpenAPI ----

    private void compareWithOpenApi(String name) {
        DocModel m = docs.get(name);
        JsonNode node = apiNodes.get(name);
        if (m == null || node == null) {
            return;
        }
        if (m.kind() == DocModel.Kind.OBJECT) {
            JsonNode props = node.path("properties");
            Set<String> required = new TreeSet<>();
            node.path("required").forEach(r -> required.add(r.asString()));
            Set<String> seen = new TreeSet<>();
            for (DocModel.Property p : m.properties()) {
                String wire = wireNames.get(name).get(p.docName());
                JsonNode pn = props.get(wire);
                String key = name + "." + wire;
                if (pn == null) {
                    disagreements.add(key + ": only in docs");
                    continue;
                }
                seen.add(wire);
                if (p.optional() == required.contains(wire)) {
                    disagreements.add(key + ": docs " + (p.optional() ? "optional" : "required")
                            + ", openapi " + (required.contains(wire) ? "required" : "optional"));
                }
                boolean apiNullable = pn.path("nullable").asBoolean(false);
                if (p.nullableByDoc() != apiNullable && !p.optional()) {
                    disagreements.add(key + ": docs " + (p.nullableByDoc() ? "nullable" : "not nullable")
                            + ", openapi " + (apiNullable ? "nullable" : "not nullable"));
                }
                String docKind = kindOf(p.type().unwrapOption());
                String apiKind = apiKindOf(pn);
                if (!compatible(docKind, apiKind)) {
                    disagreements.add(key + ": docs type " + docKind + ", openapi type " + apiKind);
                }
            }
            for (String wire : props.propertyNames()) {
                if (!seen.contains(wire)) {
                    disagreements.add(name + "." + wire + ": only in openapi");
                }
            }
        } else if (m.variants().isEmpty()) {
            disagreements.add(name + ": docs list no variants, openapi " + variants(name).size());
        } else {
            Set<String> docVariants = new TreeSet<>(m.variants());
            Set<String> apiVariants = new TreeSet<>();
            for (JsonNode b : branches(OpenApi.unwrap(node))) {
                apiVariants.add(variantName(b));
            }
            for (String v : docVariants) {
                if (!apiVariants.contains(v)) {
                    disagreements.add(name + ": variant " + v + " only in docs");
                }
            }
            for (String v : apiVariants) {
                if (!docVariants.contains(v)) {
                    disagreements.add(name + ": variant " + v + " only in openapi");
                }
            }
        }
    }

    /**
     * A union's variants: the docs' list, or the OpenAPI document's when the docs list none (the Rust
     * generator drops the variants of some unions; that fact then comes from the OpenAPI document).
     */
    private List<String> variants(String union) {
        List<String> fromDocs = docs.get(union).variants();
        JsonNode node = apiNodes.get(union);
        if (!fromDocs.isEmpty() || node == null) {
            return fromDocs;
        }
        List<String> out = new ArrayList<>();
        branches(OpenApi.unwrap(node)).forEach(b -> out.add(variantName(b)));
        return out;
    }

    private static List<JsonNode> branches(JsonNode unionNode) {
        List<JsonNode> out = new ArrayList<>();
        for (String k : List.of("oneOf", "anyOf")) {
            unionNode.path(k).forEach(out::add);
        }
        if (out.isEmpty() && unionNode.has("$ref")) {
            out.add(unionNode);
        }
        return out;
    }

    /** The docs' name for an OpenAPI union branch: the model's doc name, or the Rust primitive. */
    private String variantName(JsonNode branch) {
        String ref = OpenApi.refName(branch);
        if (ref != null) {
            String doc = docNameByNormal.get(OpenApi.normal(ref));
            return doc != null ? doc : ref;
        }
        return switch (branch.path("type").asString("")) {
            case "string" -> "String";
            case "number" -> "f64";
            case "integer" -> "i32";
            case "boolean" -> "bool";
            default -> "(inline " + branch.path("type").asString("schema") + ")";
        };
    }

    private static String kindOf(TypeRef t) {
        if (t instanceof TypeRef.Primitive p) {
            return switch (p.name()) {
                case "String", "std::path::PathBuf" -> "string";
                case "f64", "f32" -> "number";
                case "i32", "i64" -> "integer";
                case "bool" -> "boolean";
                default -> "any";
            };
        }
        if (t instanceof TypeRef.ArrayOf) {
            return "array";
        }
        if (t instanceof TypeRef.MapOf) {
            return "object";
        }
        return "model";
    }

    private static String apiKindOf(JsonNode node) {
        JsonNode n = OpenApi.unwrap(node);
        if (n.has("$ref") || n.has("oneOf") || n.has("anyOf")) {
            return "model";
        }
        return n.path("type").asString("any");
    }

    private static boolean compatible(String docKind, String apiKind) {
        return docKind.equals(apiKind)
                || docKind.equals("any")
                || (docKind.equals("model") && apiKind.equals("object"));
    }

    // ---- discriminators ----

    private void findDiscriminator(String name) {
        DocModel m = docs.get(name);
        if (m == null || m.kind() != DocModel.Kind.UNION) {
            return;
        }
        List<String> variants = unionModelVariants(name);
        if (variants == null || variants.size() < 2) {
            return;
        }
        Discriminator best = null;
        DocModel first = docs.get(variants.get(0));
        for (DocModel.Property p : first.properties()) {
            String wire = wireNames.get(first.name()).get(p.docName());
            SortedMap<String, List<String>> byValue = new TreeMap<>();
            boolean ok = true;
            for (String v : variants) {
                List<String> values = requiredConstValues(v, wire);
                if (values.isEmpty()) {
                    ok = false;
                    break;
                }
                for (String value : values) {
                    byValue.computeIfAbsent(value, k -> new ArrayList<>()).add(v);
                }
            }
            if (!ok || byValue.size() < 2) {
                continue;
            }
            if (best == null || distinctBranches(byValue) > distinctBranches(best.branchesByValue())) {
                best = new Discriminator(wire, byValue);
            }
        }
        if (best != null) {
            discriminators.put(name, best);
            for (String v : variants) {
                discriminatorProps.add(v + "." + best.property());
            }
        }
    }

    private static int distinctBranches(SortedMap<String, List<String>> byValue) {
        return (int) byValue.values().stream().filter(l -> l.size() == 1).count() * 1000 + byValue.size();
    }

    /** The variants of a union when every one is an object model; otherwise {@code null}. */
    private @Nullable List<String> unionModelVariants(String union) {
        List<String> out = new ArrayList<>();
        for (JsonNode b : unionBranches(union)) {
            String ref = OpenApi.refName(b);
            String doc = ref == null ? null : docNameByNormal.get(OpenApi.normal(ref));
            if (doc == null || docs.get(doc).kind() != DocModel.Kind.OBJECT) {
                return null;
            }
            out.add(doc);
        }
        return out;
    }

    /**
     * The branches of a union as OpenAPI nodes: from the OpenAPI document when it has them (it keeps
     * primitive branches apart, which the docs merge into one {@code String}), else from the docs.
     */
    private List<JsonNode> unionBranches(String union) {
        JsonNode node = apiNodes.get(union);
        List<String> docVariants = variants(union);
        List<JsonNode> out = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (JsonNode b : node == null ? List.<JsonNode>of() : branches(OpenApi.unwrap(node))) {
            String v = variantName(b);
            if (docVariants.contains(v)) {
                out.add(b);
                covered.add(v);
            }
        }
        for (String v : docVariants) {
            if (covered.contains(v)) {
                continue;
            }
            ObjectNode b = F.objectNode();
            switch (v) {
                case "String" -> b.put("type", "string");
                case "f64" -> b.put("type", "number");
                case "i32" -> b.put("type", "integer");
                case "bool" -> b.put("type", "boolean");
                default -> b.put("$ref", "#/components/schemas/" + v);
            }
            out.add(b);
        }
        return out;
    }

    /**
     * The values a model's property may take when it is an enum; empty otherwise. The property may be
     * optional in the branch (tool-calls' {@code type} is): the union still requires it, since nothing
     * else can select the branch.
     */
    private List<String> requiredConstValues(String model, String wire) {
        JsonNode node = apiNodes.get(model);
        DocModel m = docs.get(model);
        if (node == null || m == null || m.kind() != DocModel.Kind.OBJECT) {
            return List.of();
        }
        boolean present = m.properties().stream()
                .anyMatch(p -> wire.equals(wireNames.get(model).get(p.docName())));
        JsonNode enumNode = OpenApi.unwrap(node.path("properties").path(wire)).get("enum");
        if (!present || enumNode == null || !enumNode.isArray()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        enumNode.forEach(v -> values.add(v.asString()));
        return values;
    }

    // ---- schema writing ----

    private ObjectNode header(String model, boolean strict) {
        ObjectNode s = F.objectNode();
        s.put("$schema", SCHEMA_DIALECT);
        s.put("$id", ID_BASE + (strict ? "strict/" : "lenient/") + model + ".json");
        s.put("title", model);
        s.put("$comment", "Generated by vapi-check from vapi-api-1.0 model-docs/" + docs.get(model).file() + "; do not edit.");
        return s;
    }

    private ObjectNode modelSchema(String model, boolean strict) {
        DocModel m = docs.get(model);
        ObjectNode s = header(model, strict);
        if (m.kind() == DocModel.Kind.UNION) {
            unionSchema(model, strict, s);
            return s;
        }
        JsonNode node = apiNodes.get(model);
        s.put("type", "object");
        ArrayNode required = F.arrayNode();
        ObjectNode props = F.objectNode();
        for (DocModel.Property p : m.properties()) {
            String wire = wireNames.get(model).get(p.docName());
            JsonNode pn = node == null ? null : node.path("properties").get(wire);
            if (!p.optional()) {
                required.add(wire);
            }
            boolean nullable = p.nullableByDoc() || (pn != null && pn.path("nullable").asBoolean(false));
            boolean discriminator = discriminatorProps.contains(model + "." + wire);
            ObjectNode ps = typeSchema(p.type().unwrapOption(), pn, strict || discriminator, model + "." + wire, "");
            if (nullable) {
                ps = allowNull(ps);
            }
            if (p.readOnly()) {
                ps.put("readOnly", true);
            }
            props.set(wire, ps);
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        s.set("properties", props);
        if (strict) {
            s.put("additionalProperties", false);
        }
        return s;
    }

    private void unionSchema(String model, boolean strict, ObjectNode s) {
        Discriminator d = discriminators.get(model);
        List<JsonNode> branches = unionBranches(model);
        if (d != null) {
            s.put("type", "object");
            s.set("required", F.arrayNode().add(d.property()));
            ArrayNode values = F.arrayNode();
            d.branchesByValue().keySet().forEach(values::add);
            s.set("properties", F.objectNode().set(d.property(), F.objectNode().set("enum", values)));
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
        for (JsonNode b : branches) {
            String r = OpenApi.refName(b);
            if (r != null) {
                String doc = docNameByNormal.get(OpenApi.normal(r));
                out.add(ref(doc != null ? doc : r));
            } else {
                out.add(inlineSchema(b, strict, model, ""));
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

    private static ObjectNode ref(String model) {
        return F.objectNode().put("$ref", model + ".json");
    }

    /** The schema of a doc type, with the OpenAPI node's facts when there is one. */
    private ObjectNode typeSchema(TypeRef type, @Nullable JsonNode apiNode, boolean enforceEnums, String at, String path) {
        JsonNode n = apiNode == null ? null : OpenApi.unwrap(apiNode);
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
            s.set("additionalProperties",
                    typeSchema(m.values(), values != null && values.isObject() ? values : null, enforceEnums, at, path + "additionalProperties/"));
        } else if (type instanceof TypeRef.Primitive p) {
            String t = switch (p.name()) {
                case "String", "std::path::PathBuf" -> "string";
                case "f64", "f32" -> "number";
                case "i32", "i64" -> "integer";
                case "bool" -> "boolean";
                default -> n == null ? null : jsonType(n);
            };
            String typeKey = at + "/" + path + "type";
            if (reviewed.repairs().containsKey(typeKey)) {
                repairsUsed.add(typeKey);
                JsonNode replacement = reviewed.repairs().get(typeKey).replacement();
                t = replacement == null ? null : replacement.asString();
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
    private ObjectNode inlineSchema(JsonNode b, boolean strict, String model, String path) {
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
        if (e != null && reviewed.repairs().containsKey(enumKey)) {
            repairsUsed.add(enumKey);
            e = reviewed.repairs().get(enumKey).replacement();
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
                    failures.add(enumKey + ": enum value " + v + " can never match type " + declared
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
            if (reviewed.repairs().containsKey(key)) {
                repairsUsed.add(key);
                JsonNode replacement = reviewed.repairs().get(key).replacement();
                if (replacement != null) {
                    s.set(k, replacement);
                }
                continue;
            }
            if (k.equals("pattern")) {
                String pattern = Patterns.portable(v.asString());
                if (pattern == null) {
                    failures.add(key + ": pattern " + v.asString() + " is not portable across Java, ECMA-262 and Python; "
                            + "add a repair to " + Reviewed.RESOURCE);
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

    /** The same schema, also accepting {@code null}. */
    private static ObjectNode allowNull(ObjectNode s) {
        if (s.has("$ref")) {
            ObjectNode out = F.objectNode();
            out.set("if", F.objectNode().put("type", "null"));
            out.set("else", s);
            return out;
        }
        JsonNode t = s.get("type");
        if (t != null && t.isString()) {
            s.set("type", F.arrayNode().add(t.asString()).add("null"));
        }
        if (s.has("enum")) {
            ((ArrayNode) s.get("enum")).addNull();
        }
        if (s.has("const")) {
            ArrayNode values = F.arrayNode().add(s.remove("const")).addNull();
            s.set("enum", values);
        }
        return s;
    }

    // ---- bundles and index ----

    private ObjectNode bundle(String name, String root, Map<String, ObjectNode> schemas) {
        Set<String> reach = new TreeSet<>();
        collect(root, schemas, reach);
        ObjectNode b = F.objectNode();
        b.put("$schema", SCHEMA_DIALECT);
        b.put("$id", ID_BASE + "bundle/" + name + ".json");
        b.put("title", root);
        b.put("$comment", "Generated by vapi-check from vapi-api-1.0; self-contained; do not edit.");
        b.put("$ref", "#/$defs/" + root);
        ObjectNode defs = F.objectNode();
        for (String model : reach) {
            ObjectNode copy = schemas.get(model).deepCopy();
            copy.remove("$schema");
            copy.remove("$id");
            copy.remove("$comment");
            rewriteRefs(copy);
            defs.set(model, copy);
        }
        b.set("$defs", defs);
        return b;
    }

    private static void collect(String model, Map<String, ObjectNode> schemas, Set<String> reach) {
        if (!reach.add(model)) {
            return;
        }
        List<String> refs = new ArrayList<>();
        refsIn(schemas.get(model), refs);
        refs.forEach(r -> collect(r.substring(0, r.length() - ".json".length()), schemas, reach));
    }

    private static void refsIn(JsonNode n, List<String> out) {
        if (n.isObject()) {
            JsonNode r = n.get("$ref");
            if (r != null && r.isString()) {
                out.add(r.asString());
            }
            n.forEach(c -> refsIn(c, out));
        } else if (n.isArray()) {
            n.forEach(c -> refsIn(c, out));
        }
    }

    private static void rewriteRefs(JsonNode n) {
        if (n instanceof ObjectNode o) {
            JsonNode r = o.get("$ref");
            if (r != null && r.isString() && r.asString().endsWith(".json")) {
                String model = r.asString().substring(0, r.asString().length() - ".json".length());
                o.put("$ref", "#/$defs/" + model);
            }
            o.forEach(SchemaGenerator::rewriteRefs);
        } else if (n.isArray()) {
            n.forEach(SchemaGenerator::rewriteRefs);
        }
    }

    private ObjectNode index() {
        ObjectNode idx = F.objectNode();
        idx.put("$comment", "Message kinds (message.type to model) and reply kinds (message type answered to model); generated by vapi-check.");
        idx.put("api", "vapi-api-1.0");
        idx.set("profiles", F.arrayNode().add("lenient").add("strict"));
        ObjectNode kinds = F.objectNode();
        ObjectNode replies = F.objectNode();
        Discriminator d = discriminators.get(MESSAGE_UNION);
        if (d == null) {
            failures.add(MESSAGE_UNION + " has no discriminator");
        } else {
            List<String> replyVariants = unionModelVariants(REPLY_UNION);
            Set<String> replyModels = new TreeSet<>(replyVariants == null ? List.of() : replyVariants);
            d.branchesByValue().forEach((kind, models) -> {
                String model = models.get(0);
                kinds.put(kind, model);
                String reply = model.replaceFirst("^ServerMessage", "ServerMessageResponse");
                if (replyModels.remove(reply)) {
                    replies.put(kind, reply);
                }
            });
            replyModels.forEach(r -> failures.add("reply model " + r + " answers no message kind"));
        }
        idx.set("messageKinds", kinds);
        idx.set("replyKinds", replies);
        return idx;
    }

    // ---- review ----

    private void checkReviewed() {
        for (String d : disagreements) {
            if (!reviewed.disagreements().containsKey(d)) {
                failures.add("unreviewed disagreement: " + d);
            }
        }
        for (String d : new TreeSet<>(reviewed.disagreements().keySet())) {
            if (!disagreements.contains(d)) {
                failures.add("stale reviewed disagreement (no longer found): " + d);
            }
        }
        for (String r : new TreeSet<>(reviewed.repairs().keySet())) {
            if (!repairsUsed.contains(r)) {
                failures.add("stale repair (no constraint there): " + r);
            }
        }
    }

    private List<String> report() {
        List<String> r = new ArrayList<>();
        long objects = closure.stream().filter(n -> docs.containsKey(n) && docs.get(n).kind() == DocModel.Kind.OBJECT).count();
        long properties = closure.stream().filter(docs::containsKey).mapToLong(n -> docs.get(n).properties().size()).sum();
        r.add("models: " + closure.size() + " (" + objects + " objects, " + (closure.size() - objects) + " unions), properties: " + properties);
        r.add("discriminated unions: " + discriminators.size());
        discriminators.forEach((u, d) -> r.add("  " + u + " by " + d.property() + " (" + d.branchesByValue().size() + " values)"));
        closure.stream().filter(n -> docs.containsKey(n) && docs.get(n).kind() == DocModel.Kind.UNION && !discriminators.containsKey(n))
                .forEach(u -> r.add("  " + u + ": anyOf, no discriminator (" + unionBranches(u).size() + " branches)"));
        r.add("disagreements: " + disagreements.size());
        disagreements.forEach(d -> r.add("  " + d + (reviewed.disagreements().containsKey(d) ? "  -- " + reviewed.disagreements().get(d) : "  -- UNREVIEWED")));
        r.add("repairs: " + repairsUsed.size());
        repairsUsed.forEach(k -> r.add("  " + k + "  -- " + reviewed.repairs().get(k).reason()));
        return r;
    }
}

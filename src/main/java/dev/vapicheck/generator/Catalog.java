package dev.vapicheck.generator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Phase 1, the closure: every model reachable from the roots, each with the OpenAPI node it stands for and the
 * wire name of each of its properties. Read-only once built; every later phase looks facts up here.
 *
 * <p>Where a create DTO may arrive as the stored entity it created (see {@link Reviewed#entities()}), the
 * entity's extra properties are added to the DTO here, as optional properties marked {@link Added}, so that
 * every later phase sees them like any other property.
 */
final class Catalog {

    static final Set<String> PRIMITIVE_VARIANTS = Set.of("String", "f64", "i32", "bool");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /**
     * A property a model gets from elsewhere than its own doc.
     *
     * @param property the property, as if read from a doc
     * @param apiNode its OpenAPI schema
     * @param from where it comes from, such as {@code entity TwilioPhoneNumber}
     */
    record Added(DocModel.Property property, JsonNode apiNode, String from) {}

    private final Map<String, DocModel> docs;
    private final OpenApi api;
    private final Map<String, String> docNameByNormal = new HashMap<>();
    private final Map<String, JsonNode> apiNodes = new HashMap<>();
    private final Set<String> closure = new LinkedHashSet<>();
    /** Model name to wire name per doc property name. */
    private final Map<String, Map<String, String>> wireNames = new HashMap<>();
    /** Model name to the properties added to it, by wire name. */
    private final Map<String, Map<String, Added>> added = new HashMap<>();
    private final List<String> failures = new ArrayList<>();

    private Catalog(Map<String, DocModel> docs, OpenApi api) {
        this.docs = docs;
        this.api = api;
        docs.keySet().forEach(n -> docNameByNormal.put(OpenApi.normal(n), n));
    }

    /**
     * Computes the closure of the roots.
     *
     * @param entities create DTO to the entity whose extra properties it takes
     */
    static Catalog build(Map<String, DocModel> docs, OpenApi api, List<String> roots, Map<String, String> entities) {
        Catalog c = new Catalog(docs, api);
        c.compute(roots, entities);
        return c;
    }

    private void compute(List<String> roots, Map<String, String> entities) {
        Deque<String> queue = new ArrayDeque<>();
        for (String root : roots) {
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
            if (m.kind() == DocModel.Kind.OBJECT) {
                Map<String, String> wires = new LinkedHashMap<>();
                for (DocModel.Property p : m.properties()) {
                    String wire = wireName(p, node);
                    wires.put(p.docName(), wire);
                    JsonNode propNode = node == null ? null : node.path("properties").get(wire);
                    mapReferenced(p.type(), propNode, queue);
                }
                wireNames.put(name, wires);
                String entity = entities.get(name);
                if (entity != null) {
                    addEntityProperties(name, entity, wires, queue);
                }
            } else {
                for (String v : variants(name)) {
                    if (!PRIMITIVE_VARIANTS.contains(v)) {
                        mapReferenced(new TypeRef.ModelRef(v), null, queue);
                    }
                }
            }
        }
    }

    /** Gives a DTO, as optional properties, what its entity has beyond it. */
    private void addEntityProperties(String dto, String entity, Map<String, String> dtoWires, Deque<String> queue) {
        DocModel e = docs.get(entity);
        JsonNode entityNode = api.component(entity);
        if (e == null || entityNode == null || e.kind() != DocModel.Kind.OBJECT) {
            failures.add("entity " + entity + " (for " + dto + ") has no object doc and OpenAPI schema");
            return;
        }
        Map<String, Added> extra = new LinkedHashMap<>();
        for (DocModel.Property p : e.properties()) {
            String wire = wireName(p, entityNode);
            if (dtoWires.containsValue(wire)) {
                continue;
            }
            JsonNode propNode = entityNode.path("properties").get(wire);
            if (propNode == null) {
                continue;
            }
            DocModel.Property optional = new DocModel.Property(p.docName(), p.type(), true, p.readOnly(), p.line());
            extra.put(wire, new Added(optional, propNode, "entity " + entity));
            mapReferenced(p.type(), propNode, queue);
        }
        added.put(dto, extra);
    }

    /** Enqueues the models a type names, recording which OpenAPI node each inline model stands for. */
    private void mapReferenced(TypeRef type, @Nullable JsonNode node, Deque<String> queue) {
        JsonNode n = node == null ? null : api.resolve(node);
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

    private String wireName(DocModel.Property p, @Nullable JsonNode node) {
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

    // ---- look-ups ----

    OpenApi api() {
        return api;
    }

    /** The models of the closure, in discovery order. */
    Set<String> models() {
        return Collections.unmodifiableSet(closure);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    @Nullable DocModel doc(String model) {
        return docs.get(model);
    }

    boolean isObject(String model) {
        DocModel m = docs.get(model);
        return m != null && m.kind() == DocModel.Kind.OBJECT;
    }

    boolean isUnion(String model) {
        DocModel m = docs.get(model);
        return m != null && m.kind() == DocModel.Kind.UNION;
    }

    /** The OpenAPI schema a model stands for, or {@code null}. */
    @Nullable JsonNode apiNode(String model) {
        return apiNodes.get(model);
    }

    /** The wire name of a doc property of a model in the closure. */
    String wire(String model, DocModel.Property p) {
        return wireNames.get(model).get(p.docName());
    }

    /** The OpenAPI schema of a property, by wire name, or {@code null}. */
    @Nullable JsonNode propertyNode(String model, String wire) {
        Added a = added.getOrDefault(model, Map.of()).get(wire);
        if (a != null) {
            return a.apiNode();
        }
        JsonNode node = apiNodes.get(model);
        return node == null ? null : node.path("properties").get(wire);
    }

    /** The properties added to a model, by wire name, in the entity's order. */
    Map<String, Added> added(String model) {
        return added.getOrDefault(model, Map.of());
    }

    /** The doc name of an OpenAPI component name, or {@code null}. */
    @Nullable String docName(String componentName) {
        return docNameByNormal.get(OpenApi.normal(componentName));
    }

    /**
     * A union's variants: the docs' list, or the OpenAPI document's when the docs list none (the Rust
     * generator drops the variants of some unions; that fact then comes from the OpenAPI document).
     */
    List<String> variants(String union) {
        List<String> fromDocs = docs.get(union).variants();
        JsonNode node = apiNodes.get(union);
        if (!fromDocs.isEmpty() || node == null) {
            return fromDocs;
        }
        List<String> out = new ArrayList<>();
        branches(OpenApi.unwrap(node)).forEach(b -> out.add(variantName(b)));
        return out;
    }

    static List<JsonNode> branches(JsonNode unionNode) {
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
    String variantName(JsonNode branch) {
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

    /** The variants of a union when every one is an object model; otherwise {@code null}. */
    @Nullable List<String> unionModelVariants(String union) {
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
    List<JsonNode> unionBranches(String union) {
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
    List<String> enumValues(String model, String wire) {
        JsonNode node = apiNodes.get(model);
        DocModel m = docs.get(model);
        if (node == null || m == null || m.kind() != DocModel.Kind.OBJECT) {
            return List.of();
        }
        boolean present = m.properties().stream().anyMatch(p -> wire.equals(wire(model, p)));
        JsonNode prop = node.path("properties").get(wire);
        JsonNode enumNode = prop == null ? null : api.resolve(prop).get("enum");
        if (!present || enumNode == null || !enumNode.isArray()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        enumNode.forEach(v -> values.add(v.asString()));
        return values;
    }
}

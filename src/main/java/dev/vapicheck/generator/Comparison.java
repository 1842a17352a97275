package dev.vapicheck.generator;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Phase 2: the model docs against the OpenAPI document. Each place where the two disagree becomes one line,
 * such as {@code Call.status: docs optional, openapi required}; the reviewed list must settle every one.
 */
final class Comparison {

    private Comparison() {
    }

    static SortedSet<String> disagreements(Catalog catalog) {
        SortedSet<String> out = new TreeSet<>();
        for (String name : catalog.models()) {
            DocModel m = catalog.doc(name);
            JsonNode node = catalog.apiNode(name);
            if (m == null) {
                continue;
            }
            if (node == null) {
                out.add(name + ": no OpenAPI schema");
            } else if (m.kind() == DocModel.Kind.OBJECT) {
                compareObject(catalog, name, m, node, out);
            } else {
                compareUnion(catalog, name, m, node, out);
            }
        }
        return out;
    }

    private static void compareObject(Catalog catalog, String name, DocModel m, JsonNode node, Set<String> out) {
        OpenApi api = catalog.api();
        JsonNode props = node.path("properties");
        Set<String> required = new TreeSet<>();
        node.path("required").forEach(r -> required.add(r.asString()));
        Set<String> seen = new TreeSet<>();
        for (DocModel.Property p : m.properties()) {
            String wire = catalog.wire(name, p);
            JsonNode pn = props.get(wire);
            String key = name + "." + wire;
            if (pn == null) {
                out.add(key + ": only in docs");
                continue;
            }
            seen.add(wire);
            if (p.optional() == required.contains(wire)) {
                out.add(key + ": docs " + (p.optional() ? "optional" : "required")
                        + ", openapi " + (required.contains(wire) ? "required" : "optional"));
            }
            boolean apiNullable = pn.path("nullable").asBoolean(false);
            if (p.nullableByDoc() != apiNullable && !p.optional()) {
                out.add(key + ": docs " + (p.nullableByDoc() ? "nullable" : "not nullable")
                        + ", openapi " + (apiNullable ? "nullable" : "not nullable"));
            }
            String docKind = kindOf(p.type().unwrapOption());
            String apiKind = apiKindOf(api, pn);
            if (!compatible(docKind, apiKind)) {
                out.add(key + ": docs type " + docKind + ", openapi type " + apiKind);
            }
        }
        for (String wire : props.propertyNames()) {
            if (!seen.contains(wire)) {
                out.add(name + "." + wire + ": only in openapi");
            }
        }
    }

    private static void compareUnion(Catalog catalog, String name, DocModel m, JsonNode node, Set<String> out) {
        if (m.variants().isEmpty()) {
            out.add(name + ": docs list no variants, openapi " + catalog.variants(name).size());
            return;
        }
        Set<String> docVariants = new TreeSet<>(m.variants());
        Set<String> apiVariants = new TreeSet<>();
        for (JsonNode b : Catalog.branches(OpenApi.unwrap(node))) {
            apiVariants.add(catalog.variantName(b));
        }
        for (String v : docVariants) {
            if (!apiVariants.contains(v)) {
                out.add(name + ": variant " + v + " only in docs");
            }
        }
        for (String v : apiVariants) {
            if (!docVariants.contains(v)) {
                out.add(name + ": variant " + v + " only in openapi");
            }
        }
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

    /** The kind of an OpenAPI property schema; a reference to an object or union component is a model. */
    private static String apiKindOf(OpenApi api, JsonNode node) {
        JsonNode n = OpenApi.unwrap(node);
        if (n.has("oneOf") || n.has("anyOf")) {
            return "model";
        }
        if (n.has("$ref")) {
            JsonNode target = api.resolve(n);
            String t = target.path("type").asString("object");
            return target.has("oneOf") || target.has("anyOf") || t.equals("object") ? "model" : t;
        }
        return n.path("type").asString("any");
    }

    private static boolean compatible(String docKind, String apiKind) {
        return docKind.equals(apiKind)
                || docKind.equals("any")
                || (docKind.equals("model") && apiKind.equals("object"));
    }
}

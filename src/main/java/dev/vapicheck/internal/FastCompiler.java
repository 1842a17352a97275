package dev.vapicheck.internal;

import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.regex.RegularExpression;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compiles the schema files of one profile, as they are (embedded or from a user's folder), into trees of
 * {@link Fast} nodes: "closure compilation", no code generation. A model's root is compiled on first use and each
 * {@code $ref} when a validation first reaches it (see {@link Fast.Ref}). A model whose root uses anything the
 * compiler does not support (an unknown keyword, a nested {@code $id}, a reference it cannot resolve) gets no compiled
 * form; a referenced schema that does becomes {@link Fast#BAIL}: either way networknt decides. Thread-safe.
 */
final class FastCompiler implements Fast.Resolver {
    /** Keywords that assert nothing (annotations), skipped. */
    private static final Set<String> IGNORED = Set.of("$schema", "$comment", "title", "description", "examples",
            "default", "deprecated", "readOnly", "writeOnly", "format", "$defs", "contentMediaType",
            "contentEncoding");
    private static final Set<String> HANDLED = Set.of("type", "properties", "required", "additionalProperties",
            "items", "minItems", "maxItems", "minLength", "maxLength", "pattern", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "const", "enum", "allOf", "anyOf", "oneOf", "not", "if", "then",
            "else", "$ref", "$id");
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private final SchemaSource source;
    private final String folder;
    private final Map<String, Optional<Fast.Node>> models = new ConcurrentHashMap<>();
    /** Guarded by this: references by absolute location, shared by the models of the profile. */
    private final Map<String, Fast.Ref> compiled = new HashMap<>();
    /** Guarded by this: parsed documents, while a schema compiles. */
    private final Map<String, JsonNode> documents = new HashMap<>();

    /** Thrown when a schema uses something the compiler leaves to networknt. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A compiler for one profile's folder of a set.
     *
     * @param source the set
     * @param folder {@code lenient} or {@code strict}
     */
    FastCompiler(SchemaSource source, String folder) {
        this.source = source;
        this.folder = folder;
    }

    /**
     * The compiled model, compiling it on first use.
     *
     * @param model the model name
     * @return its root node, or null if networknt must validate it
     */
    Fast.@Nullable Node model(String model) {
        Optional<Fast.Node> done = models.get(model);
        if (done == null) {
            done = compileModel(model);
            models.putIfAbsent(model, done);
        }
        return done.orElse(null);
    }

    private synchronized Optional<Fast.Node> compileModel(String model) {
        Optional<Fast.Node> done = models.get(model);
        if (done != null) {
            return done;
        }
        Fast.Ref root = reference(SchemaSet.BASE + folder + "/" + model + ".json");
        return resolve(root) == Fast.BAIL ? Optional.empty() : Optional.of(root);
    }

    /** Whether the model has a compiled form (for tests and reports). */
    boolean compiles(String model) {
        return model(model) != null;
    }

    /**
     * Compiles every reference reached so far, and what they reach in turn (for tests: a lazy compiler would
     * otherwise find an unsupported schema only when a body reaches it).
     *
     * @return every location reached that could not be compiled, sorted
     */
    synchronized List<String> compileReachable() {
        boolean more = true;
        while (more) {
            more = false;
            for (Fast.Ref ref : new ArrayList<>(compiled.values())) {
                if (ref.target() == null) {
                    more = true;
                    resolve(ref);
                }
            }
        }
        List<String> failed = new ArrayList<>();
        for (Fast.Ref ref : compiled.values()) {
            if (ref.target() == Fast.BAIL) {
                failed.add(ref.location());
            }
        }
        failed.sort(null);
        return failed;
    }

    /**
     * The compiled schema at an absolute location, compiled when a validation first reaches it ({@link Pruning}).
     *
     * @param location the location, as a {@code $ref} resolves ({@code BASE/profile/File.json#/pointer})
     * @return the node
     */
    synchronized Fast.Node at(String location) {
        return reference(location);
    }

    /** The one reference object for a location, not yet compiled. */
    private Fast.Ref reference(String location) {
        return compiled.computeIfAbsent(location, l -> new Fast.Ref(l, this));
    }

    @Override
    public synchronized Fast.Node resolve(Fast.Ref ref) {
        Fast.Node target = ref.target();
        if (target != null) {
            return target;
        }
        try {
            target = compileAt(ref.location());
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // Unsupported, or a schema odd enough to break the compiler: networknt decides (and reports a broken set
            // or class path as an error in the result).
            target = Fast.BAIL;
        } finally {
            // The parsed files would only hold heap: a file is rarely needed again once its schema is compiled.
            documents.clear();
        }
        ref.target(target);
        return target;
    }

    private Fast.Node compileAt(String location) {
        int hash = location.indexOf('#');
        String document = hash < 0 ? location : location.substring(0, hash);
        String fragment = hash < 0 ? "" : location.substring(hash + 1);
        JsonNode root = document(document);
        JsonNode schema;
        if (fragment.isEmpty()) {
            schema = root;
        } else if (fragment.startsWith("/")) {
            try {
                schema = root.at(JsonPointer.compile(decode(fragment)));
            } catch (IllegalArgumentException e) {
                throw new Unsupported("bad pointer " + location);
            }
        } else {
            throw new Unsupported("anchor " + location);
        }
        if (schema == null || schema.isMissingNode()) {
            throw new Unsupported("nothing at " + location);
        }
        return compile(schema, document, schema == root, FastErrors.Loc.of(location));
    }

    private static String decode(String fragment) {
        try {
            return new URI("x:/#" + fragment).getFragment();
        } catch (URISyntaxException e) {
            throw new Unsupported("bad fragment " + fragment);
        }
    }

    private JsonNode document(String iri) {
        JsonNode doc = documents.get(iri);
        if (doc != null) {
            return doc;
        }
        if (!iri.startsWith(SchemaSet.BASE)) {
            throw new Unsupported("outside the set: " + iri);
        }
        String relative = iri.substring(SchemaSet.BASE.length());
        if (!SchemaSet.allowedRelative(relative)) {
            throw new Unsupported("not a schema of the set: " + iri);
        }
        byte[] bytes;
        try {
            bytes = source.read(relative);
        } catch (IOException e) {
            throw new Unsupported("unreadable " + iri);
        }
        if (bytes == null) {
            throw new Unsupported("missing " + iri);
        }
        try {
            doc = PLAIN.readTree(bytes);
        } catch (JacksonException e) {
            throw new Unsupported("not JSON: " + iri);
        }
        if (doc == null) {
            throw new Unsupported("empty: " + iri);
        }
        documents.put(iri, doc);
        return doc;
    }

    private Fast.Node compile(JsonNode schema, String document, boolean documentRoot, FastErrors.Loc loc) {
        if (schema.isBoolean()) {
            return schema.booleanValue() ? Fast.Const.TRUE : Fast.Const.FALSE;
        }
        if (!schema.isObject()) {
            throw new Unsupported("not a schema: " + schema);
        }
        for (String keyword : schema.propertyNames()) {
            if (!IGNORED.contains(keyword) && !HANDLED.contains(keyword)) {
                throw new Unsupported("keyword " + keyword);
            }
        }
        JsonNode id = schema.get("$id");
        if (id != null && !(documentRoot && id.isString() && id.stringValue().equals(document))) {
            throw new Unsupported("$id " + id);
        }
        Checks checks = new Checks();
        int types = types(schema.get("type"));
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            if (!ref.isString()) {
                throw new Unsupported("$ref " + ref);
            }
            checks.add(reference(absolute(document, ref.stringValue())), "$ref");
        }
        members(schema, document, checks, loc);
        items(schema, document, checks, loc);
        text(schema, checks, loc);
        bound(schema, "minimum", true, false, checks, loc);
        bound(schema, "maximum", false, false, checks, loc);
        bound(schema, "exclusiveMinimum", true, true, checks, loc);
        bound(schema, "exclusiveMaximum", false, true, checks, loc);
        JsonNode constant = schema.get("const");
        if (constant != null) {
            checks.add(values(List.of(constant), "const", constant, loc), "const");
        }
        JsonNode enumeration = schema.get("enum");
        if (enumeration != null) {
            if (!enumeration.isArray()) {
                throw new Unsupported("enum " + enumeration);
            }
            List<JsonNode> vs = new ArrayList<>();
            enumeration.forEach(vs::add);
            checks.add(values(vs, "enum", enumeration, loc), "enum");
        }
        JsonNode allOf = schema.get("allOf");
        if (allOf != null) {
            checks.add(allOf(schema, allOf, document, loc.child("allOf")), "allOf");
        }
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null) {
            checks.add(new Fast.Alternatives(list(anyOf, document, loc.child("anyOf")), false,
                    loc.child("anyOf")), "anyOf");
        }
        JsonNode oneOf = schema.get("oneOf");
        if (oneOf != null) {
            checks.add(new Fast.Alternatives(list(oneOf, document, loc.child("oneOf")), true,
                    loc.child("oneOf")), "oneOf");
        }
        JsonNode not = schema.get("not");
        if (not != null) {
            checks.add(new Fast.Not(compile(not, document, false, loc.child("not"))), "not");
        }
        JsonNode condition = schema.get("if");
        if (condition != null && (schema.has("then") || schema.has("else"))) {
            checks.add(new Fast.Conditional(compile(condition, document, false, loc.child("if")),
                    optional(schema, "then", document, loc), optional(schema, "else", document, loc)), "if");
        }
        return new Fast.Schema(types, checks.nodes.toArray(new Fast.Node[0]), loc, schema.get("type"),
                checks.order(schema));
    }

    /** The checks of one schema, and which keyword each part of them checks. */
    private static final class Checks {
        final List<Fast.Node> nodes = new ArrayList<>();
        /** Keyword to the index of its check times 4, plus the part of the check. */
        final Map<String, Integer> parts = new HashMap<>();

        void add(Fast.Node node, String keyword) {
            nodes.add(node);
            parts.put(keyword, (nodes.size() - 1) * 4);
        }

        /**
         * A check of several keywords: part {@code i} checks keyword {@code i}, which counts only where the schema
         * has it.
         */
        void add(Fast.Node node, JsonNode schema, List<String> keywords) {
            nodes.add(node);
            for (int part = 0; part < keywords.size(); part++) {
                if (schema.has(keywords.get(part))) {
                    parts.put(keywords.get(part), (nodes.size() - 1) * 4 + part);
                }
            }
        }

        /** The parts in networknt's order: {@code properties} first, then as the schema lists the keywords. */
        int[] order(JsonNode schema) {
            List<Integer> out = new ArrayList<>();
            Integer properties = parts.get("properties");
            if (properties != null) {
                out.add(properties);
            }
            for (String keyword : schema.propertyNames()) {
                Integer p = parts.get(keyword);
                if (p != null && !keyword.equals("properties")) {
                    out.add(p);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private Fast.@Nullable Node optional(JsonNode schema, String keyword, String document, FastErrors.Loc loc) {
        JsonNode n = schema.get(keyword);
        return n == null ? null : compile(n, document, false, loc.child(keyword));
    }

    private static String absolute(String document, String ref) {
        try {
            URI resolved = new URI(document).resolve(new URI(ref));
            String s = resolved.toString();
            return s.endsWith("#") ? s.substring(0, s.length() - 1) : s;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Unsupported("$ref " + ref);
        }
    }

    private static int types(@Nullable JsonNode type) {
        if (type == null) {
            return 0;
        }
        if (type.isString()) {
            return type(type.stringValue());
        }
        if (!type.isArray() || type.isEmpty()) {
            throw new Unsupported("type " + type);
        }
        int mask = 0;
        for (JsonNode t : type) {
            if (!t.isString()) {
                throw new Unsupported("type " + type);
            }
            mask |= type(t.stringValue());
        }
        return mask;
    }

    private static int type(String name) {
        return switch (name) {
            case "null" -> Fast.NULL;
            case "boolean" -> Fast.BOOLEAN;
            case "object" -> Fast.OBJECT;
            case "array" -> Fast.ARRAY;
            case "string" -> Fast.STRING;
            case "number" -> Fast.NUMBER;
            case "integer" -> Fast.INTEGER;
            default -> throw new Unsupported("type " + name);
        };
    }

    private void members(JsonNode schema, String document, Checks checks, FastErrors.Loc loc) {
        JsonNode properties = schema.get("properties");
        JsonNode required = schema.get("required");
        JsonNode additional = schema.get("additionalProperties");
        if (properties == null && required == null && additional == null) {
            return;
        }
        if ((properties != null && !properties.isObject()) || (required != null && !required.isArray())) {
            throw new Unsupported("properties/required");
        }
        Set<String> requiredNames = new LinkedHashSet<>();
        if (required != null) {
            for (JsonNode r : required) {
                if (!r.isString()) {
                    throw new Unsupported("required " + required);
                }
                requiredNames.add(r.stringValue());
            }
        }
        Map<String, Fast.Node> declared = new LinkedHashMap<>();
        if (properties != null) {
            FastErrors.Loc at = loc.child("properties");
            for (Map.Entry<String, JsonNode> e : properties.properties()) {
                declared.put(e.getKey(), compile(e.getValue(), document, false, at.child(e.getKey())));
            }
        }
        Fast.Node extra = null;
        if (additional != null && !(additional.isBoolean() && additional.booleanValue())) {
            extra = compile(additional, document, false, loc.child("additionalProperties"));
        }
        Fast.Members members = new Fast.Members(declared, requiredNames.toArray(new String[0]), required, extra,
                loc);
        checks.add(members, schema, Fast.Members.KEYWORDS);
    }

    private void items(JsonNode schema, String document, Checks checks, FastErrors.Loc loc) {
        JsonNode items = schema.get("items");
        if (items == null && !schema.has("minItems") && !schema.has("maxItems")) {
            return;
        }
        Fast.Items node = new Fast.Items(items == null ? null : compile(items, document, false, loc.child("items")),
                count(schema, "minItems"), count(schema, "maxItems"), loc);
        checks.add(node, schema, Fast.Items.KEYWORDS);
    }

    private static void text(JsonNode schema, Checks checks, FastErrors.Loc loc) {
        JsonNode pattern = schema.get("pattern");
        if (pattern == null && !schema.has("minLength") && !schema.has("maxLength")) {
            return;
        }
        RegularExpression regex = null;
        if (pattern != null) {
            if (!pattern.isString()) {
                throw new Unsupported("pattern " + pattern);
            }
            try {
                regex = JDKRegularExpressionFactory.getInstance().getRegularExpression(pattern.stringValue());
            } catch (RuntimeException e) {
                throw new Unsupported("pattern " + pattern);
            }
        }
        Fast.Text node = new Fast.Text(count(schema, "minLength"), count(schema, "maxLength"), regex, pattern, loc);
        checks.add(node, schema, Fast.Text.KEYWORDS);
    }

    private static @Nullable JsonNode count(JsonNode schema, String keyword) {
        JsonNode n = schema.get(keyword);
        if (n == null) {
            return null;
        }
        if (!n.isNumber() || !n.canConvertToExactIntegral() || n.decimalValue().signum() < 0
                || !n.canConvertToLong()) {
            throw new Unsupported(keyword + " " + n);
        }
        return n;
    }

    private static void bound(JsonNode schema, String keyword, boolean lower, boolean exclusive, Checks checks,
            FastErrors.Loc loc) {
        JsonNode n = schema.get(keyword);
        if (n == null) {
            return;
        }
        if (!n.isNumber()) {
            throw new Unsupported(keyword + " " + n);
        }
        checks.add(new Fast.Bound(keyword, n, lower, exclusive, loc), keyword);
    }

    private static Fast.Node values(List<JsonNode> values, String keyword, JsonNode schemaValue, FastErrors.Loc loc) {
        Set<String> strings = new LinkedHashSet<>();
        for (JsonNode v : values) {
            if (!v.isString()) {
                return new Fast.Values(values.toArray(new JsonNode[0]), keyword, schemaValue, loc);
            }
            strings.add(v.stringValue());
        }
        return new Fast.Strings(strings, keyword, schemaValue, loc);
    }

    private Fast.Node[] list(JsonNode array, String document, FastErrors.Loc loc) {
        if (!array.isArray() || array.isEmpty()) {
            throw new Unsupported("not a non-empty array: " + array);
        }
        Fast.Node[] out = new Fast.Node[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = compile(array.get(i), document, false, loc.child(i));
        }
        return out;
    }

    private Fast.Node allOf(JsonNode schema, JsonNode allOf, String document, FastErrors.Loc loc) {
        if (!allOf.isArray() || allOf.isEmpty()) {
            throw new Unsupported("allOf " + allOf);
        }
        String property = DiscriminatedAllOf.discriminator(allOf);
        if (property == null) {
            return new Fast.AllOf(list(allOf, document, loc));
        }
        Map<JsonNode, Fast.Node> branches = new HashMap<>();
        List<String> known = new ArrayList<>();
        Fast.Node[] all = new Fast.Node[allOf.size()];
        for (int i = 0; i < all.length; i++) {
            JsonNode branch = allOf.get(i);
            all[i] = compile(branch.get("then"), document, false, loc.child(i).child("then"));
            JsonNode value = DiscriminatedAllOf.tagValue(branch, property);
            branches.put(value, all[i]);
            known.add(value.asString());
        }
        return new Fast.Discriminated(property, branches, all, DiscriminatedAllOf.isOpen(schema, property), known);
    }
}

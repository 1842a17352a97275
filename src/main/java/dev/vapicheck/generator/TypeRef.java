package dev.vapicheck.generator;

/** A property type as the model docs spell it, e.g. {@code Option<Vec<models::X>>}. */
sealed interface TypeRef {

    /** {@code String}, {@code f64}, {@code i32}, {@code bool}, {@code serde_json::Value}, {@code std::path::PathBuf}. */
    record Primitive(String name) implements TypeRef {}

    /** {@code models::Name}. */
    record ModelRef(String name) implements TypeRef {}

    /** {@code Vec<T>}. */
    record ArrayOf(TypeRef items) implements TypeRef {}

    /** {@code std::collections::HashMap<String, T>}. */
    record MapOf(TypeRef values) implements TypeRef {}

    /** {@code Option<T>}. */
    record Optional(TypeRef inner) implements TypeRef {}

    /** The type without its {@code Option<>} wrapper. */
    default TypeRef unwrapOption() {
        return this instanceof Optional o ? o.inner().unwrapOption() : this;
    }

    /** The models this type names, in order. */
    default java.util.List<String> modelNames() {
        if (this instanceof ModelRef m) {
            return java.util.List.of(m.name());
        } else if (this instanceof ArrayOf a) {
            return a.items().modelNames();
        } else if (this instanceof MapOf m) {
            return m.values().modelNames();
        } else if (this instanceof Optional o) {
            return o.inner().modelNames();
        }
        return java.util.List.of();
    }

    /** Parses a type cell with the markdown decoration already removed; {@code null} when it has no known form. */
    static @org.jspecify.annotations.Nullable TypeRef parse(String text) {
        String t = text.trim();
        if (t.startsWith("Option<") && t.endsWith(">")) {
            TypeRef inner = parse(t.substring("Option<".length(), t.length() - 1));
            return inner == null ? null : new Optional(inner);
        }
        if (t.startsWith("Vec<") && t.endsWith(">")) {
            TypeRef inner = parse(t.substring("Vec<".length(), t.length() - 1));
            return inner == null ? null : new ArrayOf(inner);
        }
        String map = "std::collections::HashMap<String,";
        if (t.startsWith(map) && t.endsWith(">")) {
            TypeRef inner = parse(t.substring(map.length(), t.length() - 1));
            return inner == null ? null : new MapOf(inner);
        }
        if (t.startsWith("models::")) {
            String name = t.substring("models::".length());
            return name.matches("[A-Za-z0-9]+") ? new ModelRef(name) : null;
        }
        return switch (t) {
            case "String", "f64", "f32", "i32", "i64", "bool", "serde_json::Value", "std::path::PathBuf" -> new Primitive(t);
            default -> null;
        };
    }
}

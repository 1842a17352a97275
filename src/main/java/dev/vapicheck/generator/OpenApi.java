package dev.vapicheck.generator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The {@code components.schemas} of the OpenAPI document, looked up by model name. */
final class OpenApi {

    private static final String COMPONENTS = "#/components/schemas/";
    private final JsonNode schemas;
    private final Map<String, String> byNormalName = new HashMap<>();

    OpenApi(JsonNode schemas) {
        this.schemas = schemas;
        for (String name : schemas.propertyNames()) {
            byNormalName.put(normal(name), name);
        }
    }

    static OpenApi read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode root = YAMLMapper.builder().build().readTree(in);
            return new OpenApi(root.path("components").path("schemas"));
        }
    }

    /** Case and underscores folded: {@code CreateAssistantDTO}, {@code CreateAssistantDto} and {@code create_assistant_dto} agree. */
    static String normal(String name) {
        return name.replace("_", "").replace("r#", "").toLowerCase(Locale.ROOT);
    }

    /** The component schema whose name matches a doc model name, or {@code null}. */
    @Nullable JsonNode component(String docName) {
        String name = componentName(docName);
        return name == null ? null : schemas.get(name);
    }

    @Nullable String componentName(String docName) {
        return byNormalName.get(normal(docName));
    }

    /** The component named by a {@code $ref: '#/components/schemas/X'}, as its name. */
    static @Nullable String refName(JsonNode node) {
        String ref = node.path("$ref").asString(null);
        return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }

    /**
     * What a property's schema stands for once decoration is removed: {@code allOf: [one]} is that one.
     */
    static JsonNode unwrap(JsonNode node) {
        return unwrapAllOf(node);
    }

    /**
     * What a property's schema stands for, with decoration removed and references into {@code components}
     * followed: a document whose {@code $ref}s are left unresolved gives the same facts as a resolved one.
     */
    JsonNode resolve(JsonNode node) {
        JsonNode n = unwrapAllOf(node);
        for (int hops = 0; hops < 32; hops++) {
            String target = refName(n);
            JsonNode component = target == null || !n.path("$ref").asString("").startsWith(COMPONENTS)
                    ? null : schemas.get(target);
            if (component == null) {
                return n;
            }
            n = unwrapAllOf(component);
        }
        return n;
    }

    private static JsonNode unwrapAllOf(JsonNode node) {
        JsonNode n = node;
        while (n.has("allOf") && n.get("allOf").size() == 1 && !n.has("properties")) {
            n = n.get("allOf").get(0);
        }
        return n;
    }
}

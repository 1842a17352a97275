package dev.vapicheck.generator;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reviewed allow-list: every disagreement between docs and OpenAPI document, and every repair of
 * an OpenAPI constraint, with the reason a person gave for it. Generation fails on anything not listed,
 * and on entries that no longer match anything (so the list cannot rot).
 *
 * @param disagreements disagreement key to the reason it is settled as the generator settles it
 * @param repairs {@code Model.property/keyword-path} to the repair
 */
record Reviewed(Map<String, String> disagreements, Map<String, Repair> repairs) {

    static final String RESOURCE = "/dev/vapicheck/generator/reviewed.json";

    /**
     * A repair of one constraint.
     *
     * @param replacement the value to write instead, or {@code null} to drop the keyword
     */
    record Repair(@Nullable JsonNode replacement, String reason) {}

    static Reviewed load() throws IOException {
        try (InputStream in = Reviewed.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE);
            }
            return parse(JsonMapper.builder().build().readTree(in));
        }
    }

    static Reviewed parse(JsonNode root) {
        Map<String, String> disagreements = new LinkedHashMap<>();
        for (JsonNode d : root.path("disagreements")) {
            disagreements.put(d.path("key").asString(), d.path("reason").asString());
        }
        Map<String, Repair> repairs = new LinkedHashMap<>();
        for (JsonNode r : root.path("repairs")) {
            JsonNode replacement = r.has("replacement") ? r.get("replacement") : null;
            repairs.put(r.path("at").asString(), new Repair(replacement, r.path("reason").asString()));
        }
        return new Reviewed(Map.copyOf(disagreements), Map.copyOf(repairs));
    }

    static Reviewed empty() {
        return new Reviewed(Map.of(), Map.of());
    }
}

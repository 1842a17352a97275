package dev.vapicheck.generator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reviewed list: every disagreement between docs and OpenAPI document, every repair of an OpenAPI
 * constraint, every addition the snapshot lacks and every create DTO that may arrive as its stored entity,
 * each with the reason a person gave for it (and, for what real traffic taught, the evidence). Generation
 * fails on anything not listed, and on entries that no longer match anything (so the list cannot rot).
 *
 * @param disagreements disagreement key to the reason it is settled as the generator settles it
 * @param repairs {@code Model.property/keyword-path} to the repair
 * @param additions model name to what is added to it
 * @param entities create DTO name to the decision about its entity
 */
record Reviewed(Map<String, String> disagreements, Map<String, Repair> repairs, Map<String, Addition> additions,
        Map<String, Entity> entities) {

    static final String RESOURCE = "/dev/vapicheck/generator/reviewed.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A repair of one constraint.
     *
     * @param replacement the value to write instead, or {@code null} to drop the keyword (for
     *     {@code Model.property/required}: the property becomes optional)
     */
    record Repair(@Nullable JsonNode replacement, String reason, String evidence) {}

    /**
     * What a model gets that the snapshot does not give it.
     *
     * @param properties optional properties to add, wire name to schema (written as is in both profiles)
     * @param schema keywords to add at the model's top level
     * @param nonNull optional properties that do not take {@code null} (a reply's answer)
     */
    record Addition(ObjectNode properties, ObjectNode schema, List<String> nonNull, String reason, String evidence) {}

    /**
     * A create DTO that an OpenAPI entity model extends.
     *
     * @param entity the entity's name
     * @param merge whether the DTO takes the entity's extra properties, as optional
     */
    record Entity(String entity, boolean merge, String reason, String evidence) {}

    /** The list built into the generator. */
    static Reviewed load() throws IOException {
        try (InputStream in = Reviewed.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE);
            }
            return parse(JSON.readTree(in), RESOURCE);
        }
    }

    /** A list from a file, such as a draft written by {@code --propose} once its reasons are filled in. */
    static Reviewed read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return parse(root, file.toString());
    }

    /**
     * Reads a list.
     *
     * @throws IllegalArgumentException naming the entry, when an entry has no reason or a section is malformed
     */
    static Reviewed parse(JsonNode root, String source) {
        List<String> problems = new ArrayList<>();
        Map<String, String> disagreements = new LinkedHashMap<>();
        for (JsonNode d : root.path("disagreements")) {
            String key = d.path("key").asString("");
            disagreements.put(key, reason(d, "disagreement \"" + key + "\"", problems));
        }
        Map<String, Repair> repairs = new LinkedHashMap<>();
        for (JsonNode r : root.path("repairs")) {
            String at = r.path("at").asString("");
            JsonNode replacement = r.has("replacement") ? r.get("replacement") : null;
            repairs.put(at, new Repair(replacement, reason(r, "repair \"" + at + "\"", problems),
                    r.path("evidence").asString("")));
        }
        Map<String, Addition> additions = new LinkedHashMap<>();
        for (JsonNode a : root.path("additions")) {
            String model = a.path("model").asString("");
            JsonNode props = a.path("properties");
            JsonNode schema = a.path("schema");
            List<String> nonNull = new ArrayList<>();
            a.path("nonNull").forEach(n -> nonNull.add(n.asString()));
            additions.put(model, new Addition(props.isObject() ? (ObjectNode) props : JSON.createObjectNode(),
                    schema.isObject() ? (ObjectNode) schema : JSON.createObjectNode(), List.copyOf(nonNull),
                    reason(a, "addition to " + model, problems), a.path("evidence").asString("")));
        }
        Map<String, Entity> entities = new LinkedHashMap<>();
        for (JsonNode e : root.path("entities")) {
            String dto = e.path("dto").asString("");
            entities.put(dto, new Entity(e.path("entity").asString(""), e.path("merge").asBoolean(false),
                    reason(e, "entity of " + dto, problems), e.path("evidence").asString("")));
        }
        if (root.has("stale") && !root.path("stale").isEmpty()) {
            problems.add("the \"stale\" section lists " + root.path("stale").size()
                    + " entries that no longer match anything; delete them (and the section)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return new Reviewed(Map.copyOf(disagreements), Map.copyOf(repairs), Map.copyOf(additions),
                Map.copyOf(entities));
    }

    private static String reason(JsonNode entry, String what, List<String> problems) {
        String reason = entry.path("reason").asString("").strip();
        if (reason.isEmpty()) {
            problems.add(what + " has an empty reason: say why it is settled this way, or remove the entry");
        }
        return reason;
    }

    static Reviewed empty() {
        return new Reviewed(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** The DTOs whose entities' properties are merged, to their entity. */
    Map<String, String> merges() {
        Map<String, String> out = new LinkedHashMap<>();
        entities.forEach((dto, e) -> {
            if (e.merge()) {
                out.put(dto, e.entity());
            }
        });
        return out;
    }
}

package dev.vapicheck.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Phase 4, review: the {@link Reviewed} list as the later phases use it. It records which entries were used
 * and which repairs were found missing, then says what is unreviewed or stale, and can write all of it as a
 * draft list for a person to complete ({@code --propose}).
 */
final class Review {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Reviewed reviewed;
    private final Set<String> repairsUsed = new TreeSet<>();
    private final Set<String> additionsUsed = new TreeSet<>();
    /** Repairs found missing, key to the problem. */
    private final SortedMap<String, String> repairsNeeded = new TreeMap<>();

    Review(Reviewed reviewed) {
        this.reviewed = reviewed;
    }

    Reviewed reviewed() {
        return reviewed;
    }

    /** The repair at a key, marking it used, or {@code null}. */
    Reviewed.@Nullable Repair repair(String key) {
        Reviewed.Repair r = reviewed.repairs().get(key);
        if (r != null) {
            repairsUsed.add(key);
        }
        return r;
    }

    /** Records that a constraint needs a repair no entry gives. */
    void needRepair(String key, String problem) {
        repairsNeeded.putIfAbsent(key, problem);
    }

    /** What is added to a model, marking it used, or {@code null}. */
    Reviewed.@Nullable Addition addition(String model) {
        Reviewed.Addition a = reviewed.additions().get(model);
        if (a != null) {
            additionsUsed.add(model);
        }
        return a;
    }

    Set<String> repairsUsed() {
        return repairsUsed;
    }

    Set<String> additionsUsed() {
        return additionsUsed;
    }

    /**
     * Everything unreviewed or stale, as failures.
     *
     * @param disagreements what the comparison found
     * @param entities the create DTOs in the closure that an entity extends, to the entity
     */
    List<String> failures(SortedSet<String> disagreements, SortedMap<String, String> entities) {
        List<String> out = new ArrayList<>();
        repairsNeeded.forEach((key, problem) -> out.add(problem));
        for (String d : disagreements) {
            if (!reviewed.disagreements().containsKey(d)) {
                out.add("unreviewed disagreement: " + d);
            }
        }
        entities.forEach((dto, entity) -> {
            Reviewed.Entity e = reviewed.entities().get(dto);
            if (e == null || !e.entity().equals(entity)) {
                out.add("unreviewed entity: " + dto + " may arrive as the stored " + entity
                        + " (say whether its extra properties are merged)");
            }
        });
        for (String d : new TreeSet<>(reviewed.disagreements().keySet())) {
            if (!disagreements.contains(d)) {
                out.add("stale reviewed disagreement (no longer found): " + d);
            }
        }
        for (String r : new TreeSet<>(reviewed.repairs().keySet())) {
            if (!repairsUsed.contains(r)) {
                out.add("stale repair (no constraint there): " + r);
            }
        }
        for (String a : new TreeSet<>(reviewed.additions().keySet())) {
            if (!additionsUsed.contains(a)) {
                out.add("stale addition (no such model in the closure): " + a);
            }
        }
        for (String dto : new TreeSet<>(reviewed.entities().keySet())) {
            if (!entities.containsKey(dto)) {
                out.add("stale entity (no such create DTO with an entity in the closure): " + dto);
            }
        }
        return out;
    }

    /**
     * A draft reviewed list: every entry that still matches, with its reason; every unreviewed finding with an
     * empty reason; every stale entry under {@code stale}, to be deleted. Generation refuses the draft until
     * each reason is written and {@code stale} is gone.
     */
    ObjectNode propose(SortedSet<String> disagreements, SortedMap<String, String> entities) {
        ObjectNode out = F.objectNode();
        out.put("$comment", "Reviewed list of the schema generator; see the README, 'Upgrading to a newer Vapi API'.");
        ArrayNode stale = F.arrayNode();
        ArrayNode ds = out.putArray("disagreements");
        for (String d : disagreements) {
            ds.add(F.objectNode().put("key", d).put("reason", reviewed.disagreements().getOrDefault(d, "")));
        }
        new TreeSet<>(reviewed.disagreements().keySet()).stream().filter(d -> !disagreements.contains(d))
                .forEach(d -> stale.add(F.objectNode().put("key", d).put("reason", reviewed.disagreements().get(d))));
        ArrayNode rs = out.putArray("repairs");
        SortedMap<String, Reviewed.Repair> repairs = new TreeMap<>(reviewed.repairs());
        repairsNeeded.keySet().forEach(k -> repairs.putIfAbsent(k, null));
        repairs.forEach((at, r) -> {
            ObjectNode entry = F.objectNode().put("at", at);
            if (r != null && r.replacement() != null) {
                entry.set("replacement", r.replacement());
            }
            entry.put("reason", r == null ? "" : r.reason());
            if (r != null && !r.evidence().isEmpty()) {
                entry.put("evidence", r.evidence());
            }
            (r == null || repairsUsed.contains(at) ? rs : stale).add(entry);
        });
        ArrayNode as = out.putArray("additions");
        new TreeMap<>(reviewed.additions()).forEach((model, a) -> {
            ObjectNode entry = F.objectNode().put("model", model);
            if (!a.properties().isEmpty()) {
                entry.set("properties", a.properties());
            }
            if (!a.schema().isEmpty()) {
                entry.set("schema", a.schema());
            }
            if (!a.nonNull().isEmpty()) {
                ArrayNode nonNull = entry.putArray("nonNull");
                a.nonNull().forEach(nonNull::add);
            }
            entry.put("reason", a.reason()).put("evidence", a.evidence());
            (additionsUsed.contains(model) ? as : stale).add(entry);
        });
        ArrayNode es = out.putArray("entities");
        for (Map.Entry<String, String> e : entities.entrySet()) {
            Reviewed.Entity known = reviewed.entities().get(e.getKey());
            boolean same = known != null && known.entity().equals(e.getValue());
            ObjectNode entry = F.objectNode().put("dto", e.getKey()).put("entity", e.getValue())
                    .put("merge", !same || known.merge()).put("reason", same ? known.reason() : "");
            if (same && !known.evidence().isEmpty()) {
                entry.put("evidence", known.evidence());
            }
            es.add(entry);
        }
        new TreeSet<>(reviewed.entities().keySet()).stream().filter(d -> !entities.containsKey(d))
                .forEach(d -> stale.add(F.objectNode().put("dto", d).put("entity", reviewed.entities().get(d).entity())));
        out.set("stale", stale);
        return out;
    }
}

package dev.vapicheck.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the model docs, completed by the OpenAPI document, into one draft 2020-12 schema per model and profile,
 * plus self-contained bundles and an index.
 *
 * <p>The work runs in phases, each a class with its inputs and outputs explicit: {@link Catalog} (the closure
 * and the facts of each model), {@link Comparison} (docs against the OpenAPI document), {@link Discriminators}
 * (how each union tells its branches apart), {@link Review} (the reviewed list: repairs, additions, entities),
 * {@link ProfileWriter} (one profile's schemas) and {@link Bundler} (bundles and index). Policy: the docs say
 * which models and properties exist, their types and optionality; the OpenAPI document supplies wire names, enum
 * and const values, nullability and value constraints. Every place where the two disagree is reported; generation
 * fails unless the {@link Reviewed} list settles it.
 */
final class SchemaGenerator {

    static final List<String> ROOTS = List.of("ServerMessage", "ServerMessageResponse");
    static final String MESSAGE_UNION = "ServerMessageMessage";
    static final String REPLY_UNION = "ServerMessageResponseMessageResponse";
    private static final Pattern CREATE_DTO = Pattern.compile("(?:Create|Import)(.+)Dto");

    /**
     * What one run found and wrote.
     *
     * @param proposal the reviewed list this run would need: entries still used, unreviewed findings with empty
     *     reasons, stale entries under {@code stale}
     */
    record Result(SortedMap<String, String> files, List<String> report, List<String> failures, ObjectNode proposal) {}

    private final Map<String, DocModel> docs;
    private final OpenApi api;
    private final Reviewed reviewed;

    SchemaGenerator(Map<String, DocModel> docs, OpenApi api, Reviewed reviewed) {
        this.docs = docs;
        this.api = api;
        this.reviewed = reviewed;
    }

    Result generate() {
        Catalog catalog = Catalog.build(docs, api, ROOTS, reviewed.merges());
        SortedSet<String> disagreements = Comparison.disagreements(catalog);
        Discriminators discriminators = Discriminators.find(catalog);
        Review review = new Review(reviewed);
        List<String> failures = new ArrayList<>(catalog.failures());

        Map<String, String> messageKinds = new LinkedHashMap<>();
        Discriminators.Discriminator d = discriminators.of(MESSAGE_UNION);
        if (d == null) {
            failures.add(MESSAGE_UNION + " has no discriminator");
        } else {
            d.branchesByValue().forEach((kind, models) -> messageKinds.put(kind, models.get(0)));
        }
        List<String> replyVariants = catalog.unionModelVariants(REPLY_UNION);
        Set<String> replyModels = new TreeSet<>(replyVariants == null ? List.of() : replyVariants);
        Set<String> closed = closedInBothProfiles(catalog, replyModels);

        SortedMap<String, String> files = new TreeMap<>();
        for (boolean strict : new boolean[] {false, true}) {
            ProfileWriter writer = new ProfileWriter(catalog, discriminators, review, closed, strict);
            Map<String, ObjectNode> schemas = new TreeMap<>();
            for (String model : catalog.models()) {
                if (catalog.doc(model) != null) {
                    schemas.put(model, writer.modelSchema(model));
                }
            }
            String profile = writer.folder();
            schemas.forEach((model, schema) -> files.put(profile + "/" + model + ".json", Json.write(schema)));
            files.put("bundle/server-message." + profile + ".json",
                    Json.write(Bundler.bundle("server-message." + profile, "ServerMessage", schemas)));
            files.put("bundle/server-message-response." + profile + ".json",
                    Json.write(Bundler.bundle("server-message-response." + profile, "ServerMessageResponse", schemas)));
        }
        files.put("index.json", Json.write(Bundler.index(messageKinds, replyModels, failures)));
        SortedMap<String, String> entities = entityCandidates(catalog);
        failures.addAll(review.failures(disagreements, entities));
        return new Result(files, report(catalog, discriminators, disagreements, review, entities),
                List.copyOf(failures), review.propose(disagreements, entities));
    }

    /**
     * The models closed in both profiles: each reply model and the object models of its arrays (a tool-calls
     * reply's {@code results[]}). Deeper objects (an assistant given in a reply) follow the profile.
     */
    private static Set<String> closedInBothProfiles(Catalog catalog, Set<String> replyModels) {
        Set<String> out = new TreeSet<>();
        for (String reply : replyModels) {
            out.add(reply);
            DocModel m = catalog.doc(reply);
            for (DocModel.Property p : m.properties()) {
                if (p.type().unwrapOption() instanceof TypeRef.ArrayOf a && a.items() instanceof TypeRef.ModelRef r
                        && catalog.isObject(r.name())) {
                    out.add(r.name());
                }
            }
        }
        return out;
    }

    /**
     * The create DTOs of the closure that an OpenAPI entity model extends ({@code CreateTwilioPhoneNumberDto} and
     * {@code TwilioPhoneNumber}, which adds {@code id}, {@code orgId}, ...), to that entity: where Vapi sends a
     * stored object, it sends the entity, so each must be reviewed.
     */
    private SortedMap<String, String> entityCandidates(Catalog catalog) {
        SortedMap<String, String> out = new TreeMap<>();
        for (String model : catalog.models()) {
            Matcher m = CREATE_DTO.matcher(model);
            if (!m.matches() || !catalog.isObject(model)) {
                continue;
            }
            String entity = api.componentName(m.group(1));
            JsonNode node = entity == null ? null : api.component(entity);
            String doc = entity == null ? null : catalog.docName(entity);
            if (node != null && doc != null && node.path("properties").has("id") && node.path("properties").has("orgId")) {
                out.put(model, doc);
            }
        }
        return out;
    }

    private static List<String> report(Catalog catalog, Discriminators discriminators, Set<String> disagreements,
            Review review, Map<String, String> entities) {
        Reviewed reviewed = review.reviewed();
        List<String> r = new ArrayList<>();
        long objects = catalog.models().stream().filter(catalog::isObject).count();
        long properties = catalog.models().stream().filter(n -> catalog.doc(n) != null)
                .mapToLong(n -> catalog.doc(n).properties().size()).sum();
        r.add("models: " + catalog.models().size() + " (" + objects + " objects, " + (catalog.models().size() - objects)
                + " unions), properties: " + properties);
        r.add("discriminated unions: " + discriminators.all().size());
        discriminators.all().forEach((u, d) -> r.add("  " + u + " by " + d.property() + " (" + d.branchesByValue().size()
                + " values)"));
        catalog.models().stream().filter(n -> catalog.isUnion(n) && discriminators.of(n) == null)
                .forEach(u -> r.add("  " + u + ": anyOf, no discriminator (" + catalog.unionBranches(u).size()
                        + " branches)"));
        r.add("disagreements: " + disagreements.size());
        disagreements.forEach(d -> r.add("  " + d + (reviewed.disagreements().containsKey(d)
                ? "  -- " + reviewed.disagreements().get(d) : "  -- UNREVIEWED")));
        r.add("repairs: " + review.repairsUsed().size());
        review.repairsUsed().forEach(k -> r.add("  " + k + "  -- " + reviewed.repairs().get(k).reason()));
        r.add("additions: " + review.additionsUsed().size());
        review.additionsUsed().forEach(k -> r.add("  " + k + "  -- " + reviewed.additions().get(k).reason()));
        Map<String, String> merges = reviewed.merges();
        r.add("entities: " + entities.size() + " create DTOs with a stored entity, "
                + entities.keySet().stream().filter(merges::containsKey).count() + " merged");
        entities.forEach((dto, e) -> {
            Reviewed.Entity known = reviewed.entities().get(dto);
            r.add("  " + dto + " -> " + e + (known == null ? "  -- UNREVIEWED" : (known.merge() ? "  merged" : "  kept")
                    + "  -- " + known.reason()));
        });
        return r;
    }
}

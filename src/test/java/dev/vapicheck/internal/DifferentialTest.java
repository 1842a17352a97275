package dev.vapicheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.OutputFormat;
import com.networknt.schema.ValidationLimitExceededException;
import dev.vapicheck.Limits;
import dev.vapicheck.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The compiled path and networknt must give the same verdict and, for an invalid body, the same errors (the compiled
 * error pass, and networknt's pass that skips what the compiled path passes, both against networknt's own unpruned
 * pass): on every fixture of the corpus and on seeded mutations of them, in both profiles, for messages and replies,
 * over whatever schema set is embedded.
 *
 * <p>Each run checks {@value #DEFAULT_MUTANTS} mutants per fixture (several thousand inputs) with seed
 * {@value #DEFAULT_SEED}. For a longer hunt: {@code mvn -B -o test -Dtest=DifferentialTest -Dvapi.diff.mutants=500
 * -Dvapi.diff.seed=$RANDOM}. A disagreement prints the seed, the fixture, the mutations and the body: make it a
 * fixture.
 */
class DifferentialTest {
    static final int DEFAULT_MUTANTS = 12;
    static final long DEFAULT_SEED = 11;
    private static final Path TESTDATA = Path.of(System.getProperty("project.basedir", ".")).resolve("testdata");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final SchemaSet.Budget BUDGET = SchemaSet.Budget.of(Limits.defaults().maxValidationSteps(),
            Limits.defaults().maxValidationDepth());

    private static SchemaSet set;
    private static List<Input> corpus;
    /** String values seen under each member name in the corpus (tags, enums), for realistic swaps. */
    private static Map<String, List<String>> stringsByName;
    private static List<JsonNode> allNodes;

    /** A fixture: the body's relative name, whether it is a reply, the folder kind, and the parsed body. */
    record Input(String name, boolean reply, String kind, JsonNode body) {
    }

    @BeforeAll
    static void load() throws IOException {
        set = SchemaSet.load(SchemaSource.classpath(DifferentialTest.class.getClassLoader(), "dev/vapicheck/schemas/"),
                false);
        corpus = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TESTDATA)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.comparing(Path::toString))::iterator) {
                String name = TESTDATA.relativize(p).toString().replace('\\', '/');
                if (!name.endsWith(".json") || name.endsWith(".expected.json")) {
                    continue;
                }
                String[] parts = name.split("/");
                boolean reply = parts.length > 3 && parts[1].equals("reply");
                corpus.add(new Input(name, reply, reply ? parts[2] : parts[1], JSON.readTree(Files.readAllBytes(p))));
            }
        }
        stringsByName = new HashMap<>();
        allNodes = new ArrayList<>();
        for (Input in : corpus) {
            collect(in.body(), null);
        }
    }

    private static void collect(JsonNode n, @Nullable String name) {
        allNodes.add(n);
        if (n.isString() && name != null) {
            stringsByName.computeIfAbsent(name, k -> new ArrayList<>()).add(n.stringValue());
        }
        if (n.isObject()) {
            n.properties().forEach(e -> collect(e.getValue(), e.getKey()));
        } else if (n.isArray()) {
            n.forEach(v -> collect(v, name));
        }
    }

    @Test
    void everyModelOfTheEmbeddedSetCompiles() {
        for (Profile profile : Profile.values()) {
            for (String kind : set.messageKinds().keySet()) {
                assertThat(set.message(profile, kind).fast()).as("%s %s", profile, kind).isNotNull();
            }
            for (String kind : set.replyKinds().keySet()) {
                assertThat(set.reply(profile, kind).fast()).as("reply %s %s", profile, kind).isNotNull();
            }
            assertThat(set.compileReachable(profile)).as("%s schemas left to networknt", profile).isEmpty();
        }
    }

    @Test
    void theCorpusGetsTheSameVerdicts() {
        Tally tally = new Tally();
        for (Input in : corpus) {
            for (Profile profile : Profile.values()) {
                compare(in, in.body(), profile, "as is", tally);
            }
        }
        tally.assertAgreement(corpus.size());
    }

    @Test
    void mutatedBodiesGetTheSameVerdicts() {
        long seed = Long.getLong("vapi.diff.seed", DEFAULT_SEED);
        int perFixture = Integer.getInteger("vapi.diff.mutants", DEFAULT_MUTANTS);
        Random random = new Random(seed);
        Tally tally = new Tally();
        tally.seed = seed;
        for (Input in : corpus) {
            for (int i = 0; i < perFixture; i++) {
                JsonNode body = in.body().deepCopy();
                StringBuilder how = new StringBuilder();
                int count = 1 + random.nextInt(3);
                for (int m = 0; m < count; m++) {
                    body = mutate(body, random, how);
                }
                for (Profile profile : Profile.values()) {
                    compare(in, body, profile, how.toString(), tally);
                }
            }
        }
        tally.assertAgreement(corpus.size() * perFixture);
        // The mutations must reach both verdicts, or the comparison proves little.
        assertThat(tally.invalid).as("mutants that fail").isGreaterThan(tally.checked / 5);
        assertThat(tally.checked - tally.invalid).as("mutants that pass").isGreaterThan(tally.checked / 20);
    }

    /** Counts and disagreements. */
    private static final class Tally {
        long seed = -1;
        int checked;
        int invalid;
        int undecided;
        int noted;
        long errorsCompared;
        long skipped;
        long compiledBailed;
        long warningsCompared;
        final List<String> disagreements = new ArrayList<>();

        void assertAgreement(int minimumChecked) {
            System.out.printf(Locale.ROOT, "differential: %d checked, %d invalid, %d left to networknt, %d unknown"
                    + " variants noted; invalid: %d errors and %d warnings compared, %d evaluations skipped, %d"
                    + " compiled error passes left to networknt%n", checked, invalid, undecided, noted, errorsCompared,
                    warningsCompared, skipped, compiledBailed);
            assertThat(disagreements).as("seed %d", seed).isEmpty();
            assertThat(checked).isGreaterThanOrEqualTo(minimumChecked);
            assertThat(errorsCompared).as("errors compared").isGreaterThanOrEqualTo(invalid);
            // Pruning must really happen, or the comparison proves nothing.
            assertThat(skipped).as("evaluations networknt skipped").isGreaterThan(invalid);
            assertThat(undecided).as("inputs the fast path left to networknt").isLessThan(Math.max(1, checked / 100));
            assertThat(compiledBailed).as("error passes the compiled path left to networknt")
                    .isLessThan(Math.max(1, invalid / 100));
        }
    }

    private static void compare(Input in, JsonNode body, Profile profile, String how, Tally tally) {
        JsonNode node = body;
        SchemaSet.Model model;
        if (in.reply()) {
            if (node.isObject() && node.has("messageResponse")) {
                node = node.get("messageResponse");
            }
            model = set.reply(profile, in.kind());
        } else {
            if (node.isObject() && !node.has("type") && node.has("message")) {
                node = node.get("message");
            }
            JsonNode type = node.isObject() ? node.get("type") : null;
            model = type != null && type.isString() ? set.message(profile, type.stringValue()) : null;
        }
        if (model == null || !node.isObject()) {
            return; // Dispatch answers these itself, before any schema
        }
        Boolean expected;
        NotingContext notes = new NotingContext(BUDGET.full());
        try {
            expected = model.schema().validate(notes, node, OutputFormat.BOOLEAN);
        } catch (ValidationLimitExceededException e) {
            return;
        }
        FastPath.Result got = FastPath.check(model.fast(), node, BUDGET);
        tally.checked++;
        if (!Boolean.TRUE.equals(expected)) {
            tally.invalid++;
        }
        if (got.verdict() == FastPath.Verdict.UNDECIDED) {
            tally.undecided++;
            return;
        }
        String problem = null;
        if ((got.verdict() == FastPath.Verdict.VALID) != Boolean.TRUE.equals(expected)) {
            problem = "networknt " + expected + ", fast " + got.verdict();
        } else if (Boolean.TRUE.equals(expected)) {
            // The unknown variants let through (lenient drift) must be the same tags.
            Set<String> theirs = new TreeSet<>();
            notes.notes().forEach(n -> theirs.add(Located.pointer(ErrorTranslator.segments(n.tagLocation()))
                    .toString()));
            Set<String> ours = new TreeSet<>();
            got.warnings(node).forEach(w -> ours.add(w.error().instanceLocation().toString()));
            tally.noted += ours.size();
            if (!theirs.equals(ours)) {
                problem = "unknown variants: networknt " + theirs + ", fast " + ours;
            }
        }
        if (problem == null && got.verdict() == FastPath.Verdict.INVALID) {
            problem = sameErrors(model, node, tally);
        }
        if (problem != null) {
            String text = body.toString();
            tally.disagreements.add(String.format(Locale.ROOT, "%s %s (%s): %s; body %s", profile, in.name(), how,
                    problem, text.length() > 4000 ? text.substring(0, 4000) : text));
        }
    }

    /**
     * The errors reported for an invalid node, by the compiled error pass and by networknt skipping what the compiled
     * path proves valid, must be exactly networknt's own, unpruned: code, keyword, pointers, schema location,
     * message, arguments and order, with every error collected and fail-fast; the unknown-variant warnings the same
     * once ordered as results order them.
     */
    private static @Nullable String sameErrors(SchemaSet.Model model, JsonNode node, Tally tally) {
        for (boolean failFast : new boolean[] {false, true}) {
            NotingContext ctx = set.context(model, BUDGET, failFast, true);
            SchemaSet.Outcome pruned = set.collect(model, node, failFast, 200, ctx);
            tally.skipped += ctx.skips();
            SchemaSet.Outcome reference = set.collect(model, node, failFast, 200,
                    set.context(model, BUDGET, failFast, false));
            tally.errorsCompared += reference.errors().size();
            tally.warningsCompared += reference.warnings().size();
            if (reference.errors().isEmpty()) {
                return "networknt reports no error for an invalid node";
            }
            // As validation runs it: after the check that found the node invalid, whose run knows where.
            SchemaSet.Outcome compiled = FastErrors.collect(model.fast(), node, List.of(), failFast, 200,
                    FastPath.check(model.fast(), node, BUDGET).run());
            if (compiled == null) {
                tally.compiledBailed++;
            } else {
                String problem = same("compiled", compiled, reference, node, failFast);
                if (problem != null) {
                    return problem;
                }
            }
            String problem = same("pruned", pruned, reference, node, failFast);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Whether an outcome is networknt's own, unpruned: errors in order, truncation, warnings once ordered. */
    private static @Nullable String same(String what, SchemaSet.Outcome got, SchemaSet.Outcome reference,
            JsonNode node, boolean failFast) {
        if (!errors(got.errors()).equals(errors(reference.errors()))) {
            return (failFast ? "fail-fast " : "") + "errors differ: " + what + " " + errors(got.errors())
                    + ", networknt " + errors(reference.errors());
        }
        if (got.truncated() != reference.truncated()) {
            return what + ": truncation differs";
        }
        List<dev.vapicheck.ValidationError> ours = errors(DocumentOrder.sort(got.warnings(), node));
        List<dev.vapicheck.ValidationError> theirs = errors(DocumentOrder.sort(reference.warnings(), node));
        if (!ours.equals(theirs)) {
            return (failFast ? "fail-fast " : "") + "warnings differ: " + what + " " + ours + ", networknt "
                    + theirs;
        }
        return null;
    }

    private static List<dev.vapicheck.ValidationError> errors(List<Located> located) {
        List<dev.vapicheck.ValidationError> out = new ArrayList<>(located.size());
        located.forEach(l -> out.add(l.error()));
        return out;
    }

    /** One random edit somewhere in the tree; returns the new root (the root itself may be replaced). */
    private static JsonNode mutate(JsonNode root, Random random, StringBuilder how) {
        List<JsonNode> containers = new ArrayList<>();
        gather(root, containers);
        if (containers.isEmpty()) {
            return root;
        }
        JsonNode parent = containers.get(random.nextInt(containers.size()));
        if (parent.isObject()) {
            ObjectNode object = (ObjectNode) parent;
            List<String> names = new ArrayList<>(object.propertyNames());
            int op = random.nextInt(10);
            if (names.isEmpty() || op == 0) {
                object.put("zzUnknown" + random.nextInt(3), random.nextInt(5));
                how.append("add member; ");
                return root;
            }
            String name = names.get(random.nextInt(names.size()));
            if (op == 1) {
                object.remove(name);
                how.append("remove ").append(name).append("; ");
                return root;
            }
            object.set(name, replacement(object.get(name), name, random, how));
            how.append("at ").append(name).append("; ");
            return root;
        }
        ArrayNode array = (ArrayNode) parent;
        int op = random.nextInt(6);
        if (array.isEmpty() || op == 0) {
            array.add(array.isEmpty() ? scalar(random) : array.get(random.nextInt(array.size())).deepCopy());
            how.append("grow array; ");
        } else if (op == 1) {
            array.remove(random.nextInt(array.size()));
            how.append("shrink array; ");
        } else {
            int i = random.nextInt(array.size());
            array.set(i, replacement(array.get(i), null, random, how));
            how.append("at [").append(i).append("]; ");
        }
        return root;
    }

    private static JsonNode replacement(JsonNode old, @Nullable String name, Random random, StringBuilder how) {
        int op = random.nextInt(10);
        List<String> known = name == null ? null : stringsByName.get(name);
        if (op < 3 && known != null) {
            how.append("swap string ");
            return F.stringNode(random.nextInt(8) == 0 ? "bogus-" + name : known.get(random.nextInt(known.size())));
        }
        if (op < 5) {
            how.append("graft ");
            return allNodes.get(random.nextInt(allNodes.size())).deepCopy();
        }
        if (op == 5 && old.isString()) {
            how.append("string length ");
            return F.stringNode(random.nextBoolean() ? "" : "x".repeat(1 + random.nextInt(2000)));
        }
        how.append("scalar ");
        return scalar(random);
    }

    private static JsonNode scalar(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(random.nextBoolean());
            case 2 -> F.numberNode(random.nextInt(200) - 100);
            case 3 -> F.numberNode(random.nextDouble() * 10 - 5);
            case 4 -> F.numberNode(2.0);
            case 5 -> F.numberNode(new java.math.BigDecimal("1e400"));
            case 6 -> F.numberNode(Long.MAX_VALUE);
            case 7 -> F.objectNode();
            case 8 -> F.arrayNode();
            case 9 -> F.stringNode("");
            case 10 -> F.stringNode("2024-01-01T00:00:00Z");
            default -> F.stringNode("text " + random.nextInt(100));
        };
    }

    private static void gather(JsonNode n, List<JsonNode> out) {
        if (n.isContainer()) {
            out.add(n);
            if (n.isObject()) {
                n.properties().forEach(e -> gather(e.getValue(), out));
            } else {
                n.forEach(v -> gather(v, out));
            }
        }
    }
}

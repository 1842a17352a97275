package dev.vapicheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.Limits;
import dev.vapicheck.Profile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The compiled path on small hand-written sets: what it decides, what it leaves to networknt, what it notes. */
class FastPathTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaSet.Budget BUDGET = SchemaSet.Budget.of(Limits.defaults().maxValidationSteps(),
            Limits.defaults().maxValidationDepth());

    private static FastPath.Result check(SchemaSet set, String kind, String body) {
        return check(set, kind, body, BUDGET);
    }

    private static FastPath.Result check(SchemaSet set, String kind, String body, SchemaSet.Budget budget) {
        return FastPath.check(set.message(Profile.LENIENT, kind).fast(), JSON.readTree(body), budget);
    }

    @Test
    void aModelWithAnUnsupportedKeywordAtItsRootIsLeftToNetworknt() throws IOException {
        SchemaSet set = TinySet.of(Map.of("a", "\"type\": \"array\", \"uniqueItems\": true"));
        assertThat(set.message(Profile.LENIENT, "a").fast()).isNull();
        assertThat(check(set, "a", "[1, 1]").verdict()).isEqualTo(FastPath.Verdict.UNDECIDED);
        assertThat(set.validate(set.message(Profile.LENIENT, "a"), JSON.readTree("[1, 1]"), BUDGET, false, 10)
                .errors()).extracting(l -> l.error().keyword()).containsExactly("uniqueItems");
    }

    @Test
    void anUnsupportedSchemaBehindARefIsLeftToNetworkntOnlyWhenABodyReachesIt() throws IOException {
        SchemaSet set = TinySet.of(Map.of(
                "a", "\"type\": \"object\", \"properties\": {\"list\": {\"$ref\": \"B.json\"}, \"n\": {\"type\":"
                        + " \"integer\"}}",
                "b", "\"type\": \"array\", \"uniqueItems\": true"));
        assertThat(set.message(Profile.LENIENT, "a").fast()).isNotNull();
        assertThat(check(set, "a", "{\"n\": 1}").verdict()).isEqualTo(FastPath.Verdict.VALID);
        assertThat(check(set, "a", "{\"n\": 1.5}").verdict()).isEqualTo(FastPath.Verdict.INVALID);
        assertThat(check(set, "a", "{\"list\": [1, 2]}").verdict()).isEqualTo(FastPath.Verdict.UNDECIDED);
        assertThat(set.compileReachable(Profile.LENIENT)).containsExactly(SchemaSet.BASE + "lenient/B.json");
    }

    @Test
    void aRefToAPointerInsideAFileIsCompiled() throws IOException {
        SchemaSet set = TinySet.of(Map.of("a", "\"$defs\": {\"n\": {\"type\": \"integer\"}}, \"type\": \"object\","
                + " \"properties\": {\"n\": {\"$ref\": \"#/$defs/n\"}}"));
        assertThat(check(set, "a", "{\"n\": 1}").verdict()).isEqualTo(FastPath.Verdict.VALID);
        assertThat(check(set, "a", "{\"n\": 1.5}").verdict()).isEqualTo(FastPath.Verdict.INVALID);
        assertThat(set.compileReachable(Profile.LENIENT)).isEmpty();
    }

    @Test
    void theCompiledTreeWordsTheErrorsItselfAsNetworkntWouldWithoutCompilingNetworknt() throws IOException {
        SchemaSet set = TinySet.of(Map.of(
                "a", "\"type\": \"object\", \"required\": [\"id\"], \"properties\": {\"id\": {\"type\": \"string\","
                        + " \"minLength\": 2}, \"tags\": {\"type\": \"array\", \"maxItems\": 1, \"items\": {\"enum\":"
                        + " [\"x\", \"y\"]}}, \"n\": {\"anyOf\": [{\"type\": \"null\"}, {\"type\": \"integer\","
                        + " \"minimum\": 0}]}}, \"additionalProperties\": false"), false);
        SchemaSet.Model model = set.message(Profile.LENIENT, "a");
        String body = "{\"id\": \"q\", \"tags\": [\"x\", \"z\"], \"n\": -1, \"extra\": true}";
        JsonNode node = JSON.readTree(body);
        List<String> ours = set.validate(model, node, BUDGET, false, 10).errors().stream()
                .map(l -> l.error().instanceLocation() + " " + l.error().keyword() + " " + l.error().schemaLocation())
                .toList();
        assertThat(model.networkntCompiled()).as("networknt compiled").isFalse();
        List<String> theirs = set.collect(model, node, false, 10, set.context(model, BUDGET, false, false)).errors()
                .stream()
                .map(l -> l.error().instanceLocation() + " " + l.error().keyword() + " " + l.error().schemaLocation())
                .toList();
        String a = SchemaSet.BASE + "lenient/A.json#";
        assertThat(ours).isEqualTo(theirs).containsExactly(
                "/id minLength " + a + "/properties/id/minLength",
                "/tags maxItems " + a + "/properties/tags/maxItems",
                "/tags/1 enum " + a + "/properties/tags/items/enum",
                "/n minimum " + a + "/properties/n/anyOf/1/minimum",
                "/extra additionalProperties " + a + "/additionalProperties");
    }

    @Test
    void whatTheCompiledTreeCannotWordIsReportedByNetworknt() throws IOException {
        SchemaSet set = TinySet.of(Map.of(
                "a", "\"type\": \"object\", \"properties\": {\"x\": {\"not\": {\"type\": \"string\"}}, \"y\": false}"),
                false);
        assertThat(set.message(Profile.LENIENT, "a").fast()).isNotNull();
        SchemaSet.Model model = set.message(Profile.LENIENT, "a");
        assertThat(set.validate(model, JSON.readTree("{\"x\": 1}"), BUDGET, false, 10).errors()).isEmpty();
        assertThat(model.networkntCompiled()).isFalse();
        assertThat(set.validate(model, JSON.readTree("{\"x\": \"s\"}"), BUDGET, false, 10).errors())
                .extracting(l -> l.error().keyword()).containsExactly("not");
        assertThat(model.networkntCompiled()).isTrue();
        assertThat(set.validate(model, JSON.readTree("{\"y\": 1}"), BUDGET, false, 10).errors())
                .extracting(l -> l.error().keyword()).containsExactly("false");
    }

    @Test
    void theErrorPassSkipsWhatTheCompiledPathPassesAndReportsTheSameErrors() throws IOException {
        SchemaSet set = TinySet.of(Map.of(
                "a", "\"type\": \"object\", \"properties\": {\"b\": {\"$ref\": \"B.json\"}, \"c\": {\"anyOf\":"
                        + " [{\"type\": \"string\"}, {\"$ref\": \"B.json\"}]}, \"n\": {\"type\": \"integer\"}}",
                "b", "\"type\": \"object\", \"required\": [\"id\"], \"properties\": {\"id\": {\"type\":"
                        + " \"string\"}}"));
        SchemaSet.Model model = set.message(Profile.LENIENT, "a");
        for (String body : List.of("{\"b\": {\"id\": \"x\"}, \"c\": {\"id\": \"y\"}, \"n\": 1.5}",
                "{\"b\": {}, \"c\": {\"id\": 2}, \"n\": 1}", "{\"b\": {\"id\": 1}, \"c\": 3, \"n\": \"x\"}")) {
            JsonNode node = JSON.readTree(body);
            assertThat(check(set, "a", body).verdict()).as(body).isEqualTo(FastPath.Verdict.INVALID);
            for (boolean failFast : new boolean[] {false, true}) {
                NotingContext pruned = set.context(model, BUDGET, failFast, true);
                List<?> ours = set.collect(model, node, failFast, 10, pruned).errors().stream().map(Located::error)
                        .toList();
                List<?> theirs = set.collect(model, node, failFast, 10, set.context(model, BUDGET, failFast, false))
                        .errors().stream().map(Located::error).toList();
                assertThat(ours).as(body).isNotEmpty().isEqualTo(theirs);
                if (body.startsWith("{\"b\": {\"id\": \"x\"}")) {
                    assertThat(pruned.skips()).as("the valid b and c are skipped").isEqualTo(2);
                }
            }
        }
    }

    @Test
    void runsNearNetworkntsLimitsAreLeftToIt() throws IOException {
        SchemaSet set = TinySet.of(Map.of("a", "\"type\": \"array\", \"items\": {\"type\": \"array\","
                + " \"items\": {\"type\": \"integer\"}}"));
        assertThat(check(set, "a", "[[1, 2], [3]]").verdict()).isEqualTo(FastPath.Verdict.VALID);
        assertThat(check(set, "a", "[[1, 2], [3]]", SchemaSet.Budget.of(10, 1000)).verdict())
                .isEqualTo(FastPath.Verdict.UNDECIDED);
        assertThat(check(set, "a", "[[1, 2], [3]]", SchemaSet.Budget.of(1000, 3)).verdict())
                .isEqualTo(FastPath.Verdict.UNDECIDED);
        assertThat(check(set, "a", "[[1, 2], [3]]", SchemaSet.Budget.of(1000, 4)).verdict())
                .isEqualTo(FastPath.Verdict.VALID);
    }

    private static final String UNION = "\"type\": \"object\", \"required\": [\"kind\"], \"properties\": {\"kind\":"
            + " {\"type\": \"string\"}}, \"allOf\": ["
            + "{\"if\": {\"required\": [\"kind\"], \"properties\": {\"kind\": {\"const\": \"x\"}}},"
            + " \"then\": {\"required\": [\"x\"]}},"
            + "{\"if\": {\"required\": [\"kind\"], \"properties\": {\"kind\": {\"const\": \"y\"}}},"
            + " \"then\": {\"required\": [\"y\"]}}]";

    @Test
    void anOpenUnionNotesATagThatSelectsNoBranch() throws IOException {
        SchemaSet set = TinySet.of(Map.of("a", "\"type\": \"object\", \"properties\": {\"items\": {\"type\":"
                + " \"array\", \"items\": {" + UNION + "}}}"));
        JsonNode body = JSON.readTree("{\"items\": [{\"kind\": \"x\", \"x\": 1}, {\"kind\": \"z\"}]}");
        FastPath.Result r = FastPath.check(set.message(Profile.LENIENT, "a").fast(), body, BUDGET);
        assertThat(r.verdict()).isEqualTo(FastPath.Verdict.VALID);
        assertThat(r.warnings(body)).singleElement().satisfies(w -> {
            assertThat(w.error().instanceLocation().toString()).isEqualTo("/items/1/kind");
            assertThat(w.error().arguments()).containsEntry("actual", "z").containsEntry("known",
                    List.of("x", "y"));
        });
        assertThat(check(set, "a", "{\"items\": [{\"kind\": \"x\"}]}").verdict())
                .isEqualTo(FastPath.Verdict.INVALID);
    }

    @Test
    void manyNotesOnALargeBodyEachGetTheirPointer() throws IOException {
        SchemaSet set = TinySet.of(Map.of("a", "\"type\": \"object\", \"properties\": {\"items\": {\"type\":"
                + " \"array\", \"items\": {" + UNION + "}}}"));
        StringBuilder sb = new StringBuilder("{\"items\": [");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i == 0 ? "" : ", ").append(i % 2 == 0 ? "{\"kind\": \"x\", \"x\": 1}" : "{\"kind\": \"new\"}");
        }
        JsonNode body = JSON.readTree(sb.append("]}").toString());
        FastPath.Result r = FastPath.check(set.message(Profile.LENIENT, "a").fast(), body, BUDGET);
        assertThat(r.verdict()).isEqualTo(FastPath.Verdict.VALID);
        List<Located> warnings = r.warnings(body);
        assertThat(warnings).hasSize(10_000);
        assertThat(warnings.get(0).error().instanceLocation().toString()).isEqualTo("/items/1/kind");
        assertThat(warnings.get(9_999).error().instanceLocation().toString()).isEqualTo("/items/19999/kind");
    }

    @Test
    void aClosedUnionNotesNothingAndAFailedBranchKeepsNoNote() throws IOException {
        SchemaSet set = TinySet.of(Map.of(
                "closed", UNION.replace("{\"type\": \"string\"}", "{\"enum\": [\"x\", \"y\"]}"),
                // The first branch notes the unknown kind, then fails when n is not a string.
                "either", "\"anyOf\": [{" + UNION.replace("{\"kind\": {\"type\": \"string\"}}",
                        "{\"kind\": {\"type\": \"string\"}, \"n\": {\"type\": \"string\"}}")
                        + "}, {\"type\": \"object\"}]"));
        assertThat(check(set, "closed", "{\"kind\": \"z\"}").verdict()).isEqualTo(FastPath.Verdict.INVALID);
        JsonNode body = JSON.readTree("{\"kind\": \"z\", \"n\": 1}");
        FastPath.Result r = FastPath.check(set.message(Profile.LENIENT, "either").fast(), body, BUDGET);
        assertThat(r.verdict()).isEqualTo(FastPath.Verdict.VALID);
        assertThat(r.notes()).isEmpty();
        JsonNode noted = JSON.readTree("{\"kind\": \"z\", \"n\": \"s\"}");
        assertThat(FastPath.check(set.message(Profile.LENIENT, "either").fast(), noted, BUDGET).notes()).hasSize(1);
    }
}

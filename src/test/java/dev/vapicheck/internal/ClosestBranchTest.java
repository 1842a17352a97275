package dev.vapicheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.Profile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** anyOf and oneOf report the closest branch only (one model, "Root", in a Jimfs set). */
class ClosestBranchTest {
    private static SchemaSet set;
    private static final SchemaSet.Budget BUDGET = SchemaSet.Budget.of(1_000_000, 1000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void load() throws IOException {
        String body = """
                "type": "object",
                "properties": {
                  "any": {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "integer"},
                                    {"type": "object", "required": ["a", "b"],
                                     "properties": {"a": {"type": "string"}, "b": {"type": "string"}}},
                                    {"type": "object", "required": ["c"], "properties": {"c": {"type": "string"}}}]},
                  "one": {"oneOf": [{"type": "number"}, {"type": "integer"}, {"type": "string", "minLength": 2}]},
                  "nested": {"anyOf": [{"anyOf": [{"const": 1}, {"const": 2}]}, {"type": "null"}]},
                  "answer": {"type": "object", "anyOf": [{"required": ["results"]}, {"required": ["error"]}]}
                }
                """;
        set = TinySet.of(Map.of("root", body));
    }

    private static List<String> errors(String json) {
        return errors(json, false);
    }

    private static List<String> errors(String json, boolean failFast) {
        SchemaSet.Model model = set.message(Profile.LENIENT, "root");
        return set.validate(model, JSON.readTree(json), BUDGET, failFast, 100).errors().stream()
                .map(l -> l.error().instanceLocation() + " " + l.error().keyword() + ": " + l.error().message())
                .toList();
    }

    @Test
    void aMatchingBranchMeansNoErrors() {
        assertThat(errors("{\"any\": \"abc\", \"one\": \"xy\", \"nested\": null}")).isEmpty();
        assertThat(errors("{\"any\": {\"c\": \"x\"}, \"one\": 1.5, \"nested\": 2}")).isEmpty();
    }

    @Test
    void alternativesEachMissingAPropertyOfTheirOwnAreOneRequiredErrorNamingThemAll() {
        assertThat(errors("{\"answer\": {}}")).containsExactly(
                "/answer required: missing required property: one of \"results\", \"error\"");
        assertThat(errors("{\"answer\": {}}", true)).containsExactly(
                "/answer required: missing required property: one of \"results\", \"error\"");
        assertThat(errors("{\"answer\": {\"error\": \"no\"}}")).isEmpty();
        SchemaSet.Model model = set.message(Profile.LENIENT, "root");
        assertThat(set.validate(model, JSON.readTree("{\"answer\": {}}"), BUDGET, false, 100).errors().get(0).error()
                .arguments()).containsEntry("property", "results").containsEntry("oneOf", List.of("results", "error"));
    }

    @Test
    void theBranchAcceptingTheTypeIsClosest() {
        assertThat(errors("{\"any\": \"abcd\"}")).containsExactly("/any maxLength: expected at most 3 characters but was 4");
    }

    @Test
    void amongBranchesAcceptingTheTypeTheOneWithFewestErrors() {
        assertThat(errors("{\"any\": {\"a\": \"x\"}}")).containsExactly("/any required: missing required property \"b\"");
        assertThat(errors("{\"any\": {\"c\": 5}}")).containsExactly("/any/c type: expected string but was number");
    }

    @Test
    void noBranchAcceptingTheTypeIsOneTypeError() {
        assertThat(errors("{\"any\": true}"))
                .containsExactly("/any type: expected string, integer or object but was boolean");
    }

    @Test
    void nestedUnionsOfConstantsFlattenIntoOneEnum() {
        assertThat(errors("{\"nested\": 3}")).containsExactly("/nested enum: expected one of [1, 2] but was 3");
    }

    @Test
    void oneOfMatchingSeveralBranchesIsOneError() {
        assertThat(errors("{\"one\": 5}")).containsExactly(
                "/one oneOf: expected exactly one alternative to match but 2 do");
        assertThat(errors("{\"one\": \"x\"}")).containsExactly(
                "/one minLength: expected at least 2 characters but was 1");
    }

    @Test
    void failFastStopsAtTheFirstError() {
        SchemaSet.Model model = set.message(Profile.LENIENT, "root");
        assertThat(set.validate(model, JSON.readTree("{\"any\": true, \"one\": true}"), BUDGET, true, 100)
                .errors()).hasSize(1);
    }

    @Test
    void failFastGivesTheFirstErrorOfTheFullRun() {
        for (String json : List.of("{\"any\": \"abcd\"}", "{\"any\": {\"a\": \"x\"}}", "{\"any\": true}",
                "{\"nested\": 3}", "{\"any\": 7, \"one\": []}")) {
            List<String> full = errors(json);
            assertThat(full).as(json).isNotEmpty();
            assertThat(errors(json, true)).as(json).containsExactly(full.get(0));
        }
        assertThat(errors("{\"any\": {\"c\": \"x\"}, \"nested\": 1}", true)).isEmpty();
    }
}

package dev.vapicheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.Profile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The allOf replacement gives the verdicts and errors the specification gives, by look-up or one by one. */
class DiscriminatedAllOfTest {
    private static final SchemaSet.Budget BUDGET = SchemaSet.Budget.of(1_000_000, 1000);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static SchemaSet set;

    @BeforeAll
    static void load() throws IOException {
        String union = """
                "required": ["kind"],
                "properties": {"kind": {"enum": ["a", "b"]}},
                "allOf": [
                  {"if": {"required": ["kind"], "properties": {"kind": {"const": "a"}}},
                   "then": {"required": ["x"], "properties": {"x": {"type": "string"}}}},
                  {"if": {"required": ["kind"], "properties": {"kind": {"const": "b"}}},
                   "then": {"required": ["y"], "properties": {"y": {"type": "integer"}}}}
                ]
                """;
        String plain = """
                "allOf": [{"type": "object"}, {"required": ["z"]}, {"properties": {"z": {"minimum": 3}}}]
                """;
        set = TinySet.of(Map.of("union", union, "plain", plain));
    }

    private static List<String> errors(String kind, String json) {
        SchemaSet.Model model = set.message(Profile.LENIENT, kind);
        return set.validate(model, JSON.readTree(json), BUDGET, false, 100).errors().stream()
                .map(l -> l.error().instanceLocation() + " " + l.error().keyword())
                .toList();
    }

    @Test
    void recognisesOnlyTheGeneratedShape() {
        assertThat(DiscriminatedAllOf.discriminator(JSON.readTree("""
                [{"if": {"required": ["t"], "properties": {"t": {"const": 1}}}, "then": {}},
                 {"if": {"required": ["t"], "properties": {"t": {"const": 2}}}, "then": {}}]"""))).isEqualTo("t");
        assertThat(DiscriminatedAllOf.discriminator(JSON.readTree("""
                [{"if": {"required": ["t"], "properties": {"t": {"const": 1}}}, "then": {}},
                 {"if": {"required": ["u"], "properties": {"u": {"const": 2}}}, "then": {}}]"""))).isNull();
        assertThat(DiscriminatedAllOf.discriminator(JSON.readTree("""
                [{"if": {"required": ["t"], "properties": {"t": {"const": 1}}}, "then": {}, "else": {}}]"""))).isNull();
        assertThat(DiscriminatedAllOf.discriminator(JSON.readTree("""
                [{"if": {"required": ["t"], "properties": {"t": {"const": 1}}}, "then": {}},
                 {"if": {"required": ["t"], "properties": {"t": {"const": 1}}}, "then": {}}]"""))).isNull();
        assertThat(DiscriminatedAllOf.discriminator(JSON.readTree("[{\"type\": \"object\"}]"))).isNull();
    }

    @Test
    void evaluatesOnlyTheSelectedBranch() {
        assertThat(errors("union", "{\"kind\": \"a\", \"x\": \"ok\"}")).isEmpty();
        assertThat(errors("union", "{\"kind\": \"a\", \"x\": 5}")).containsExactly("/x type");
        assertThat(errors("union", "{\"kind\": \"b\"}")).containsExactly(" required");
    }

    @Test
    void anUnknownOrMissingValueSelectsNothing() {
        assertThat(errors("union", "{\"kind\": \"c\"}")).containsExactly("/kind enum");
        assertThat(errors("union", "{\"x\": 1}")).containsExactly(" required");
    }

    @Test
    void aNonObjectMeetsEveryConditionAsTheSpecificationSays() {
        assertThat(errors("union", "[1]")).isEmpty();
    }

    @Test
    void anyOtherAllOfEvaluatesEverySubschema() {
        assertThat(errors("plain", "{\"z\": 4}")).isEmpty();
        assertThat(errors("plain", "{\"z\": 1}")).containsExactly("/z minimum");
        assertThat(errors("plain", "{}")).containsExactly(" required");
        assertThat(errors("plain", "\"s\"")).containsExactly(" type");
    }
}

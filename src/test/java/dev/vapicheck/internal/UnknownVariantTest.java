package dev.vapicheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.ErrorCode;
import dev.vapicheck.Profile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * An open union (its tag has no {@code enum}, as in the lenient profile) lets an unknown tag through and notes it;
 * the note survives only on the path that decided the verdict.
 */
class UnknownVariantTest {
    private static final SchemaSet.Budget BUDGET = SchemaSet.Budget.of(1_000_000, 1000);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static SchemaSet set;

    private static final String OPEN_UNION = """
            {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}},
             "allOf": [
               {"if": {"required": ["kind"], "properties": {"kind": {"const": "a"}}},
                "then": {"required": ["x"], "properties": {"x": {"type": "string"}}}},
               {"if": {"required": ["kind"], "properties": {"kind": {"const": "b"}}},
                "then": {"required": ["y"]}}
             ]}""";

    @BeforeAll
    static void load() throws IOException {
        String open = "\"properties\": {\"item\": " + OPEN_UNION + ", \"list\": {\"type\": \"array\", \"items\": "
                + OPEN_UNION + "}}";
        String closed = "\"properties\": {\"item\": " + OPEN_UNION.replace("{\"kind\": {\"type\": \"string\"}}",
                "{\"kind\": {\"enum\": [\"a\", \"b\"]}}") + "}";
        // An alternative that would take the unknown variant, but fails on another property.
        String alternatives = "\"properties\": {\"item\": {\"anyOf\": [{\"allOf\": [{\"required\": [\"must\"]}, "
                + OPEN_UNION + "]}, {\"type\": \"object\", \"required\": [\"kind\"]}]}}";
        set = TinySet.of(Map.of("open", open, "closed", closed, "alternatives", alternatives));
    }

    private static SchemaSet.Outcome check(String kind, String json, boolean failFast) {
        return set.validate(set.message(Profile.LENIENT, kind), JSON.readTree(json), BUDGET, failFast, 100);
    }

    private static List<String> places(List<Located> located) {
        return located.stream().map(l -> l.error().instanceLocation() + " " + l.error().keyword()).toList();
    }

    @Test
    void anUnknownTagOfAnOpenUnionIsValidWithANoteAtTheTag() {
        SchemaSet.Outcome o = check("open", "{\"item\": {\"kind\": \"c\", \"anything\": 1}}", false);
        assertThat(o.errors()).isEmpty();
        assertThat(places(o.warnings())).containsExactly("/item/kind enum");
        Located w = o.warnings().get(0);
        assertThat(w.error().code()).isEqualTo(ErrorCode.UNKNOWN_VARIANT);
        assertThat(w.error().arguments()).containsEntry("actual", "c").containsEntry("known", List.of("a", "b"));
    }

    @Test
    void aKnownTagStillValidatesItsBranchAndNotesNothing() {
        assertThat(check("open", "{\"item\": {\"kind\": \"a\", \"x\": \"s\"}}", false).warnings()).isEmpty();
        SchemaSet.Outcome o = check("open", "{\"item\": {\"kind\": \"a\", \"x\": 5}}", false);
        assertThat(places(o.errors())).containsExactly("/item/x type");
        assertThat(o.warnings()).isEmpty();
    }

    @Test
    void notesComeBackOnTheInvalidPathTooOnePerTag() {
        SchemaSet.Outcome o = check("open",
                "{\"item\": {\"kind\": \"a\", \"x\": 5}, \"list\": [{\"kind\": \"c\"}, {\"kind\": \"d\"}]}", false);
        assertThat(places(o.errors())).containsExactly("/item/x type");
        assertThat(places(o.warnings())).containsExactly("/list/0/kind enum", "/list/1/kind enum");
    }

    @Test
    void aTagThatIsNotAStringIsATypeError() {
        SchemaSet.Outcome o = check("open", "{\"item\": {\"kind\": 3}}", false);
        assertThat(places(o.errors())).containsExactly("/item/kind type");
        assertThat(o.warnings()).isEmpty();
    }

    @Test
    void aClosedUnionRejectsTheUnknownTagAndNotesNothing() {
        SchemaSet.Outcome o = check("closed", "{\"item\": {\"kind\": \"c\"}}", false);
        assertThat(places(o.errors())).containsExactly("/item/kind enum");
        assertThat(o.warnings()).isEmpty();
    }

    @Test
    void aNoteTakenInAFailingAlternativeIsWithdrawn() {
        for (boolean failFast : new boolean[] {false, true}) {
            SchemaSet.Outcome o = check("alternatives", "{\"item\": {\"kind\": \"c\"}}", failFast);
            assertThat(o.errors()).isEmpty();
            assertThat(o.warnings()).as("failFast=%s", failFast).isEmpty();
        }
        SchemaSet.Outcome taken = check("alternatives", "{\"item\": {\"kind\": \"c\", \"must\": 1}}", false);
        assertThat(places(taken.warnings())).containsExactly("/item/kind enum");
    }
}

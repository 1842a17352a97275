package dev.vapicheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DocumentOrderTest {
    private static final JsonNode DOC = JsonMapper.builder().build().readTree(
            "{\"z\": {\"b\": 1, \"a\": [10, 11, {\"x/y\": 1, \"~\": 2}]}, \"a\": 2, \"10\": 3}");

    private static Located error(String keyword, String message, Object... path) {
        return Located.of(ErrorCode.forKeyword(keyword), keyword, List.of(path), "", message, Map.of());
    }

    private static List<String> order(Located... errors) {
        return DocumentOrder.sort(List.of(errors), DOC).stream()
                .map(l -> l.error().instanceLocation() + " " + l.error().keyword()).toList();
    }

    @Test
    void followsTheDocumentParentsFirstThenTypeThenKeywords() {
        assertThat(order(
                error("type", "m", "10"),
                error("required", "m", "a"),
                error("enum", "m", "z", "a", 2, "~"),
                error("type", "m", "z", "a", 2, "x/y"),
                error("const", "m", "z", "a", 1),
                error("required", "m"),
                error("type", "m", "z", "a", 1),
                error("minimum", "m", "z", "b"),
                error("enum", "m", "z")))
                .containsExactly(
                        " required",
                        "/z enum",
                        "/z/b minimum",
                        "/z/a/1 type",
                        "/z/a/1 const",
                        "/z/a/2/x~1y type",
                        "/z/a/2/~0 enum",
                        "/a required",
                        "/10 type");
    }

    @Test
    void placesLocationsNotInTheDocumentLastAndDropsExactDuplicates() {
        assertThat(order(error("type", "m", "nope"), error("type", "m", "a"), error("type", "m", "a"),
                error("type", "other", "a"), error("type", "m", "z", "a", 7)))
                .containsExactly("/z/a/7 type", "/a type", "/a type", "/nope type");
    }

    @Test
    void copesWithNoDocument() {
        assertThat(DocumentOrder.sort(List.of(error("type", "b", "x"), error("type", "a", "x")), null))
                .extracting(l -> l.error().message()).containsExactly("a", "b");
    }
}

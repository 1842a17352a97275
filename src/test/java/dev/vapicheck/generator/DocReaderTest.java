package dev.vapicheck.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.generator.TypeRef.ArrayOf;
import dev.vapicheck.generator.TypeRef.MapOf;
import dev.vapicheck.generator.TypeRef.ModelRef;
import dev.vapicheck.generator.TypeRef.Optional;
import dev.vapicheck.generator.TypeRef.Primitive;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DocReaderTest {

    private static Map<String, DocModel.Property> byName(DocModel m) {
        return m.properties().stream().collect(Collectors.toMap(DocModel.Property::docName, Function.identity()));
    }

    @Test
    void readsTheSeedDoc() throws Exception {
        DocReader reader = new DocReader();
        String text = Files.readString(Inputs.apiDir().resolve("model-docs/ServerMessageConversationUpdate.md"));

        DocModel m = reader.read("ServerMessageConversationUpdate.md", text);

        assertThat(m.name()).isEqualTo("ServerMessageConversationUpdate");
        assertThat(m.kind()).isEqualTo(DocModel.Kind.OBJECT);
        assertThat(m.properties()).extracting(DocModel.Property::docName).containsExactly(
                "phone_number", "r#type", "messages", "messages_open_ai_formatted", "timestamp",
                "artifact", "assistant", "customer", "call");
        Map<String, DocModel.Property> p = byName(m);
        assertThat(p.get("r#type").type()).isEqualTo(new Primitive("String"));
        assertThat(p.get("r#type").optional()).isFalse();
        assertThat(p.get("r#type").bareName()).isEqualTo("type");
        assertThat(p.get("phone_number").type())
                .isEqualTo(new Optional(new ModelRef("ServerMessageAssistantRequestPhoneNumber")));
        assertThat(p.get("phone_number").optional()).isTrue();
        assertThat(p.get("messages").type()).isEqualTo(new Optional(new ArrayOf(new ModelRef("ArtifactMessagesInner"))));
        assertThat(p.get("messages_open_ai_formatted").type()).isEqualTo(new ArrayOf(new ModelRef("OpenAiMessage")));
        assertThat(p.get("messages_open_ai_formatted").optional()).isFalse();
        assertThat(p.get("timestamp").type()).isEqualTo(new Optional(new Primitive("f64")));
        assertThat(p.get("assistant").type().modelNames()).containsExactly("CreateAssistantDto");
        assertThat(p.get("call").line()).isEqualTo(15);
        assertThat(reader.diagnostics()).isEmpty();
    }

    @Test
    void readsAUnionDoc() throws Exception {
        DocReader reader = new DocReader();
        String text = Files.readString(Inputs.apiDir().resolve("model-docs/ServerMessageMessage.md"));

        DocModel m = reader.read("ServerMessageMessage.md", text);

        assertThat(m.kind()).isEqualTo(DocModel.Kind.UNION);
        assertThat(m.variants()).hasSize(17).contains("ServerMessageConversationUpdate", "ServerMessageToolCalls");
        assertThat(m.properties()).isEmpty();
    }

    @Test
    void readsEveryDocOfTheSnapshotWithoutDiagnostics() throws Exception {
        DocReader reader = new DocReader();

        Map<String, DocModel> all = reader.readAll(Inputs.apiDir().resolve("model-docs"));

        assertThat(all).hasSize(616);
        assertThat(reader.diagnostics()).isEmpty();
        assertThat(all.get("AzureVoiceVoiceId").variants()).containsExactly("String");
    }

    @Test
    void keepsNotesApartFromDescriptionsThatContainPipes() {
        String doc = """
                # Example

                ## Properties

                Name | Type | Description | Notes
                ------------ | ------------- | ------------- | -------------
                **words** | Option<**Vec<String>**> | a | b | c | [optional][default to ["stop","wait"]]
                **filler** | **String** | left | right |
                **r#type** | **String** |  | [default to Tool]
                **props** | [**std::collections::HashMap<String, models::JsonSchema>**](JsonSchema.md) | x |
                **stamp** | Option<**String**> | nullable but required | [readonly]
                """;
        DocReader reader = new DocReader();

        Map<String, DocModel.Property> p = byName(reader.read("Example.md", doc));

        assertThat(p.get("words").optional()).isTrue();
        assertThat(p.get("words").type()).isEqualTo(new Optional(new ArrayOf(new Primitive("String"))));
        assertThat(p.get("filler").optional()).isFalse();
        assertThat(p.get("r#type").optional()).isFalse();
        assertThat(p.get("props").type()).isEqualTo(new MapOf(new ModelRef("JsonSchema")));
        assertThat(p.get("stamp").nullableByDoc()).isTrue();
        assertThat(p.get("stamp").readOnly()).isTrue();
        assertThat(p.get("words").nullableByDoc()).isFalse();
        assertThat(reader.diagnostics()).isEmpty();
    }

    @Test
    void reportsUnreadableRowsWithFileAndLine() {
        String doc = """
                # Broken

                ## Properties

                Name | Type | Description | Notes
                ------------ | ------------- | ------------- | -------------
                **ok** | **bool** |  |
                **odd** | **Tuple<i32, i32>** |  |
                """;
        DocReader reader = new DocReader();

        DocModel m = reader.read("Broken.md", doc);

        assertThat(m.properties()).hasSize(2);
        assertThat(reader.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo("Broken.md");
            assertThat(d.line()).isEqualTo(8);
            assertThat(d.message()).contains("unknown type form").contains("Tuple<i32, i32>");
        });
    }

    @Test
    void rejectsADocWithoutAModelTable() {
        DocReader reader = new DocReader();

        assertThat(reader.read("README.md", "# Title\n\nsome text\n")).isNull();

        assertThat(reader.diagnostics()).singleElement().hasToString("README.md:1: no model heading with a Properties or Enum Variants table");
    }

    @Test
    void parsesEveryTypeForm() {
        assertThat(TypeRef.parse("Option<Vec<models::X>>")).isEqualTo(new Optional(new ArrayOf(new ModelRef("X"))));
        assertThat(TypeRef.parse("serde_json::Value")).isEqualTo(new Primitive("serde_json::Value"));
        assertThat(TypeRef.parse("i32")).isEqualTo(new Primitive("i32"));
        assertThat(TypeRef.parse("Vec<std::path::PathBuf>")).isEqualTo(new ArrayOf(new Primitive("std::path::PathBuf")));
        assertThat(TypeRef.parse("models::")).isNull();
        assertThat(TypeRef.parse("Option<Unknown>")).isNull();
        assertThat(new Optional(new Optional(new Primitive("bool"))).unwrapOption()).isEqualTo(new Primitive("bool"));
    }
}

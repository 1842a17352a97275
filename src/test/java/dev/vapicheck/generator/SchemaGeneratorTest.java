package dev.vapicheck.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaGeneratorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static SchemaGenerator.Result result;

    @BeforeAll
    static void generate() throws Exception {
        result = Generate.run(Inputs.apiDir(), Reviewed.load());
    }

    private static JsonNode file(String path) {
        assertThat(result.files()).containsKey(path);
        return JSON.readTree(result.files().get(path));
    }

    @Test
    void generatesWithoutFailures() {
        assertThat(result.failures()).isEmpty();
        assertThat(result.report().get(0)).startsWith("models: 318 ");
        assertThat(result.files()).hasSize(2 * 318 + 4 + 1);
    }

    @Test
    void isDeterministic() throws Exception {
        SchemaGenerator.Result again = Generate.run(Inputs.apiDir(), Reviewed.load());

        assertThat(again.files()).isEqualTo(result.files());
        assertThat(again.report()).isEqualTo(result.report());
    }

    @Test
    void committedSchemasAreUpToDate() throws Exception {
        assertThat(Generate.compare(Inputs.schemasDir(), result.files())).isEmpty();
    }

    @Test
    void writesIntoAnyFileSystemAndRemovesStaleFiles() throws Exception {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            Path out = fs.getPath("/out/schemas");
            Files.createDirectories(out.resolve("lenient"));
            Files.writeString(out.resolve("lenient/Gone.json"), "{}");
            Files.writeString(out.resolve("notes.txt"), "kept: not a generated kind of file");

            Generate.write(out, result.files());

            assertThat(Files.exists(out.resolve("lenient/Gone.json"))).isFalse();
            assertThat(Files.exists(out.resolve("notes.txt"))).isTrue();
            assertThat(Files.readString(out.resolve("strict/ServerMessage.json"), StandardCharsets.UTF_8))
                    .isEqualTo(result.files().get("strict/ServerMessage.json"));
            assertThat(Generate.compare(out, result.files())).isEmpty();

            Files.writeString(out.resolve("index.json"), "{}\n");
            Files.delete(out.resolve("bundle/server-message.strict.json"));
            assertThat(Generate.compare(out, result.files()))
                    .containsExactly("bundle/server-message.strict.json (missing)", "index.json");
        }
    }

    @Test
    void failsOnUnreviewedDisagreementsAndUnportablePatterns() throws Exception {
        SchemaGenerator.Result r = Generate.run(Inputs.apiDir(), Reviewed.empty());

        assertThat(r.failures()).contains(
                "unreviewed disagreement: CreateAssistantDtoCredentialsInner: docs list no variants, openapi 47");
        assertThat(r.failures()).anySatisfy(f -> assertThat(f)
                .startsWith("DeepgramTranscriber.keywords/items/pattern: pattern")
                .contains("not portable"));
        assertThat(r.failures()).contains(
                "CreateAssistantDto.clientMessages/enum: enum value \"conversation-update\" can never match type array; "
                        + "add a repair to " + Reviewed.RESOURCE,
                "BackoffPlan.type/enum: enum value \"fixed\" can never match type object; add a repair to " + Reviewed.RESOURCE);
    }

    @Test
    void failsOnStaleReviewedEntries() throws Exception {
        JsonNode list = JSON.readTree("""
                {"disagreements": [{"key": "Nowhere.nothing: only in docs", "reason": "r"}],
                 "repairs": [{"at": "Nowhere.nothing/maxLength", "reason": "r"}]}""");
        SchemaGenerator.Result r = Generate.run(Inputs.apiDir(), Reviewed.parse(list, "test list"));

        assertThat(r.failures()).contains(
                "stale reviewed disagreement (no longer found): Nowhere.nothing: only in docs",
                "stale repair (no constraint there): Nowhere.nothing/maxLength");
    }

    @Test
    void dispatchesMessagesOnTheirType() {
        JsonNode union = file("lenient/ServerMessageMessage.json");

        assertThat(union.path("required").toString()).isEqualTo("[\"type\"]");
        assertThat(union.path("properties").path("type").toString()).isEqualTo("{\"type\":\"string\"}");
        assertThat(file("strict/ServerMessageMessage.json").path("properties").path("type").path("enum")).hasSize(18);
        assertThat(union.path("anyOf").isMissingNode()).isTrue();
        JsonNode first = union.path("allOf").get(0);
        assertThat(first.path("if").path("properties").path("type").path("const").asString()).isEqualTo("assistant-request");
        assertThat(first.path("if").path("required").toString()).isEqualTo("[\"type\"]");
        assertThat(first.path("then").path("$ref").asString()).isEqualTo("ServerMessageAssistantRequest.json");
    }

    @Test
    void writesWireNamesRequiredAndProfiles() {
        JsonNode lenient = file("lenient/ServerMessageConversationUpdate.json");
        JsonNode strict = file("strict/ServerMessageConversationUpdate.json");

        assertThat(lenient.path("$id").asString())
                .isEqualTo("https://vapi-check.dev/schemas/1.0/lenient/ServerMessageConversationUpdate.json");
        assertThat(lenient.path("required").toString()).isEqualTo("[\"type\",\"messagesOpenAIFormatted\"]");
        assertThat(lenient.path("properties").path("type").path("const").asString()).isEqualTo("conversation-update");
        assertThat(lenient.path("properties").path("phoneNumber").path("else").path("$ref").asString())
                .isEqualTo("ServerMessageAssistantRequestPhoneNumber.json");
        assertThat(lenient.path("properties").path("phoneNumber").path("if").toString()).isEqualTo("{\"type\":\"null\"}");
        assertThat(lenient.has("additionalProperties")).isFalse();
        assertThat(strict.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void relaxesOpenEnumsOnlyInTheLenientProfile() {
        JsonNode lenient = file("lenient/ServerMessageStatusUpdate.json").path("properties");
        JsonNode strict = file("strict/ServerMessageStatusUpdate.json").path("properties");

        assertThat(lenient.path("status").toString()).isEqualTo("{\"type\":\"string\"}");
        assertThat(strict.path("status").path("enum").toString()).contains("\"in-progress\"", "\"ended\"");
        assertThat(lenient.path("endedReason").has("enum")).isFalse();
        assertThat(strict.path("endedReason").path("enum").size()).isGreaterThan(50);
    }

    @Test
    void requiresTagsInBothProfilesButEnumeratesThemOnlyInStrict() {
        for (String profile : List.of("lenient", "strict")) {
            JsonNode voice = file(profile + "/CreateAssistantDtoVoice.json");
            assertThat(voice.path("required").toString()).isEqualTo("[\"provider\"]");
            assertThat(voice.path("allOf").get(0).path("if").path("properties").path("provider").path("const").asString())
                    .isEqualTo("11labs");
            assertThat(file(profile + "/AzureVoice.json").path("properties").path("provider").path("const").asString())
                    .isEqualTo("azure");
        }
        assertThat(file("strict/CreateAssistantDtoVoice.json").path("properties").path("provider").path("enum").toString())
                .contains("\"11labs\"", "\"azure\"");
        assertThat(file("lenient/CreateAssistantDtoVoice.json").path("properties").path("provider").toString())
                .isEqualTo("{\"type\":\"string\"}");
    }

    @Test
    void givesASingleBranchUnionWithAConstTagADispatchToo() {
        JsonNode kb = file("strict/AnyscaleModelKnowledgeBase.json");
        assertThat(kb.path("properties").path("provider").path("enum").toString()).isEqualTo("[\"custom-knowledge-base\"]");
        assertThat(kb.path("allOf").get(0).path("then").path("$ref").asString()).isEqualTo("CreateCustomKnowledgeBaseDto.json");
    }

    @Test
    void optionalMeansNullableInBothProfilesAndRequiredKeepsTheSnapshotsNullability() {
        for (String profile : List.of("lenient", "strict")) {
            JsonNode call = file(profile + "/Call.json").path("properties");
            assertThat(call.path("assistantId").path("type").toString()).isEqualTo("[\"string\",\"null\"]");
            JsonNode update = file(profile + "/ServerMessageStatusUpdate.json").path("properties");
            assertThat(update.path("status").path("type").asString()).isEqualTo("string");
        }
    }

    @Test
    void closesRepliesAndTheirArrayItemsInBothProfilesAndRequiresAnAnswer() {
        for (String profile : List.of("lenient", "strict")) {
            JsonNode reply = file(profile + "/ServerMessageResponseToolCalls.json");
            assertThat(reply.path("additionalProperties").asBoolean(true)).isFalse();
            assertThat(reply.path("anyOf").toString())
                    .isEqualTo("[{\"required\":[\"results\"]},{\"required\":[\"error\"]}]");
            assertThat(reply.path("properties").path("results").path("type").asString()).isEqualTo("array");
            JsonNode result = file(profile + "/ToolCallResult.json");
            assertThat(result.path("additionalProperties").asBoolean(true)).isFalse();
            assertThat(result.path("required").toString()).isEqualTo("[\"toolCallId\"]");
        }
        assertThat(file("lenient/CreateAssistantDto.json").has("additionalProperties")).isFalse();
    }

    @Test
    void mergesTheEntityFieldsOfStoredObjectsAsOptional() {
        JsonNode twilio = file("strict/CreateTwilioPhoneNumberDto.json");
        assertThat(twilio.path("properties").propertyNames()).contains("id", "orgId", "createdAt", "updatedAt", "status");
        assertThat(twilio.path("required").toString()).doesNotContain("\"id\"", "\"orgId\"");
        assertThat(file("strict/CreateAssistantDto.json").path("properties").has("orgId")).isTrue();
        assertThat(file("strict/CreateOpenAiCredentialDto.json").path("properties").has("orgId")).isFalse();
    }

    @Test
    void writesUnionsWithoutADiscriminatorAsAnyOf() {
        JsonNode voiceId = file("lenient/AzureVoiceVoiceId.json");

        assertThat(voiceId.path("anyOf")).hasSize(2);
        assertThat(voiceId.has("oneOf")).isFalse();
        assertThat(file("strict/AzureVoiceVoiceId.json").path("anyOf").get(0).path("enum").toString()).contains("andrew");
        assertThat(file("lenient/ServerMessageResponseMessageResponse.json").path("anyOf")).hasSize(5);
    }

    @Test
    void appliesReviewedRepairs() {
        JsonNode keywords = file("strict/DeepgramTranscriber.json").path("properties").path("keywords").path("items");

        assertThat(keywords.path("pattern").asString()).isEqualTo("^[^:]+(?::[+-]?[0-9]+)?$");
        assertThat(file("strict/OpenAiFunction.json").path("properties").path("name").path("pattern").asString())
                .isEqualTo("^[a-zA-Z0-9_-]{1,64}$");
    }

    @Test
    void repairsEnumsThatNoValueCouldMatch() {
        JsonNode clientMessages = file("strict/CreateAssistantDto.json").path("properties").path("clientMessages");

        assertThat(clientMessages.has("enum")).isFalse();
        assertThat(clientMessages.path("items").path("enum").toString()).contains("\"conversation-update\"");
        assertThat(file("strict/BackoffPlan.json").path("properties").path("type").toString())
                .isEqualTo("{\"type\":\"string\",\"enum\":[\"fixed\",\"exponential\"]}");
    }

    @Test
    void writesEachEnumValueOnce() {
        JsonNode voiceIds = file("strict/DeepgramVoice.json").path("properties").path("voiceId");
        List<String> values = new ArrayList<>();
        voiceIds.findValues("enum").forEach(e -> e.forEach(v -> values.add(v.asString())));

        assertThat(values).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void bundlesAreSelfContained() {
        for (String bundle : List.of("server-message.lenient", "server-message.strict",
                "server-message-response.lenient", "server-message-response.strict")) {
            JsonNode b = file("bundle/" + bundle + ".json");
            List<String> refs = new ArrayList<>();
            collectRefs(b, refs);
            assertThat(refs).isNotEmpty().allSatisfy(r -> {
                assertThat(r).startsWith("#/$defs/");
                assertThat(b.path("$defs").has(r.substring("#/$defs/".length()))).as(r).isTrue();
            });
        }
        JsonNode responses = file("bundle/server-message-response.strict.json").path("$defs");
        assertThat(responses.has("ServerMessageResponseToolCalls")).isTrue();
        assertThat(responses.has("ServerMessageResponseVoiceRequest")).isTrue();
        assertThat(file("bundle/server-message.lenient.json").path("$defs").size()).isGreaterThan(250);
    }

    @Test
    void indexesMessageAndReplyKinds() {
        JsonNode index = file("index.json");

        assertThat(index.path("messageKinds").path("conversation-update").asString()).isEqualTo("ServerMessageConversationUpdate");
        assertThat(index.path("messageKinds").size()).isEqualTo(18);
        assertThat(index.path("replyKinds").propertyNames()).containsExactly(
                "assistant-request", "knowledge-base-request", "tool-calls", "transfer-destination-request", "voice-request");
    }

    private static void collectRefs(JsonNode n, List<String> out) {
        if (n.isObject() && n.has("$ref")) {
            out.add(n.get("$ref").asString());
        }
        n.forEach(c -> collectRefs(c, out));
    }

    static SortedMap<String, String> files() {
        return result.files();
    }
}

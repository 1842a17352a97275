package dev.vapicheck.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The committed files themselves, checked with the engine directly (as another language's user would). */
class GeneratedSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @Test
    void everyFileIsValidAgainstTheDraft202012MetaSchema() throws Exception {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        List<Path> files;
        try (Stream<Path> s = Files.walk(Inputs.schemasDir())) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }

        assertThat(files).hasSizeGreaterThan(600);
        for (Path f : files) {
            assertThat(meta.validate(JSON.readTree(f.toFile()))).as(f.toString()).isEmpty();
        }
        assertThat(meta.validate(JSON.readTree("{\"type\": 5, \"required\": \"x\"}"))).isNotEmpty();
    }

    private static Schema bundle(String profile) {
        Path file = Inputs.schemasDir().resolve("bundle/server-message." + profile + ".json");
        JsonNode node = JSON.readTree(file.toFile());
        return REGISTRY.getSchema(SchemaLocation.of(node.get("$id").asString()), node);
    }

    /** A conversation-update as Vapi sends it: phone number, messages, an assistant with model, voice and transcriber. */
    static ObjectNode conversationUpdate() {
        return (ObjectNode) JSON.readTree("""
                {"message": {
                  "type": "conversation-update",
                  "timestamp": 1745000000123,
                  "phoneNumber": {"provider": "twilio", "number": "+14155550100",
                                  "twilioAccountSid": "AC0123456789abcdef0123456789abcdef", "twilioAuthToken": "tok_test"},
                  "messages": [
                    {"role": "system", "message": "You are a helpful receptionist.", "time": 1745000000000, "secondsFromStart": 0},
                    {"role": "bot", "message": "Hello, how can I help?", "time": 1745000001000, "endTime": 1745000002500,
                     "secondsFromStart": 1.0, "source": "", "duration": 1500},
                    {"role": "user", "message": "I'd like to book a table.", "time": 1745000003000, "endTime": 1745000004800,
                     "secondsFromStart": 3.0, "duration": 1800}
                  ],
                  "messagesOpenAIFormatted": [
                    {"role": "system", "content": "You are a helpful receptionist."},
                    {"role": "assistant", "content": "Hello, how can I help?"},
                    {"role": "user", "content": "I'd like to book a table."}
                  ],
                  "customer": {"number": "+14155550123", "name": "Dana"},
                  "call": {
                    "id": "5f0c8d3e-3d6a-4c1e-9f3a-2b7e0c9d1a11", "orgId": "0d2b7e1c-8f4a-4b5e-9c3d-6a1f2e3d4c5b",
                    "createdAt": "2025-04-18T18:13:20.000Z", "updatedAt": "2025-04-18T18:13:24.000Z",
                    "type": "inboundPhoneCall", "status": "in-progress", "phoneCallProvider": "twilio",
                    "phoneCallTransport": "pstn",
                    "assistant": {
                      "name": "Receptionist",
                      "firstMessage": "Hello, how can I help?",
                      "model": {"provider": "openai", "model": "gpt-4o", "temperature": 0.3,
                                "messages": [{"role": "system", "content": "You are a helpful receptionist."}]},
                      "voice": {"provider": "11labs", "voiceId": "burt", "stability": 0.5},
                      "transcriber": {"provider": "deepgram", "model": "nova-2", "language": "en"}
                    }
                  }
                }}""");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenient", "strict"})
    void aRealShapedConversationUpdatePasses(String profile) {
        assertThat(bundle(profile).validate(conversationUpdate())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenient", "strict"})
    void aSingleFaultIsReportedAtItsPointerAndNowhereElse(String profile) {
        ObjectNode body = conversationUpdate();
        ((ObjectNode) body.at("/message/call/assistant/model")).put("temperature", "warm");

        List<Error> errors = bundle(profile).validate(body);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.getInstanceLocation().toString()).isEqualTo("/message/call/assistant/model/temperature");
            assertThat(e.getKeyword()).isEqualTo("type");
        });
        assertThat(errors.toString()).doesNotContain("StatusUpdate", "ToolCalls", "EndOfCallReport");
    }

    @Test
    void anUnknownPropertyFailsOnlyInTheStrictProfile() {
        ObjectNode body = conversationUpdate();
        ((ObjectNode) body.at("/message/call")).put("regionHint", "us-west");

        assertThat(bundle("lenient").validate(body)).isEmpty();
        assertThat(bundle("strict").validate(body)).singleElement()
                .satisfies(e -> assertThat(e.getKeyword()).isEqualTo("additionalProperties"));
    }

    @Test
    void anUnknownMessageTypePassesTheLenientBundleAndIsOneEnumErrorInStrict() {
        ObjectNode body = conversationUpdate();
        ((ObjectNode) body.get("message")).put("type", "conversation-updated");

        assertThat(bundle("lenient").validate(body)).isEmpty();
        ((ObjectNode) body.get("message")).put("type", 7);
        assertThat(bundle("lenient").validate(body)).singleElement()
                .satisfies(e -> assertThat(e.getKeyword()).isEqualTo("type"));
        ((ObjectNode) body.get("message")).put("type", "conversation-updated");
        assertThat(bundle("strict").validate(body)).singleElement().satisfies(e -> {
            assertThat(e.getInstanceLocation().toString()).isEqualTo("/message/type");
            assertThat(e.getKeyword()).isEqualTo("enum");
        });
    }
}

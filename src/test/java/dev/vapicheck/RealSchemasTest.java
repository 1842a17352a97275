package dev.vapicheck;

import static dev.vapicheck.TestSchemas.located;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Realistic payloads against the generated schema set: the project's {@code schemas/} folder and the same set
 * embedded in the jar ({@link VapiValidator#create()}). Skipped until the set has been generated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealSchemasTest {
    static final String STATUS_UPDATE = """
            {"message": {
              "type": "status-update",
              "status": "in-progress",
              "timestamp": 1744898631201,
              "call": {
                "id": "0f8d8a5e-7d2c-4f8f-9a53-4c1f6a1b2c3d",
                "orgId": "5d1c7a9e-2b3f-4e6a-8c7d-9e0f1a2b3c4d",
                "createdAt": "2025-04-17T14:03:51.201Z",
                "updatedAt": "2025-04-17T14:03:52.114Z",
                "type": "inboundPhoneCall",
                "status": "in-progress"
              }
            }}
            """;
    static final String TOOL_CALLS = """
            {"message": {
              "type": "tool-calls",
              "toolCallList": [{"id": "call_1", "type": "function",
                                "function": {"name": "book_table", "arguments": {"people": 4, "time": "19:30"}}}],
              "toolWithToolCallList": [{"type": "function", "function": {"name": "book_table"},
                                        "toolCall": {"id": "call_1", "type": "function",
                                                     "function": {"name": "book_table", "arguments": {}}}}]
            }}
            """;
    static final String TOOL_REPLY = """
            {"results": [{"toolCallId": "call_1", "name": "book_table", "result": "{\\"booked\\":true}"}]}
            """;

    VapiValidator validator;

    @BeforeAll
    void load() {
        assumeTrue(TestSchemas.realSet().isPresent(), "schemas/ has not been generated yet");
        validator = VapiValidator.builder().schemaDirectory(TestSchemas.realSet().get()).build();
    }

    @Test
    void knowsEveryMessageAndReplyKind() {
        assertThat(validator.messageKinds()).contains("assistant-request", "conversation-update",
                "end-of-call-report", "hang", "knowledge-base-request", "language-change-detected", "model-output",
                "phone-call-control", "speech-update", "status-update", "tool-calls", "transcript",
                "transfer-destination-request", "transfer-update", "user-interrupted", "voice-input",
                "voice-request");
        assertThat(validator.replyKinds()).containsExactlyInAnyOrder("assistant-request", "knowledge-base-request",
                "tool-calls", "transfer-destination-request", "voice-request");
    }

    @Test
    void theEmbeddedSetIsTheSameSet() {
        assumeTrue(RealSchemasTest.class.getResource("/dev/vapicheck/schemas/index.json") != null,
                "schemas are not on the class path");
        VapiValidator embedded = VapiValidator.create();
        assertThat(embedded.messageKinds()).isEqualTo(validator.messageKinds());
        assertThat(embedded.replyKinds()).isEqualTo(validator.replyKinds());
        assertThat(VapiValidator.create().validate(STATUS_UPDATE).isValid()).isTrue();
    }

    @Test
    void aRealisticStatusUpdatePassesBothProfiles() {
        for (Profile p : Profile.values()) {
            ValidationResult r = validator.validate(Payload.of(STATUS_UPDATE), Check.message().profile(p));
            assertThat(r.errors()).as(p.name()).isEmpty();
            assertThat(r.messageType()).contains("status-update");
        }
    }

    @Test
    void aBadStatusIsAnEnumErrorInStrictAndADriftWarningInLenient() {
        String json = STATUS_UPDATE.replace("\"status\": \"in-progress\",\n  \"timestamp\"",
                "\"status\": \"bogus\",\n  \"timestamp\"");
        ValidationResult strict = validator.validate(Payload.of(json), Check.message().profile(Profile.STRICT));
        assertThat(strict.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ENUM);
            assertThat(e.instanceLocation()).hasToString("/message/status");
            assertThat(e.message()).startsWith("expected one of [").contains("in-progress").endsWith("but was \"bogus\"");
            assertThat(e.schemaLocation()).isEqualTo("https://vapi-check.dev/schemas/1.0/strict/"
                    + "ServerMessageStatusUpdate.json#/properties/status/enum");
        });
        ValidationResult lenient = validator.validate(Payload.of(json), Check.message().withWarnings());
        assertThat(lenient.isValid()).isTrue();
        assertThat(located(lenient.warnings())).containsExactly("/message/status enum");
    }

    @Test
    void anUnknownPropertyIsFlaggedOnlyByStrictAtTheProperty() {
        String json = STATUS_UPDATE.replace("\"type\": \"inboundPhoneCall\",",
                "\"type\": \"inboundPhoneCall\", \"newField\": 1,");
        assertThat(validator.validate(json).isValid()).isTrue();
        assertThat(located(validator.validate(Payload.of(json), Check.message().profile(Profile.STRICT)).errors()))
                .containsExactly("/message/call/newField additionalProperties");
    }

    @Test
    void missingRequiredMembersOfTheCall() {
        String json = STATUS_UPDATE.replace("\"orgId\": \"5d1c7a9e-2b3f-4e6a-8c7d-9e0f1a2b3c4d\",", "");
        ValidationResult r = validator.validate(json);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.REQUIRED);
            assertThat(e.instanceLocation()).hasToString("/message/call");
            assertThat(e.arguments()).containsEntry("property", "orgId");
        });
    }

    @Test
    void unknownAndWrongTypes() {
        ValidationResult lenient = validator.validate("{\"message\": {\"type\": \"status-updated\"}}");
        assertThat(lenient.errors()).isEmpty();
        assertThat(located(lenient.warnings())).containsExactly("/message/type enum");
        assertThat(located(validator.validate(Payload.of("{\"message\": {\"type\": \"status-updated\"}}"),
                Check.message().profile(Profile.STRICT)).errors())).containsExactly("/message/type enum");
        assertThat(validator.validate(Payload.of(STATUS_UPDATE), Check.message().kind("hang")).errors())
                .extracting(ValidationError::code).containsExactly(ErrorCode.WRONG_MESSAGE_TYPE);
    }

    @Test
    void toolCallsAndTheirReply() {
        assertThat(validator.validate(TOOL_CALLS).errors()).isEmpty();
        for (String reply : List.of(TOOL_REPLY, "{\"messageResponse\": " + TOOL_REPLY + "}")) {
            for (Profile p : Profile.values()) {
                assertThat(validator.validate(Payload.of(reply), Check.replyTo("tool-calls").profile(p)).errors())
                        .isEmpty();
            }
        }
        String bad = TOOL_REPLY.replace("\"toolCallId\": \"call_1\"", "\"toolCallId\": 1");
        assertThat(located(validator.validate(Payload.of(bad), Check.replyTo("tool-calls")).errors()))
                .containsExactly("/results/0/toolCallId type");
    }

    @Test
    void everyValidFixtureOfTheCorpusPassesBothProfiles() throws IOException {
        Path valid = TestSchemas.testdata().resolve("valid");
        assumeTrue(Files.isDirectory(valid), "no fixture corpus yet");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(valid)) {
            s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".expected.json"))
                    .forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(10);
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            Path rel = valid.relativize(f);
            boolean reply = "reply".equals(rel.getName(0).toString());
            Check check = reply ? Check.replyTo(rel.getName(1).toString()) : Check.message();
            for (Profile p : Profile.values()) {
                ValidationResult r = validator.validate(Payload.of(Files.readAllBytes(f)), check.profile(p));
                if (!r.isValid()) {
                    failures.add(rel + " " + p + ": " + r.errors());
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}

package dev.vapicheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 rendering of results: members, statuses, error order, warnings. */
class ProblemDetailsTest {
    static final Path BASE = Path.of(System.getProperty("project.basedir", "."));
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final VapiValidator VALIDATOR = VapiValidator.create();

    @Test
    void schemaErrorsAre422WithEveryErrorInOrder() throws Exception {
        ValidationResult result = VALIDATOR.validate(Payload.of(Files.readAllBytes(
                BASE.resolve("testdata/invalid/status-update/timestamp-string.json"))));

        ProblemDetails problem = ProblemDetails.of(result);
        JsonNode json = JSON.readTree(problem.toJson());

        assertThat(problem.status()).isEqualTo(422);
        assertThat(json.propertyNames()).containsExactly("type", "title", "status", "detail", "kind", "errors");
        assertThat(json.get("type").asString()).isEqualTo("https://vapi-check.dev/problems/invalid-message");
        assertThat(json.get("status").asInt()).isEqualTo(422);
        assertThat(json.get("kind").asString()).isEqualTo("status-update");
        assertThat(json.get("detail").asString()).contains("status-update").contains("/message/timestamp");
        assertThat(json.get("errors")).hasSize(result.errors().size());
        for (int i = 0; i < result.errors().size(); i++) {
            ValidationError e = result.errors().get(i);
            JsonNode rendered = json.get("errors").get(i);
            assertThat(rendered.propertyNames()).containsExactly("pointer", "keyword", "code", "message");
            assertThat(rendered.get("pointer").asString()).isEqualTo(e.instanceLocation().toString());
            assertThat(rendered.get("keyword").asString()).isEqualTo(e.keyword());
            assertThat(rendered.get("code").asString()).isEqualTo(e.code().name());
            assertThat(rendered.get("message").asString()).isEqualTo(e.message());
        }
    }

    @Test
    void bytesThatAreNotAJsonObjectAre400() {
        assertThat(ProblemDetails.of(VALIDATOR.validate("{\"message\": ")).status()).isEqualTo(400);
        assertThat(ProblemDetails.of(VALIDATOR.validate("[1, 2]")).status()).isEqualTo(400);
        assertThat(ProblemDetails.of(VALIDATOR.validate("[1, 2]")).type()).endsWith("/malformed-json");
    }

    @Test
    void replyProblemsHaveTheirOwnTypeAndTheCallersStatus() {
        ValidationResult result = VALIDATOR.validate(Payload.of("{\"results\": {}}"), Check.replyTo("tool-calls"));

        ProblemDetails problem = ProblemDetails.ofReply(result, 502);

        assertThat(problem.status()).isEqualTo(502);
        assertThat(problem.type()).endsWith("/invalid-reply");
        assertThat(problem.detail()).contains("reply to tool-calls");
    }

    @Test
    void unknownVariantWarningsAreRenderedWhenAsked() throws Exception {
        String body = Files.readString(BASE.resolve("testdata/drift/conversation-update/assistant-voice-bad-provider.json"))
                .replaceFirst("\"timestamp\": [0-9.]+", "\"timestamp\": \"x\"");
        ValidationResult result = VALIDATOR.validate(body);
        assertThat(result.warnings()).extracting(ValidationError::code).contains(ErrorCode.UNKNOWN_VARIANT);

        JsonNode plain = JSON.readTree(ProblemDetails.of(result).toJson());
        JsonNode with = JSON.readTree(ProblemDetails.of(result).withWarnings().toJson());

        assertThat(plain.has("warnings")).isFalse();
        assertThat(with.get("errors").get(0).get("pointer").asString()).isEqualTo("/message/timestamp");
        assertThat(with.get("warnings").get(0).get("pointer").asString()).isEqualTo("/message/assistant/voice/provider");
        assertThat(with.get("warnings").get(0).get("code").asString()).isEqualTo("UNKNOWN_VARIANT");
    }

    @Test
    void validResultsAndBadStatusesAreRefusedNamingTheValue() {
        ValidationResult valid = VALIDATOR.validate("{\"message\": {\"type\": \"status-update\", \"status\": \"ended\"}}");
        assertThat(valid.isValid()).isTrue();

        assertThatThrownBy(() -> ProblemDetails.of(valid)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProblemDetails.of("x", "t", 200, "d")).hasMessageContaining("200");
    }

    @Test
    void plainProblemsCarryNoErrors() {
        JsonNode json = JSON.readTree(ProblemDetails.of("unauthorized", "Missing or wrong secret", 401, "wrong")
                .toBytes());

        assertThat(json.propertyNames()).containsExactly("type", "title", "status", "detail");
        assertThat(json.get("type").asString()).isEqualTo("https://vapi-check.dev/problems/unauthorized");
    }
}

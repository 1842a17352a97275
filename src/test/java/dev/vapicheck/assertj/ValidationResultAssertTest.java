package dev.vapicheck.assertj;

import static dev.vapicheck.assertj.VapiAssertions.assertThatMessage;
import static dev.vapicheck.assertj.VapiAssertions.assertThatReply;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vapicheck.Check;
import dev.vapicheck.Profile;
import org.junit.jupiter.api.Test;

class ValidationResultAssertTest {

    private static final String STATUS_UPDATE = """
            {"message": {"type": "status-update", "status": "ringing", "timestamp": 1745000000123,
              "call": {"id": "5f0c8d3e-3d6a-4c1e-9f3a-2b7e0c9d1a11", "orgId": "0d2b7e1c-8f4a-4b5e-9c3d-6a1f2e3d4c5b",
                       "createdAt": "2025-04-18T18:13:20.000Z", "updatedAt": "2025-04-18T18:13:24.000Z",
                       "type": "outboundPhoneCall", "status": "ringing"}}}""";

    @Test
    void passesOnAValidMessageOfTheRightKind() {
        assertThatMessage(STATUS_UPDATE).isValid().isOfKind("status-update").hasNoWarnings();
    }

    @Test
    void isValidFailsWithTheErrorsInItsMessage() {
        String body = STATUS_UPDATE.replace("\"timestamp\": 1745000000123", "\"timestamp\": \"yesterday\"");

        assertThatThrownBy(() -> assertThatMessage(body).isValid())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 error(s)")
                .hasMessageContaining("/message/timestamp");
        assertThatMessage(body).isInvalid().hasErrorAt("/message/timestamp").hasErrorAt("/message/timestamp", "type")
                .hasErrorsOnlyAt("/message/timestamp");
    }

    @Test
    void hasErrorAtFailsWhenTheErrorIsElsewhere() {
        String body = STATUS_UPDATE.replace("\"timestamp\": 1745000000123", "\"timestamp\": \"yesterday\"");

        assertThatThrownBy(() -> assertThatMessage(body).hasErrorAt("/message/status"))
                .hasMessageContaining("Expected an error at </message/status>")
                .hasMessageContaining("/message/timestamp");
        assertThatThrownBy(() -> assertThatMessage(body).hasErrorAt("/message/timestamp", "enum"))
                .hasMessageContaining("Expected a <enum> error");
        assertThatThrownBy(() -> assertThatMessage(body).hasErrorsOnlyAt("/message/timestamp", "/message/status"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void isOfKindAndIsInvalidFailOnAMismatch() {
        assertThatThrownBy(() -> assertThatMessage(STATUS_UPDATE).isOfKind("tool-calls"))
                .hasMessageContaining("<tool-calls>").hasMessageContaining("<status-update>");
        assertThatThrownBy(() -> assertThatMessage(STATUS_UPDATE).isInvalid()).hasMessageContaining("it was valid");
    }

    @Test
    void strictProfileAndWarningsAreReported() {
        String drift = STATUS_UPDATE.replace("\"status\": \"ringing\", \"timestamp\"", "\"status\": \"ringing\", \"region\": \"eu\", \"timestamp\"");

        assertThatMessage(drift, Check.message().withWarnings()).isValid().hasWarningAt("/message/region");
        assertThatThrownBy(() -> assertThatMessage(drift, Check.message().withWarnings()).hasNoWarnings())
                .hasMessageContaining("/message/region");
        assertThatMessage(drift, Check.message().profile(Profile.STRICT)).hasErrorAt("/message/region", "additionalProperties");
    }

    @Test
    void checksRepliesAgainstTheKindTheyAnswer() {
        assertThatReply("{\"results\": [{\"name\": \"bookTable\", \"toolCallId\": \"call_1\", \"result\": \"booked for 7pm\"}]}", "tool-calls").isValid();
        assertThatReply("{\"results\": [{\"name\": \"bookTable\", \"result\": \"booked\"}]}", "tool-calls").hasErrorAt("/results/0", "required");
        VapiAssertions.assertThat(dev.vapicheck.VapiValidator.create().validate(STATUS_UPDATE)).isValid().isOfKind("status-update");
    }
}

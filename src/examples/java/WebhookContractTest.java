import static dev.vapicheck.assertj.VapiAssertions.assertThatMessage;
import static dev.vapicheck.assertj.VapiAssertions.assertThatReply;

import dev.vapicheck.Check;
import dev.vapicheck.Profile;
import org.junit.jupiter.api.Test;

/** A contract test of a tool-calls handler (needs org.assertj:assertj-core on the test class path). */
class WebhookContractTest {
    static final String BODY = """
            {"message": {"type": "tool-calls", "toolCallList": [{"id": "call_1", "type": "function",
              "function": {"name": "bookTable", "arguments": {"time": "19:00"}}}],
              "toolWithToolCallList": [], "timestamp": 1745000000123}}""";
    static final String REPLY = """
            {"results": [{"name": "bookTable", "toolCallId": "call_1", "result": "booked"}]}""";

    @Test
    void toolCallsAndTheirReply() {
        assertThatMessage(BODY).isValid().isOfKind("tool-calls");
        assertThatReply(REPLY, "tool-calls").isValid();
        assertThatMessage(BODY.replace("\"call_1\"", "42"), Check.message().profile(Profile.STRICT))
                .hasErrorAt("/message/toolCallList/0/id", "type");
    }
}

package dev.vapicheck.regress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.Check;
import dev.vapicheck.Payload;
import dev.vapicheck.Profile;
import dev.vapicheck.ValidationError;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import org.junit.jupiter.api.Test;

/** Findings about text output: what a payload puts in a message or pointer must not forge or hide log lines. */
class OutputFindingsTest {
    private static final VapiValidator VALIDATOR = VapiValidator.create();
    /** Escaped in the JSON, raw in the property name: LF, CR, NEL (C1), U+2028, RLO (bidi), DEL, ESC. */
    private static final String NAMES = "[\"a\\nfake: line\", \"b\\r\", \"c\\u0085\", \"d\\u2028\", \"e\\u202e\","
            + " \"f\\u007f\", \"g\\u001b[31m\", \"h\\\\u000a\"]";

    private static boolean hasUnsafe(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F);
    }

    @Test
    void errorTextEscapesWhatThePayloadPutsInNamesAndValues() {
        StringBuilder body = new StringBuilder("{\"message\": {\"type\": \"hang\"");
        for (String name : NAMES.substring(1, NAMES.length() - 1).split(", ")) {
            body.append(", ").append(name).append(": 1");
        }
        body.append(", \"timestamp\": \"x\\u0085\\u202ey\"}}");

        ValidationResult r = VALIDATOR.validate(Payload.of(body.toString()), Check.message().profile(Profile.STRICT));

        assertThat(r.errors()).hasSizeGreaterThanOrEqualTo(9);
        for (ValidationError e : r.errors()) {
            assertThat(hasUnsafe(e.toString())).as(e.toString()).isFalse();
            assertThat(hasUnsafe(e.message())).as(e.message()).isFalse();
        }
        assertThat(hasUnsafe(r.toString())).isFalse();
        // The pointer keeps the real name; only its printed form is escaped, and unambiguously so.
        assertThat(r.errors()).anySatisfy(e -> {
            assertThat(e.instanceLocation().toString()).isEqualTo("/message/a\nfake: line");
            assertThat(e.toString()).startsWith("/message/a\\u000afake: line: ");
        });
        assertThat(r.errors()).anySatisfy(e -> assertThat(e.toString()).startsWith("/message/h\\\\u000a: "));
    }

    @Test
    void anUnknownMessageTypeIsEscapedInTheResultText() {
        ValidationResult r = VALIDATOR.validate("{\"type\": \"x\\n\\u202ey\"}");

        assertThat(r.messageType()).contains("x\n\u202ey");
        assertThat(hasUnsafe(r.toString())).as(r.toString()).isFalse();
    }
}

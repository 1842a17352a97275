package dev.vapicheck.regress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.ErrorCode;
import dev.vapicheck.Limits;
import dev.vapicheck.Payload;
import dev.vapicheck.ValidationError;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Findings of the fuzzing and host runs about reading the payload. */
class ParsingFindingsTest {
    private static final VapiValidator VALIDATOR = VapiValidator.create();
    private static final String HANG = "{\"message\": {\"type\": \"hang\", \"timestamp\": 1}}";

    private static List<Function<String, Payload>> forms() {
        return List.of(Payload::of, s -> Payload.of(s.getBytes(StandardCharsets.UTF_8)),
                s -> Payload.of(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8))),
                s -> Payload.of(new StringReader(s)));
    }

    private static ValidationError only(ValidationResult r) {
        assertThat(r.errors()).hasSize(1);
        return r.errors().get(0);
    }

    @Test
    void utf8IsCheckedBeforeParsingNotAfterJacksonFails() {
        // Jackson stops at the long number first; the encoding must still be what is reported, whatever Jackson does.
        byte[] head = ("{\"a\": " + "1".repeat(1200) + ", \"b\": \"").getBytes(StandardCharsets.US_ASCII);
        byte[] doc = new byte[head.length + 4];
        System.arraycopy(head, 0, doc, 0, head.length);
        doc[head.length] = (byte) 0xC0;
        doc[head.length + 1] = (byte) 0xAF;
        doc[head.length + 2] = '"';
        doc[head.length + 3] = '}';

        ValidationError e = only(VALIDATOR.validate(Payload.of(doc)));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_UTF8);
        assertThat(e.arguments()).containsEntry("offset", head.length);
    }

    @Test
    void aByteOrderMarkGetsTheSameVerdictInEveryForm() {
        for (Function<String, Payload> form : forms()) {
            assertThat(VALIDATOR.validate(form.apply("\uFEFF" + HANG)).errors()).isEmpty();
            ValidationError e = only(VALIDATOR.validate(form.apply("\uFEFF{\n \"a\" 1}")));
            assertThat(e.arguments()).containsEntry("line", 2).containsEntry("column", 6);
        }
    }

    @Test
    void twoByteOrderMarksGetTheSameVerdictInEveryForm() {
        // Fuzz finding: bytes with two marks passed (Jackson skipped the second), the same text failed.
        for (Function<String, Payload> form : forms()) {
            ValidationError e = only(VALIDATOR.validate(form.apply("\uFEFF\uFEFF\r" + HANG)));
            assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
            assertThat(e.arguments()).containsEntry("line", 1).containsEntry("column", 1);
        }
    }

    @Test
    void aPropertyNameIsMeasuredInCharsInEveryForm() {
        // Fuzz finding: Jackson measured names in bytes in byte input, so 150 chars of 2 bytes broke a limit of 200.
        VapiValidator v = VapiValidator.builder().limits(Limits.defaults().withMaxNameLength(200)).build();
        String fits = "{\"message\": {\"type\": \"hang\", \"" + "\u00e9".repeat(150) + "\": 1}}";
        String over = fits.replace("\u00e9".repeat(150), "\u00e9".repeat(201));
        for (Function<String, Payload> form : forms()) {
            assertThat(v.validate(form.apply(fits)).errors()).isEmpty();
            assertThat(only(v.validate(form.apply(over))).code()).isEqualTo(ErrorCode.TOO_LARGE);
        }
    }

    @Test
    void parseErrorsAreInOurOwnWords() {
        for (String json : new String[] {"{\"message\": {\"type\": \"hang\"", "{\"a\": [1, 2", "{\"a\": \"cut",
                "{\"a\": tru}", "{\"a\": 01}", "{\"a\" 1}", "[1 2]", "{\"a\": \"\\q\"}", "{\"a\": \"\u0001\"}",
                "{]", "{\"a\": NaN}", "{'a': 1}", "{\"a\": 1,}"}) {
            for (Function<String, Payload> form : forms()) {
                ValidationError e = only(VALIDATOR.validate(form.apply(json)));
                assertThat(e.code()).as(json).isEqualTo(ErrorCode.MALFORMED_JSON);
                assertThat(e.message()).as(json).startsWith("malformed JSON at line 1, column ")
                        .doesNotContain("Source", "REDACTED", "StreamReadFeature", "tools.jackson", "JsonToken",
                                "(code", "Object property", "marker", "CTRL-CHAR");
                assertThat(e.arguments()).as(json).containsKeys("line", "column");
            }
        }
    }

    @Test
    void aTooLongNumberIsReportedAtItsStartExactlyAndStably() {
        // Over 32 KB before the number, so that the reader has refilled its buffers by then.
        String pad = "x".repeat(40_000);
        String json = "{\"message\": {\"type\": \"hang\", \"pad\": \"" + pad + "\",\n  \"n\": " + "9".repeat(1500) + "}}";
        int column = "  \"n\": ".length() + 1;
        for (int round = 0; round < 5; round++) {
            for (Function<String, Payload> form : forms()) {
                ValidationError e = only(VALIDATOR.validate(form.apply(json)));
                assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
                assertThat(e.arguments()).containsEntry("line", 2).containsEntry("column", column);
                assertThat(e.message()).contains("(at line 2, column " + column + ")");
            }
        }
    }

    @Test
    void aFloodOfNamesWithOneHashGetsTheSameVerdictInEveryFormAndCall() {
        // "Ac" and "BB" have the same hash in Jackson's table of names read from text (c1 * 33 + c2), so do all 1,024
        // names made of ten of them. Text refused such a body as too large, with a position that moved from call to
        // call; bytes accepted it.
        StringBuilder json = new StringBuilder("{\"message\": {\"type\": \"hang\", \"timestamp\": 1");
        for (int i = 0; i < 1024; i++) {
            json.append(", \"");
            for (int bit = 0; bit < 10; bit++) {
                json.append((i >> bit & 1) == 0 ? "Ac" : "BB");
            }
            json.append("\": 1");
        }
        String body = json.append("}}").toString();
        ValidationResult first = VALIDATOR.validate(Payload.of(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(first.errors()).noneMatch(e -> e.keyword().equals("json"));
        for (int round = 0; round < 3; round++) {
            for (Function<String, Payload> form : forms()) {
                assertThat(VALIDATOR.validate(form.apply(body)).errors()).isEqualTo(first.errors());
                assertThat(VALIDATOR.validate(form.apply(body.replace("hang", "h\u00e4ng"))).errors())
                        .noneMatch(e -> e.keyword().equals("json"));
            }
        }
    }
}

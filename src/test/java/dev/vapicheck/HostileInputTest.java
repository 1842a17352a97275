package dev.vapicheck;

import static dev.vapicheck.TestSchemas.located;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input comes back as one structured error: never an exception, a StackOverflowError (surefire runs with
 * -Xss640k), a hang or unbounded memory.
 */
@Timeout(60)
class HostileInputTest {
    final VapiValidator validator = TestSchemas.small();

    private static ValidationError only(ValidationResult r) {
        assertThat(r.isValid()).isFalse();
        assertThat(r.errors()).hasSize(1);
        return r.errors().get(0);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        ValidationError e = only(validator.validate("{\n  \"type\": \"transcript\",\n  \"role\" \"user\"\n}"));
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.keyword()).isEqualTo("json");
        assertThat(e.message()).startsWith("malformed JSON at line 3, column 10:");
        assertThat(e.arguments()).containsEntry("line", 3).containsEntry("column", 10);
        assertThat(e.schemaLocation()).isEmpty();
    }

    @Test
    void truncatedJson() {
        for (String json : new String[] {"{\"message\": {\"type\": \"hang\"", "{\"a\": [1, 2", "{\"a\": \"unterminated"}) {
            ValidationError e = only(validator.validate(json));
            assertThat(e.code()).as(json).isEqualTo(ErrorCode.MALFORMED_JSON);
            assertThat(e.message()).contains("line 1");
        }
    }

    @Test
    void emptyInputAndTrailingContent() {
        assertThat(only(validator.validate("")).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(only(validator.validate(Payload.of(new byte[0]))).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(only(validator.validate("  \n ")).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        ValidationError e = only(validator.validate("{\"type\": \"hang\"} {\"type\": \"hang\"}"));
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.message()).contains("after the end");
        assertThat(only(validator.validate("{\"type\": \"hang\"} garbage")).code())
                .isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    @Test
    void nonStandardJsonIsMalformed() {
        for (String json : new String[] {"{'type': 'hang'}", "{\"a\": NaN}", "{\"a\": 01}", "{\"a\": 1,}",
            "// c\n{}", "{\"a\": \"\u0001\"}"}) {
            assertThat(only(validator.validate(json)).code()).as(json).isEqualTo(ErrorCode.MALFORMED_JSON);
        }
    }

    @Test
    void invalidUtf8GivesTheByteOffset() {
        byte[] bad = {'{', '"', 'a', '"', ':', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        ValidationError e = only(validator.validate(Payload.of(bad)));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_UTF8);
        assertThat(e.keyword()).isEqualTo("json");
        assertThat(e.arguments()).containsEntry("offset", 7).containsEntry("line", 1).containsEntry("column", 8);
        for (byte[] seq : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}}) {
            byte[] doc = new byte[seq.length + 9];
            System.arraycopy(utf8("{\"a\": \""), 0, doc, 0, 7);
            System.arraycopy(seq, 0, doc, 7, seq.length);
            doc[doc.length - 2] = '"';
            doc[doc.length - 1] = '}';
            assertThat(only(validator.validate(Payload.of(doc))).code()).isEqualTo(ErrorCode.INVALID_UTF8);
            assertThat(only(validator.validate(Payload.of(new ByteArrayInputStream(doc)))).code())
                    .isEqualTo(ErrorCode.INVALID_UTF8);
        }
    }

    @Test
    void utf16IsNotAccepted() {
        byte[] utf16 = "{\"type\": \"hang\"}".getBytes(StandardCharsets.UTF_16LE);
        assertThat(only(validator.validate(Payload.of(utf16))).code()).isEqualTo(ErrorCode.INVALID_UTF8);
        byte[] bom16 = "{\"type\": \"hang\"}".getBytes(StandardCharsets.UTF_16); // FE FF BOM
        assertThat(only(validator.validate(Payload.of(bom16))).code()).isEqualTo(ErrorCode.INVALID_UTF8);
    }

    @Test
    void duplicateKeysPointAtTheDuplicate() {
        ValidationError e = only(validator.validate(
                "{\"message\": {\"type\": \"hang\", \"call\": {\"id\": \"a\", \"id\": \"b\"}}}"));
        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
        assertThat(e.instanceLocation()).hasToString("/message/call/id");
        assertThat(e.arguments()).containsEntry("property", "id").containsKey("line").containsKey("column");
    }

    @Test
    void nestingDeeperThanTheLimitIsTooDeepInEveryForm() {
        String deep = "[".repeat(201) + "]".repeat(201);
        String ok = "[".repeat(200) + "]".repeat(200);
        assertThat(only(validator.validate(deep)).code()).isEqualTo(ErrorCode.TOO_DEEP);
        assertThat(only(validator.validate(Payload.of(utf8(deep)))).code()).isEqualTo(ErrorCode.TOO_DEEP);
        assertThat(only(validator.validate(Payload.of(new StringReader(deep)))).code()).isEqualTo(ErrorCode.TOO_DEEP);
        // 200 levels parse fine (and then fail as not an object)
        assertThat(only(validator.validate(ok)).code()).isEqualTo(ErrorCode.NOT_AN_OBJECT);
        String veryDeep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        ValidationError e = only(validator.validate(veryDeep));
        assertThat(e.code()).isEqualTo(ErrorCode.TOO_DEEP);
        assertThat(e.arguments()).containsEntry("limit", 200);
        assertThat(e.instanceLocation().toString()).startsWith("/a/a/a");
        VapiValidator shallow = VapiValidator.builder().schemaDirectory(TestSchemas.smallSet())
                .limits(Limits.defaults().withMaxDepth(3)).build();
        assertThat(only(shallow.validate("{\"a\": {\"b\": {\"c\": {\"d\": 1}}}}")).code())
                .isEqualTo(ErrorCode.TOO_DEEP);
        assertThat(only(shallow.validate("{\"a\": {\"b\": {\"c\": 1}}}")).code())
                .isEqualTo(ErrorCode.REQUIRED);
    }

    @Test
    void deepTreesGivenAsJsonNodeAreCheckedToo() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode n = root;
        for (int i = 0; i < 10_000; i++) {
            n = n.putObject("a");
        }
        ValidationError e = only(validator.validate(root));
        assertThat(e.code()).isEqualTo(ErrorCode.TOO_DEEP);
        JsonNode missing = JsonNodeFactory.instance.missingNode();
        assertThat(only(validator.validate(missing)).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    @Test
    void oversizedStringsNumbersNamesAndDocumentsAreTooLarge() {
        VapiValidator small = VapiValidator.builder().schemaDirectory(TestSchemas.smallSet())
                .limits(Limits.defaults().withMaxStringLength(10).withMaxNumberLength(5).withMaxNameLength(11)
                        .withMaxDocumentBytes(200))
                .build();
        ValidationError s = only(small.validate("{\"type\": \"transcript\", \"transcript\": \"0123456789ab\"}"));
        assertThat(s.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(s.instanceLocation()).hasToString("/transcript");
        assertThat(s.arguments()).containsEntry("limit", 10L);
        ValidationError num = only(small.validate("{\"timestamp\": 1234567, \"type\": \"hang\"}"));
        assertThat(num.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(num.message()).contains("number");
        assertThat(only(small.validate("{\"timestamp\": 1.2345678}")).code()).isEqualTo(ErrorCode.TOO_LARGE);
        ValidationError name = only(small.validate("{\"abcdefghijkl\": 1}"));
        assertThat(name.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(name.message()).contains("property name");
        String big = "{\"type\": \"hang\", \"x\": [" + "1,".repeat(150) + "1]}";
        for (Payload p : new Payload[] {Payload.of(big), Payload.of(utf8(big)),
            Payload.of(new ByteArrayInputStream(utf8(big))), Payload.of(new StringReader(big))}) {
            ValidationError e = only(small.validate(p));
            assertThat(e.code()).as(p.toString()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(e.arguments()).containsEntry("limit", 200L);
        }
    }

    @Test
    void anEndlessStreamIsReadOnlyUpToTheLimit() {
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                served.addAndGet(len);
                java.util.Arrays.fill(b, off, off + len, (byte) ' ');
                return len;
            }
        };
        VapiValidator small = VapiValidator.builder().schemaDirectory(TestSchemas.smallSet())
                .limits(Limits.defaults().withMaxDocumentBytes(1 << 20)).build();
        assertThat(only(small.validate(Payload.of(endless))).code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(served.get()).isLessThan(3L << 20);
        Reader endlessChars = new Reader() {
            @Override
            public int read(char[] cbuf, int off, int len) {
                java.util.Arrays.fill(cbuf, off, off + len, ' ');
                return len;
            }

            @Override
            public void close() {
            }
        };
        assertThat(only(small.validate(Payload.of(endlessChars))).code()).isEqualTo(ErrorCode.TOO_LARGE);
    }

    @Test
    void readFailuresAreIoErrors() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        ValidationError e = only(validator.validate(Payload.of(failing)));
        assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR);
        assertThat(e.keyword()).isEqualTo("io");
        assertThat(e.message()).contains("connection reset");
    }

    @Test
    void aTopLevelValueThatIsNotAnObject() {
        for (String json : new String[] {"[]", "\"status-update\"", "42", "null", "true"}) {
            ValidationError e = only(validator.validate(json));
            assertThat(e.code()).as(json).isEqualTo(ErrorCode.NOT_AN_OBJECT);
            assertThat(e.keyword()).isEqualTo("type");
            assertThat(e.instanceLocation().toString()).isEmpty();
        }
    }

    @Test
    void aBareMessageWithoutType() {
        ValidationError e = only(validator.validate("{\"status\": \"ended\", \"call\": {\"id\": \"c\"}}"));
        assertThat(e.code()).isEqualTo(ErrorCode.REQUIRED);
        assertThat(e.keyword()).isEqualTo("required");
    }

    @Test
    void explodingValidationWorkEndsInAValidationLimitError() {
        StringBuilder sb = new StringBuilder("{\"type\": \"status-update\", \"status\": \"ended\", \"messages\": [");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"role\": \"user\", \"message\": \"m\", \"time\": ").append(i)
                    .append('}');
        }
        String json = sb.append("]}").toString();
        assertThat(validator.validate(json).isValid()).isTrue();
        VapiValidator tight = VapiValidator.builder().schemaDirectory(TestSchemas.smallSet())
                .limits(Limits.defaults().withMaxValidationSteps(10_000)).build();
        ValidationError e = only(tight.validate(json));
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_LIMIT);
        assertThat(e.keyword()).isEqualTo("limit");
        assertThat(e.arguments()).containsEntry("limit", 10_000L).containsEntry("kind", "steps");
    }

    private static String recursiveParameters(int depth, String leaf) {
        String params = "{\"type\": \"array\", \"items\": ".repeat(depth) + leaf + "}".repeat(depth);
        return "{\"type\": \"tool-calls\", \"toolCallList\": [{\"id\": \"1\", \"type\": \"function\","
                + " \"function\": {\"name\": \"f\", \"parameters\": " + params + "}}]}";
    }

    @Test
    void deeplyRecursiveSchemasValidateWithinTheDefaultLimits() {
        // JsonSchema refers to itself through items, so the evaluation recurses as deep as the data.
        assertThat(validator.validate(recursiveParameters(190, "{\"type\": \"string\"}")).isValid()).isTrue();
        ValidationResult bad = validator.validate(recursiveParameters(190, "{\"type\": 5}"));
        assertThat(bad.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TYPE);
            assertThat(e.instanceLocation().toString()).endsWith("/items/items/type");
        });
    }

    @Test
    void deepEvaluationStopsAtTheValidationDepth() {
        VapiValidator tight = VapiValidator.builder().schemaDirectory(TestSchemas.smallSet())
                .limits(Limits.defaults().withMaxValidationDepth(50)).build();
        ValidationError e = only(tight.validate(recursiveParameters(100, "{\"type\": \"string\"}")));
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_LIMIT);
        assertThat(e.arguments()).containsEntry("kind", "depth").containsEntry("limit", 50L);
    }

    @Test
    void limitsRaisedPastTheStackStillEndInAnErrorNotAStackOverflow() {
        VapiValidator loose = VapiValidator.builder().schemaDirectory(TestSchemas.smallSet())
                .limits(Limits.defaults().withMaxDepth(100_000).withMaxValidationDepth(10_000_000)).build();
        ValidationError e = only(loose.validate(recursiveParameters(20_000, "{\"type\": \"string\"}")));
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_LIMIT);
    }

    @Test
    void aHugeValidPayloadIsValid() {
        StringBuilder sb = new StringBuilder("{\"type\": \"status-update\", \"status\": \"ended\", \"messages\": [");
        String text = "x".repeat(200);
        for (int i = 0; i < 30_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"role\": \"bot\", \"message\": \"").append(text)
                    .append("\", \"time\": ").append(i).append(", \"duration\": 1}");
        }
        String json = sb.append("]}").toString();
        assertThat(validator.validate(Payload.of(utf8(json))).isValid()).isTrue();
    }

    @Test
    void aNumberBeyondTheDoubleRangeIsNamedAsSuch() {
        ValidationResult r = validator.validate("{\"type\": \"status-update\", \"status\": \"ended\", \"timestamp\": 1e400}");

        assertThat(located(r.errors())).containsExactly("/timestamp type");
        assertThat(r.errors().get(0).message()).isEqualTo("expected number but was a number out of the double range");
    }

    @Test
    void manyErrorsAreCappedInMemory() {
        StringBuilder sb = new StringBuilder("{\"type\": \"status-update\", \"status\": \"ended\", \"messages\": [");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"role\": \"bot\", \"message\": 1, \"time\": \"t\"}");
        }
        ValidationResult r = validator.validate(sb.append("]}").toString());
        assertThat(r.errors()).hasSize(100);
        assertThat(r.isTruncated()).isTrue();
        assertThat(located(r.errors()).get(0)).isEqualTo("/messages/0/message type");
    }
}

package dev.vapicheck.docs;

import static dev.vapicheck.assertj.VapiAssertions.assertThatMessage;
import static dev.vapicheck.assertj.VapiAssertions.assertThatReply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.Check;
import dev.vapicheck.Payload;
import dev.vapicheck.Profile;
import dev.vapicheck.ValidationError;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's snippets are the code below (between {@code readme:} markers) and the example scripts
 * under {@code src/examples/}: this test fails when the README stops quoting them exactly.
 * CI runs the JavaScript and Python examples for real.
 */
class ReadmeTest {

    private static final Path BASE = Path.of(System.getProperty("project.basedir", "."));

    @Test
    void validateFromJava() throws Exception {
        byte[] body = Files.readAllBytes(BASE.resolve("testdata/valid/status-update").resolve(firstFixture("status-update")));
        List<String> lines = new ArrayList<>();
        // readme:java
        VapiValidator validator = VapiValidator.create();          // build once, share across threads
        ValidationResult result = validator.validate(Payload.of(body));
        if (!result.isValid()) {
            for (ValidationError e : result.errors()) {
                lines.add(e.instanceLocation() + ": " + e.message() + " (" + e.keyword() + ")");
            }
        }
        ValidationResult strict = validator.validate(Payload.of(body),
                Check.message().kind("status-update").profile(Profile.STRICT));
        // readme:end
        assertThat(result.isValid()).isTrue();
        assertThat(lines).isEmpty();
        assertThat(strict.isValid()).isTrue();
    }

    @Test
    void assertionsInATest() {
        String body = """
                {"message": {"type": "tool-calls", "toolCallList": [{"id": "call_1", "type": "function",
                  "function": {"name": "bookTable", "arguments": {"time": "19:00"}}}],
                  "toolWithToolCallList": [], "timestamp": 1745000000123}}""";
        String reply = "{\"results\": [{\"name\": \"bookTable\", \"toolCallId\": \"call_1\", \"result\": \"booked\"}]}";
        // readme:assertj
        assertThatMessage(body).isValid().isOfKind("tool-calls");
        assertThatReply(reply, "tool-calls").isValid();
        assertThatMessage(body.replace("\"call_1\"", "42"), Check.message().profile(Profile.STRICT))
                .hasErrorAt("/message/toolCallList/0/id", "type");
        // readme:end
    }

    @Test
    void readmeQuotesTheExamples() throws Exception {
        String readme = Files.readString(BASE.resolve("README.md"));
        String self = Files.readString(BASE.resolve("src/test/java/dev/vapicheck/docs/ReadmeTest.java"));
        for (String marker : List.of("java", "assertj")) {
            assertThat(readme).as("README quotes the %s example", marker).contains(region(self, marker));
        }
        assertThat(readme).contains(Files.readString(BASE.resolve("src/examples/js/validate.mjs")).strip());
        assertThat(readme).contains(Files.readString(BASE.resolve("src/examples/python/validate.py")).strip());
    }

    /** The lines between {@code // readme:NAME} and {@code // readme:end}, de-indented. */
    static String region(String source, String name) {
        String start = "// readme:" + name + "\n";
        int from = source.indexOf(start);
        int to = source.indexOf("// readme:end", from);
        assertThat(from).as("marker %s", name).isNotNegative();
        String block = source.substring(from + start.length(), to);
        StringBuilder out = new StringBuilder();
        for (String line : block.split("\n")) {
            out.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
        }
        return out.toString().strip();
    }

    private static String firstFixture(String kind) throws Exception {
        try (var s = Files.list(BASE.resolve("testdata/valid").resolve(kind))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().findFirst().orElseThrow();
        }
    }
}

package dev.vapicheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The validate command: exit codes, text and JSON output, JSON Lines, standard input. */
class MainTest {
    static final String VALID = "{\"message\": {\"type\": \"status-update\", \"status\": \"ended\"}}";
    static final String INVALID = "{\"message\": {\"type\": \"status-update\", \"status\": 5, \"timestamp\": \"x\"}}";
    static final String DRIFT = "{\"message\": {\"type\": \"status-update\", \"status\": \"paused\"}}";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    String schemas;
    String out;
    String err;

    @BeforeEach
    void schemas() throws URISyntaxException {
        schemas = Path.of(MainTest.class.getResource("/dev/vapicheck/small-set/index.json").toURI()).getParent()
                .toString();
    }

    private int run(InputStream stdin, String... args) {
        CliRun run = CliRun.of(stdin, args);
        out = run.out();
        err = run.err();
        return run.code();
    }

    private int run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    /** validate --schemas small-set ARGS */
    private int validate(String... args) {
        List<String> all = new ArrayList<>(List.of("validate", "--schemas", schemas));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p.toString();
    }

    private List<JsonNode> jsonLines() {
        return out.lines().map(JSON::readTree).toList();
    }

    @Test
    void validInputsExitZeroWithASummary() throws IOException {
        String a = file("a.json", VALID);
        assertThat(validate(a)).isEqualTo(0);
        assertThat(out).isEqualTo("1 input: 1 valid, 0 invalid, 0 errors" + System.lineSeparator());
        assertThat(err).isEmpty();
    }

    @Test
    void invalidInputsExitOneWithOneLinePerError() throws IOException {
        String a = file("a.json", VALID);
        String b = file("b.json", INVALID);
        String c = file("c.json", "{\"type\": \"nope\"}");
        assertThat(validate("--reject-unknown-kinds", a, b, c)).isEqualTo(1);
        assertThat(out.lines()).containsExactly(
                b + ": /message/status: expected string but was number (type)",
                b + ": /message/timestamp: expected number but was string (type)",
                c + ": /type: unknown message type \"nope\": expected one of [status-update, tool-calls, transcript]"
                        + " (enum)",
                "3 inputs: 1 valid, 2 invalid, 3 errors");
    }

    @Test
    void anUnknownKindIsValidInLenientWithAWarningLine() throws IOException {
        String c = file("c.json", "{\"type\": \"nope\"}");
        assertThat(validate(c)).isEqualTo(0);
        assertThat(out.lines()).containsExactly(
                c + ": warning: /type: unknown message type \"nope\" (newer than the snapshot?); known: "
                        + "[status-update, tool-calls, transcript]; checked only as an object (enum)",
                "1 input: 1 valid, 0 invalid, 0 errors, 1 warning");
    }

    @Test
    void jsonFormatIsOneObjectPerInput() throws IOException {
        String a = file("a.json", VALID);
        String b = file("b.json", INVALID);
        assertThat(validate("--format", "json", a, b)).isEqualTo(1);
        List<JsonNode> lines = jsonLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("source").asString()).isEqualTo(a);
        assertThat(lines.get(0).get("valid").asBoolean()).isTrue();
        assertThat(lines.get(0).get("messageType").asString()).isEqualTo("status-update");
        assertThat(lines.get(0).get("errors")).isEmpty();
        assertThat(lines.get(0).get("warnings")).isEmpty();
        assertThat(lines.get(0).has("line")).isFalse();
        JsonNode bad = lines.get(1);
        assertThat(bad.get("valid").asBoolean()).isFalse();
        JsonNode error = bad.get("errors").get(0);
        assertThat(error.get("instanceLocation").asString()).isEqualTo("/message/status");
        assertThat(error.get("keyword").asString()).isEqualTo("type");
        assertThat(error.get("schemaLocation").asString()).endsWith("ServerMessageStatusUpdate.json#/properties/status/type");
        assertThat(error.get("message").asString()).isEqualTo("expected string but was number");
    }

    @Test
    void jsonLinesValidatesEachLine() throws IOException {
        String f = file("in.jsonl", VALID + "\n\n" + INVALID + "\r\n{broken\n" + VALID);
        assertThat(validate("--jsonl", "--format", "json", f)).isEqualTo(1);
        List<JsonNode> lines = jsonLines();
        assertThat(lines).extracting(n -> n.get("line").asInt()).containsExactly(1, 3, 4, 5);
        assertThat(lines).extracting(n -> n.get("valid").asBoolean()).containsExactly(true, false, false, true);
        assertThat(lines.get(2).get("errors").get(0).get("keyword").asString()).isEqualTo("json");
        assertThat(validate("--jsonl", f)).isEqualTo(1);
        assertThat(out.lines()).contains(f + ":3: /message/status: expected string but was number (type)")
                .last().isEqualTo("4 inputs: 2 valid, 2 invalid, 3 errors");
    }

    @Test
    void jsonLinesKeepBytesAsTheyAre() throws IOException {
        Path f = dir.resolve("bytes.jsonl");
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}', '\n'};
        Files.write(f, bad);
        Files.write(f, (VALID + "\n").getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        assertThat(validate("--jsonl", "--format", "json", f.toString())).isEqualTo(1);
        List<JsonNode> lines = jsonLines();
        assertThat(lines.get(0).get("errors").get(0).get("code").asString()).isEqualTo("INVALID_UTF8");
        assertThat(lines.get(1).get("valid").asBoolean()).isTrue();
    }

    @Test
    void dashReadsStandardInput() {
        assertThat(run(new ByteArrayInputStream(INVALID.getBytes(StandardCharsets.UTF_8)), "validate", "--schemas",
                schemas, "--format", "json", "-")).isEqualTo(1);
        assertThat(jsonLines().get(0).get("source").asString()).isEqualTo("-");
        assertThat(run(new ByteArrayInputStream((VALID + "\n" + VALID).getBytes(StandardCharsets.UTF_8)),
                "validate", "--schemas", schemas, "--jsonl", "-")).isEqualTo(0);
        assertThat(out).contains("2 inputs: 2 valid");
    }

    @Test
    void optionsReachTheCheck() throws IOException {
        String drift = file("drift.json", DRIFT);
        assertThat(validate(drift)).isEqualTo(0);
        assertThat(validate("--profile", "strict", drift)).isEqualTo(1);
        assertThat(validate("--profile", "STRICT", drift)).isEqualTo(1);
        assertThat(validate("--warnings", drift)).isEqualTo(0);
        assertThat(out.lines()).containsExactly(drift + ": warning: /message/status: expected one of [scheduled,"
                + " queued, ringing, in-progress, forwarding, ended] but was \"paused\" (enum)",
                "1 input: 1 valid, 0 invalid, 0 errors, 1 warning");
        assertThat(validate("--type", "transcript", file("v.json", VALID))).isEqualTo(1);
        assertThat(out).contains("(const)");
        String bad = file("bad.json", INVALID);
        assertThat(validate("--max-errors", "1", bad)).isEqualTo(1);
        assertThat(out.lines()).hasSize(3).element(1).asString().contains("more errors not shown");
        assertThat(validate("--fail-fast", "--format", "json", bad)).isEqualTo(1);
        assertThat(jsonLines().get(0).get("errors")).hasSize(1);
        String reply = file("reply.json", "{\"results\": [{\"toolCallId\": 1}]}");
        assertThat(validate("--reply-to", "tool-calls", "--format", "json", reply)).isEqualTo(1);
        JsonNode r = jsonLines().get(0);
        assertThat(r.get("messageType").asString()).isEqualTo("tool-calls");
        assertThat(r.get("errors").get(0).get("instanceLocation").asString()).isEqualTo("/results/0/toolCallId");
    }

    @Test
    void usageAndIoErrorsExitTwo() throws IOException {
        String valid = file("v.json", VALID);
        assertThat(validate(dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err).contains("missing.json");
        assertThat(validate(valid, dir.resolve("missing.json").toString())).isEqualTo(2);
        Files.createDirectories(dir.resolve("empty"));
        assertThat(validate(dir.resolve("empty").toString())).isEqualTo(2);
        assertThat(err).contains("no *.json file");
        assertThat(validate("--bogus", valid)).isEqualTo(2);
        assertThat(validate()).isEqualTo(2);
        assertThat(validate("--profile", "medium", valid)).isEqualTo(2);
        assertThat(validate("--format", "xml", valid)).isEqualTo(2);
        assertThat(validate("--max-errors", "0", valid)).isEqualTo(2);
        assertThat(err).contains("0");
        assertThat(validate("--type", "nope", valid)).isEqualTo(2);
        assertThat(err).contains("nope");
        assertThat(validate("--reply-to", "status-update", valid)).isEqualTo(2);
        assertThat(validate("--type", "transcript", "--reply-to", "tool-calls", valid)).isEqualTo(2);
        assertThat(run("validate", "--schemas", dir.resolve("nowhere").toString(), valid)).isEqualTo(2);
        assertThat(run("validate", "--schemas", dir.toString(), valid)).isEqualTo(2);
        assertThat(err).contains("index.json");
        assertThat(run()).isEqualTo(2);
        assertThat(err).contains("validate");
        assertThat(run("frobnicate")).isEqualTo(2);
    }

    @Test
    void helpAndVersion() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out).contains("validate");
        assertThat(run("validate", "--help")).isEqualTo(0);
        assertThat(out).contains("--profile", "--type", "--reply-to", "--format", "--jsonl", "--warnings",
                "--schemas", "--max-errors", "--fail-fast");
        assertThat(run("--version")).isEqualTo(0);
        assertThat(out).startsWith("vapi-check");
    }

    @Test
    void theEmbeddedSchemasAreTheDefault() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                MainTest.class.getResource("/dev/vapicheck/schemas/index.json") != null, "no embedded schemas yet");
        assertThat(run("validate", file("v.json", VALID))).isEqualTo(0);
    }

    @Test
    void outputIsSafeToPrintAndJsonStaysValid() throws IOException {
        String body = "{\"message\": {\"type\": \"status-update\", \"status\": \"ended\", \"a\\nb\": 1,"
                + " \"c\\u0085\\u202e\\u2028\": 2}}";
        String f = file("names.json", body);

        assertThat(validate("--profile", "strict", f)).isEqualTo(Main.INVALID);
        assertThat(out.lines()).hasSize(3); // two errors and the summary: no forged line
        assertThat(out).doesNotContain("\u0085", "\u202e", "\u2028").contains("/message/a\\u000ab: ");

        assertThat(validate("--profile", "strict", "--format", "json", f)).isEqualTo(Main.INVALID);
        assertThat(out).doesNotContain("\u0085", "\u202e", "\u2028");
        JsonNode report = JSON.readTree(out);
        assertThat(report.get("errors").findValuesAsString("instanceLocation"))
                .contains("/message/a\nb", "/message/c\u0085\u202e\u2028");
    }

    @Test
    void aDirectoryIsWalkedInNameOrderSkippingExpectations() throws IOException {
        Files.createDirectories(dir.resolve("d/sub"));
        Files.writeString(dir.resolve("d/sub/b.json"), INVALID);
        Files.writeString(dir.resolve("d/a.json"), VALID);
        Files.writeString(dir.resolve("d/sub/b.expected.json"), "{\"fault\": \"not a payload\"}");
        Files.writeString(dir.resolve("d/notes.txt"), "not json");

        assertThat(validate(dir.resolve("d").toString())).isEqualTo(1);

        assertThat(out).contains("b.json: /message/status").doesNotContain("b.expected.json", "notes");
        assertThat(out.lines().reduce((a, b) -> b)).hasValueSatisfying(
                last -> assertThat(last).startsWith("2 inputs: 1 valid, 1 invalid"));
    }

    @Test
    void ioFailuresAreNamedAndAJsonRecordWithFormatJson() throws IOException {
        String valid = file("v.json", VALID);
        String missing = dir.resolve("gone.json").toString();

        assertThat(validate(missing)).isEqualTo(2);
        assertThat(err).contains("gone.json: no such file");

        assertThat(validate("--format", "json", valid, missing)).isEqualTo(2);
        List<JsonNode> records = out.lines().map(JSON::readTree).toList();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("valid").asBoolean()).isTrue();
        JsonNode io = records.get(1);
        assertThat(io.get("source").asString()).isEqualTo(missing);
        assertThat(io.get("valid").asBoolean()).isFalse();
        assertThat(io.get("ioError").asBoolean()).isTrue();
        assertThat(io.get("errors").get(0).get("code").asString()).isEqualTo("IO_ERROR");
        assertThat(io.get("errors").get(0).get("keyword").asString()).isEqualTo("io");
    }

    @Test
    void usageErrorsPrintTheProblemAndTheShortUsageNotTheWholeHelp() throws IOException {
        String valid = file("v.json", VALID);
        for (String[] args : new String[][] {{"validate", "--bogus", valid}, {"validate", "-", "-"},
                {"validate", "--warnings", "--profile", "strict", valid}, {"validate", "--max-depth", "x", valid}}) {
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err).as(String.join(" ", args)).startsWith("vapi-check: ").contains("Usage: ", "--help")
                    .doesNotContain("Deepest nesting", "Exit codes");
            assertThat(err.lines().count()).as(err).isLessThan(12);
        }
        assertThat(run("validate", "-", "-")).isEqualTo(2);
        assertThat(err).contains("only once");
        assertThat(run("validate", "--warnings", "--profile", "strict", valid)).isEqualTo(2);
        assertThat(err).contains("--warnings");
    }

    @Test
    void helpIsASubcommandToo() {
        assertThat(run("help", "validate")).isEqualTo(0);
        assertThat(out).contains("--profile", "--max-depth", "--max-steps");
        assertThat(run("help")).isEqualTo(0);
        assertThat(out).contains("validate");
    }

    @Test
    void limitsHaveFlags() throws IOException {
        String valid = file("v.json", VALID);
        assertThat(validate(valid)).isEqualTo(0);
        assertThat(validate("--max-depth", "1", valid)).isEqualTo(1);
        assertThat(out).contains("nesting is deeper than the limit of 1");
        assertThat(validate("--max-bytes", "10", valid)).isEqualTo(1);
        assertThat(out).contains("larger than the limit of 10");
        assertThat(validate("--max-string-length", "3", valid)).isEqualTo(1);
        assertThat(validate("--max-name-length", "3", valid)).isEqualTo(1);
        assertThat(validate("--max-number-length", "1", file("n.json", VALID.replace("}}", ", \"timestamp\": 123}}"))))
                .isEqualTo(1);
        assertThat(validate("--max-steps", "1", valid)).isEqualTo(1);
        assertThat(out).contains("evaluation steps");
        assertThat(validate("--max-depth", "0", valid)).isEqualTo(2);
    }

    @Test
    void theTruncationNoteSaysWhichListWasCut() throws IOException {
        String bad = file("bad.json", INVALID);
        assertThat(validate("--max-errors", "1", bad)).isEqualTo(1);
        assertThat(out).contains("(more errors not shown; --max-errors 1)");
        String drift = file("drift.json", DRIFT.replace("}}", ", \"x\": 1, \"y\": 2}}"));
        assertThat(validate("--warnings", "--max-errors", "1", drift)).isEqualTo(0);
        assertThat(out).contains("warning: ").contains("(more warnings not shown; --max-errors 1)");
    }
}

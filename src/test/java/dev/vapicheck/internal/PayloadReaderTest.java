package dev.vapicheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.ErrorCode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reader first tries a cheaper parse and reads strictly only what that attempt rejects: these tests hold every
 * outcome (tree, or error with its position) to what the strict parser alone gives.
 */
class PayloadReaderTest {
    private static final Path BASE = Path.of(System.getProperty("project.basedir", "."));
    /** The default limits, and limits small enough that the corpus breaks each of them somewhere. */
    private static final List<PayloadReader> READERS = List.of(
            new PayloadReader(200, 16L * 1024 * 1024, 4 * 1024 * 1024, 1000, 10_000),
            new PayloadReader(6, 60_000, 60, 8, 12));

    @Test
    void everyPayloadReadsAsTheStrictParserAloneReadsItInEveryForm() {
        List<byte[]> inputs = inputs();
        assertThat(inputs).hasSizeGreaterThan(2000);
        int trees = 0;
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        for (PayloadReader reader : READERS) {
            PayloadReader strict = reader.strictOnly();
            for (byte[] b : inputs) {
                String text = new String(b, StandardCharsets.UTF_8);
                PayloadReader.Parsed expected = strict.read(b);
                same(reader.read(b), expected, text);
                same(reader.read(text), strict.read(text), text);
                same(reader.read(new StringReader(text)), strict.read(new StringReader(text)), text);
                if (expected.node() != null) {
                    trees++;
                } else {
                    codes.add(expected.error().error().code());
                }
            }
        }
        // Both ways out were taken, and every kind of reading error was met.
        assertThat(trees).isGreaterThan(1000);
        assertThat(codes).contains(ErrorCode.MALFORMED_JSON, ErrorCode.DUPLICATE_KEY, ErrorCode.TOO_LARGE,
                ErrorCode.TOO_DEEP, ErrorCode.INVALID_UTF8);
    }

    @Test
    void everyTreeIsCheckedAsTheWalkWithPathsChecksIt() {
        // Trees read within the default limits, checked against a lower one: many are too deep.
        int tooDeep = 0;
        PayloadReader shallow = new PayloadReader(6, 60_000, 60, 8, 12);
        for (byte[] b : inputs()) {
            JsonNode tree = READERS.get(0).read(b).node();
            if (tree != null) {
                PayloadReader.Parsed expected = shallow.strictOnly().check(tree);
                same(shallow.check(tree), expected, new String(b, StandardCharsets.UTF_8));
                tooDeep += expected.error() != null ? 1 : 0;
            }
        }
        assertThat(tooDeep).isGreaterThan(100);
    }

    @Test
    void aDuplicateIsReportedAtItsNameEvenWhenItsValueIsBroken() {
        // The cheaper attempt notices a duplicate only after reading its value; the strict parser, just after the name.
        PayloadReader reader = READERS.get(0);
        for (String json : new String[] {"{\"a\": 1,\n \"a\": {\"b\": [1, 2}}", "{\"a\": 1,\n \"a\": [" + "9".repeat(2000)
                + "]}", "{\"a\": 1,\n \"a\": 2} x"}) {
            Located e = reader.read(json.getBytes(StandardCharsets.UTF_8)).error();
            assertThat(e).as(json).isNotNull();
            assertThat(e.error().code()).as(json).isEqualTo(ErrorCode.DUPLICATE_KEY);
            assertThat(e.error().arguments()).as(json).containsEntry("line", 2).containsEntry("column", 5)
                    .containsEntry("property", "a");
        }
    }

    @Test
    void aStringWithTwoFaultsGetsTheSameErrorWhateverWasReadBefore() {
        // Found by mutating the corpus: a string over the limit with a bad escape further on was reported as too long
        // or as malformed depending on the buffers left over from earlier payloads (a new thread has none).
        PayloadReader reader = new PayloadReader(40, 1 << 24, 2000, 40, 200);
        String fixture = new String(read(BASE.resolve("testdata/valid/language-change-detected/long-conversation.json")),
                StandardCharsets.UTF_8);
        int at = fixture.lastIndexOf("help you with today") + "hel".length();
        byte[] doc = utf8(fixture.substring(0, at) + "\\" + fixture.substring(at));
        for (int round = 0; round < 3; round++) {
            Located first = onANewThread(() -> reader.read(doc).error());
            reader.read(read(BASE.resolve("testdata/valid/status-update/ended-customer-ended-call-long.json")));
            Located again = reader.read(doc).error();
            assertThat(first).isNotNull();
            assertThat(again).isEqualTo(first);
        }
    }

    @Test
    void aNameWithinTheLimitInCharsButNotInBytesIsRead() {
        // The attempt on bytes counts a name in bytes and gives up; the text decides.
        PayloadReader reader = new PayloadReader(200, 1 << 20, 1000, 100, 10);
        String json = "{\"" + "\u00e9".repeat(10) + "\": \"\u00e9\"}";
        assertThat(reader.read(json.getBytes(StandardCharsets.UTF_8)).node())
                .hasToString("{\"" + "\u00e9".repeat(10) + "\":\"\u00e9\"}");
        assertThat(reader.read(json.replace("\u00e9\"", "\u00e9\u00e9\"").getBytes(StandardCharsets.UTF_8)).error())
                .isNotNull();
    }

    private static <T> T onANewThread(java.util.function.Supplier<T> task) {
        java.util.concurrent.atomic.AtomicReference<T> out = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> out.set(task.get()));
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out.get();
    }

    private static void same(PayloadReader.Parsed actual, PayloadReader.Parsed expected, String input) {
        String shown = input.length() > 200 ? input.substring(0, 200) + "..." : input;
        assertThat(actual).as(shown).isEqualTo(expected);
        // Member order too, which JsonNode.equals does not compare.
        assertThat(String.valueOf(actual.node())).as(shown).isEqualTo(String.valueOf(expected.node()));
    }

    /** Every fixture and fuzz seed, and edits of each fixture that break it in the ways a reader must notice. */
    private static List<byte[]> inputs() {
        List<byte[]> out = new ArrayList<>();
        for (Path file : files(BASE.resolve("testdata"))) {
            byte[] b = read(file);
            String s = new String(b, StandardCharsets.UTF_8);
            out.add(b);
            out.add(utf8(s.substring(0, s.length() / 2)));
            out.add(utf8(s + " x"));
            out.add(utf8("\uFEFF" + s));
            int open = s.indexOf('{');
            int last = s.lastIndexOf('{');
            if (open >= 0) {
                out.add(utf8(s.substring(0, open + 1) + "\"d\u00e9\": 1, \"d\u00e9\": 2, " + s.substring(open + 1)));
                out.add(utf8(s.substring(0, last + 1) + "\"k\": [1], \"k\": {\"z\": " + s.substring(last + 1)));
            }
            int quote = s.indexOf("\": \"");
            if (quote >= 0) {
                byte[] bad = utf8(s.substring(0, quote + 4) + "\u00ff" + s.substring(quote + 4));
                bad[utf8(s.substring(0, quote + 4)).length + 1] = (byte) 0x28; // a lead byte without its tail
                out.add(bad);
            }
        }
        for (Path seed : files(BASE.resolve("src/test/resources/dev/vapicheck/fuzz/ValidateFuzzTestInputs"))) {
            byte[] b = read(seed);
            out.add(b);
            if (b.length > 0) {
                out.add(java.util.Arrays.copyOfRange(b, 1, b.length)); // without the byte that picks the check
            }
        }
        return out;
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

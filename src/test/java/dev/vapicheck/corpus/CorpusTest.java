package dev.vapicheck.corpus;

import static dev.vapicheck.assertj.VapiAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.Check;
import dev.vapicheck.Payload;
import dev.vapicheck.Profile;
import dev.vapicheck.ValidationError;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every fixture under {@code testdata/} is a test: valid ones pass in both profiles with no drift warning;
 * invalid and drift ones give exactly the errors (and warnings) their {@code .expected.json} lists.
 */
class CorpusTest {

    static final Path TESTDATA = Path.of(System.getProperty("project.basedir", ".")).resolve("testdata");
    static final int MIN_PER_KIND = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final VapiValidator VALIDATOR = VapiValidator.create();

    /** A fixture: its file, its group (valid, invalid, drift), the kind folder and whether it is a reply. */
    record Fixture(Path file, String group, String kind, boolean reply) {
        String name() {
            return TESTDATA.relativize(file).toString().replace('\\', '/');
        }

        /** The {@code <name>.expected.json} beside an invalid or drift fixture. */
        Path expectation() {
            return file.resolveSibling(file.getFileName().toString().replace(".json", ".expected.json"));
        }

        Check check(Profile profile) {
            Check c = reply ? Check.replyTo(kind) : Check.message();
            return profile == Profile.LENIENT ? c.profile(profile).withWarnings() : c.profile(profile);
        }
    }

    static List<Fixture> fixtures() throws IOException {
        List<Fixture> out = new ArrayList<>();
        for (String group : List.of("valid", "invalid", "drift")) {
            Path dir = TESTDATA.resolve(group);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".expected.json")).sorted().toList()) {
                    Path rel = dir.relativize(f);
                    boolean reply = rel.getName(0).toString().equals("reply");
                    String kind = rel.getName(reply ? 1 : 0).toString();
                    out.add(new Fixture(f, group, kind, reply));
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicNode> everyFixture() throws IOException {
        return fixtures().stream().map(f -> DynamicContainer.dynamicContainer(f.name(), Stream.of(Profile.values())
                .map(p -> DynamicTest.dynamicTest(p.name().toLowerCase(Locale.ROOT), f.file().toUri(), () -> check(f, p)))));
    }

    private static void check(Fixture f, Profile profile) throws IOException {
        ValidationResult r = VALIDATOR.validate(Payload.of(Files.readAllBytes(f.file())), f.check(profile));
        if (f.group().equals("valid")) {
            assertThat(r).isValid().hasNoWarnings();
            return;
        }
        Path expectedFile = f.expectation();
        assertThat(expectedFile).as("expectation beside " + f.name()).exists();
        JsonNode expected = JSON.readTree(expectedFile.toFile()).path(profile.name().toLowerCase(Locale.ROOT));
        assertThat(r.isValid()).as("valid in %s: %s", profile, r).isEqualTo(expected.path("valid").asBoolean());
        assertThat(places(r.errors())).as("errors of %s in %s", f.name(), profile).isEqualTo(places(expected.path("errors")));
        if (profile == Profile.LENIENT && expected.has("warnings")) {
            assertThat(places(r.warnings())).as("warnings of %s", f.name()).isEqualTo(places(expected.path("warnings")));
        }
    }

    private static Set<String> places(List<ValidationError> errors) {
        return errors.stream().map(e -> e.instanceLocation() + " " + e.keyword()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> places(JsonNode errors) {
        Set<String> out = new TreeSet<>();
        errors.forEach(e -> out.add(e.path("instanceLocation").asString() + " " + e.path("keyword").asString()));
        return out;
    }

    @Test
    void everyKindHasEnoughFixtures() throws IOException {
        List<Fixture> all = fixtures();
        for (String kind : VALIDATOR.messageKinds()) {
            if (kind.startsWith("transcript[")) {
                continue; // the second spelling of "transcript": its fixtures live under transcript/
            }
            for (String group : List.of("valid", "invalid")) {
                assertThat(all.stream().filter(f -> !f.reply() && f.group().equals(group) && f.kind().equals(kind)))
                        .as("%s/%s", group, kind).hasSizeGreaterThanOrEqualTo(MIN_PER_KIND);
            }
        }
        for (String kind : VALIDATOR.replyKinds()) {
            for (String group : List.of("valid", "invalid")) {
                assertThat(all.stream().filter(f -> f.reply() && f.group().equals(group) && f.kind().equals(kind)))
                        .as("%s/reply/%s", group, kind).hasSizeGreaterThanOrEqualTo(MIN_PER_KIND);
            }
        }
        assertThat(all.stream().filter(f -> f.group().equals("drift"))).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void everyInvalidOrDriftFixtureHasItsExpectation() throws IOException {
        for (Fixture f : fixtures()) {
            if (!f.group().equals("valid")) {
                assertThat(f.expectation()).as(f.name()).exists();
            }
        }
    }
}

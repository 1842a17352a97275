package dev.vapicheck.regress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.Check;
import dev.vapicheck.ErrorCode;
import dev.vapicheck.Limits;
import dev.vapicheck.Payload;
import dev.vapicheck.Profile;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Findings of the fuzzing about the result: fail-fast, truncation, and what the limits count. */
class ResultFindingsTest {
    private static final VapiValidator VALIDATOR = VapiValidator.create();

    @Test
    void failFastGivesExactlyOneErrorAlsoWhenTheWrapperIsWrongToo() {
        String[] bodies = {"{\"message\": {}, \"extra\": 1}", "{\"message\": 5, \"extra\": 1, \"more\": 2}",
                "{\"message\": {\"type\": \"no-such-kind\"}, \"extra\": 1}"};
        for (String body : bodies) {
            ValidationResult all = VALIDATOR.validate(Payload.of(body), Check.message().profile(Profile.STRICT));
            ValidationResult one = VALIDATOR.validate(Payload.of(body),
                    Check.message().profile(Profile.STRICT).failFast());

            assertThat(all.errors()).as(body).hasSizeGreaterThan(1);
            assertThat(one.errors()).as(body).hasSize(1).containsExactly(all.errors().get(0));
            assertThat(one.isTruncated()).as(body).isTrue();
        }
    }

    @Test
    void truncatedOnlyWhenErrorsWereReallyLeftOut() throws IOException {
        Path invalid = Path.of(System.getProperty("project.basedir", ".")).resolve("testdata/invalid");
        List<Path> files;
        try (Stream<Path> s = Files.walk(invalid)) {
            files = s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".expected.json")
                    && !p.toString().contains("/reply/")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            for (Profile profile : Profile.values()) {
                ValidationResult all = VALIDATOR.validate(Payload.of(body), Check.message().profile(profile));
                int n = all.errors().size();
                if (n == 0 || all.isTruncated()) {
                    continue;
                }
                ValidationResult exact = VALIDATOR.validate(Payload.of(body),
                        Check.message().profile(profile).maxErrors(n));
                assertThat(exact.errors()).as(file + " " + profile).isEqualTo(all.errors());
                assertThat(exact.isTruncated()).as(file + " " + profile + ": nothing was left out").isFalse();
                if (n > 1) {
                    ValidationResult fewer = VALIDATOR.validate(Payload.of(body),
                            Check.message().profile(profile).maxErrors(n - 1));
                    assertThat(fewer.isTruncated()).as(file + " " + profile).isTrue();
                }
            }
        }
    }

    @Test
    void stringLengthLimitCountsCharsNotBytesAsTheJavadocSays() {
        // Three 'é' are 6 bytes but 3 chars: within a limit of 4 chars in every form.
        VapiValidator v = VapiValidator.builder().limits(Limits.defaults().withMaxStringLength(4)).build();
        String body = "{\"message\": {\"type\": \"hang\", \"x\": \"\u00e9\u00e9\u00e9\"}}";
        assertThat(v.validate(Payload.of(body.getBytes(StandardCharsets.UTF_8))).errors()).isEmpty();
        assertThat(v.validate(Payload.of(body)).errors()).isEmpty();
        String longer = body.replace("\u00e9\u00e9\u00e9", "\u00e9\u00e9\u00e9\u00e9\u00e9");
        assertThat(v.validate(Payload.of(longer.getBytes(StandardCharsets.UTF_8))).errors().get(0).code())
                .isEqualTo(ErrorCode.TOO_LARGE);
    }
}

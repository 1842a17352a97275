package dev.vapicheck.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vapicheck.Check;
import dev.vapicheck.Limits;
import dev.vapicheck.Payload;
import dev.vapicheck.Profile;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code validate} on bytes, in every profile and check: it never throws, gives the same result twice (and the
 * same from a stream as from the array), never touches the input, and keeps the result's own promises (fail-fast
 * gives one error, at most {@code maxErrors} errors, warnings only on a valid lenient result).
 *
 * <p>The first input byte picks the check, the rest is the payload. {@code mvn verify} runs it over its seeds
 * ({@code src/test/resources/dev/vapicheck/fuzz/ValidateFuzzTestInputs/validateBytes/}) as a regression test;
 * {@code JAZZER_FUZZ=1 mvn -B test -Dtest=ValidateFuzzTest} fuzzes it (README, "Fuzzing").
 */
class ValidateFuzzTest {
    private static final int DEFAULT_CAP = 20;
    /** Small limits, so that the fuzzer reaches them. */
    private static final VapiValidator VALIDATOR = VapiValidator.builder()
            .limits(Limits.defaults().withMaxDepth(40).withMaxStringLength(2000).withMaxNumberLength(40)
                    .withMaxNameLength(200).withMaxValidationSteps(200_000))
            .maxErrors(DEFAULT_CAP).build();
    private static final List<Case> CASES = cases();

    /** A check and what the test knows about it. */
    private record Case(Check check, Profile profile, int cap) {
    }

    private static List<Case> cases() {
        List<Check> base = List.of(Check.message(), Check.message().kind("tool-calls"), Check.replyTo("tool-calls"),
                Check.replyTo("assistant-request"));
        List<Case> all = new ArrayList<>();
        for (Check c : base) {
            for (Profile p : Profile.values()) {
                Check check = c.profile(p);
                all.add(new Case(check, p, DEFAULT_CAP));
                all.add(new Case(check.withWarnings(), p, DEFAULT_CAP));
                all.add(new Case(check.failFast(), p, 1));
                all.add(new Case(check.maxErrors(2), p, 2));
            }
        }
        return List.copyOf(all);
    }

    @FuzzTest(maxDuration = "5m")
    void validateBytes(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Case c = CASES.get((input[0] & 0xFF) % CASES.size());
        Check check = c.check();
        byte[] payload = Arrays.copyOfRange(input, 1, input.length);
        byte[] before = payload.clone();

        ValidationResult first = VALIDATOR.validate(Payload.of(payload), check);
        ValidationResult again = VALIDATOR.validate(Payload.of(payload), check);
        ValidationResult stream = VALIDATOR.validate(Payload.of(new ByteArrayInputStream(payload)), check);

        assertThat(payload).isEqualTo(before);
        assertThat(again.errors()).isEqualTo(first.errors());
        assertThat(again.warnings()).isEqualTo(first.warnings());
        assertThat(again.isTruncated()).isEqualTo(first.isTruncated());
        assertThat(again.messageType()).isEqualTo(first.messageType());
        assertThat(stream.errors()).isEqualTo(first.errors());
        assertThat(first.profile()).isEqualTo(c.profile());
        assertThat(first.errors()).hasSizeLessThanOrEqualTo(c.cap());
        assertThat(first.warnings()).hasSizeLessThanOrEqualTo(c.cap());
        if (!first.warnings().isEmpty()) {
            assertThat(first.isValid()).isTrue();
            assertThat(c.profile()).isEqualTo(Profile.LENIENT);
        }
        first.errors().forEach(e -> assertThat(e.toString()).doesNotContain("\n", "\r", "\u2028", "\u0085"));
    }
}

package dev.vapicheck.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vapicheck.Check;
import dev.vapicheck.ErrorCode;
import dev.vapicheck.Limits;
import dev.vapicheck.Payload;
import dev.vapicheck.Profile;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code validate} on bytes, in every profile and check: it never throws, gives the same result twice (and the
 * same from a stream as from the array), never touches the input, and keeps the result's own promises (fail-fast
 * gives one error, at most {@code maxErrors} errors and warnings, warnings only in lenient; an unknown variant is
 * reported on any result, other warnings only on a valid one that asked for them); valid UTF-8 given as a
 * {@code String} or a {@code Reader} gets the same verdict.
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

    /**
     * A check and what the test knows about it: the most errors, the most warnings ({@code maxErrors}), and whether
     * it asks for warnings.
     */
    private record Case(Check check, Profile profile, int cap, int warningCap, boolean warnings) {
    }

    private static List<Case> cases() {
        List<Check> base = List.of(Check.message(), Check.message().kind("tool-calls"), Check.replyTo("tool-calls"),
                Check.replyTo("assistant-request"));
        List<Case> all = new ArrayList<>();
        for (Check c : base) {
            for (Profile p : Profile.values()) {
                Check check = c.profile(p);
                all.add(new Case(check, p, DEFAULT_CAP, DEFAULT_CAP, false));
                all.add(new Case(check.withWarnings(), p, DEFAULT_CAP, DEFAULT_CAP, true));
                all.add(new Case(check.failFast(), p, 1, DEFAULT_CAP, false));
                all.add(new Case(check.maxErrors(2), p, 2, 2, false));
            }
        }
        return List.copyOf(all);
    }

    private static @Nullable String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
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
        String text = strictUtf8(payload);
        if (text != null) {
            // The same document as text: the same verdict (codes may differ: a NUL in the first bytes is reported
            // as not UTF-8, since Jackson would take it for UTF-16).
            ValidationResult asText = VALIDATOR.validate(Payload.of(text), check);
            ValidationResult asReader = VALIDATOR.validate(Payload.of(new StringReader(text)), check);
            assertThat(asText.isValid()).as("String form").isEqualTo(first.isValid());
            assertThat(asReader.errors()).as("Reader form").isEqualTo(asText.errors());
        }
        assertThat(first.profile()).isEqualTo(c.profile());
        assertThat(first.errors()).hasSizeLessThanOrEqualTo(c.cap());
        assertThat(first.warnings()).hasSizeLessThanOrEqualTo(c.warningCap());
        if (!first.warnings().isEmpty()) {
            assertThat(c.profile()).isEqualTo(Profile.LENIENT);
        }
        if (first.warnings().stream().anyMatch(w -> w.code() != ErrorCode.UNKNOWN_VARIANT)) {
            // What strict flags besides unknown variants is reported only when asked for, on a valid result.
            assertThat(first.isValid()).isTrue();
            assertThat(c.warnings()).isTrue();
        }
        first.errors().forEach(e -> assertThat(e.toString()).doesNotContain("\n", "\r", "\u2028", "\u0085"));
    }
}

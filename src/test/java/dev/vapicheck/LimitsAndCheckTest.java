package dev.vapicheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The value types: defaults, copies, and arguments rejected naming the value. */
class LimitsAndCheckTest {
    @Test
    void defaultLimitsAreDocumentedValues() {
        Limits d = Limits.defaults();
        assertThat(d.maxDepth()).isEqualTo(200);
        assertThat(d.maxDocumentBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(d.maxStringLength()).isEqualTo(4 * 1024 * 1024);
        assertThat(d.maxNumberLength()).isEqualTo(1000);
        assertThat(d.maxNameLength()).isEqualTo(10_000);
        assertThat(d.maxValidationSteps()).isEqualTo(20_000_000L);
        assertThat(d.maxValidationDepth()).isEqualTo(1000);
    }

    @Test
    void withCopiesLeaveTheOriginalAlone() {
        Limits d = Limits.defaults();
        Limits c = d.withMaxDepth(10).withMaxDocumentBytes(100).withMaxStringLength(20).withMaxNumberLength(30)
                .withMaxNameLength(40).withMaxValidationSteps(50).withMaxValidationDepth(60);
        assertThat(d).isEqualTo(Limits.defaults());
        assertThat(c).isNotEqualTo(d);
        assertThat(c.maxDepth()).isEqualTo(10);
        assertThat(c.maxDocumentBytes()).isEqualTo(100);
        assertThat(c.maxStringLength()).isEqualTo(20);
        assertThat(c.maxNumberLength()).isEqualTo(30);
        assertThat(c.maxNameLength()).isEqualTo(40);
        assertThat(c.maxValidationSteps()).isEqualTo(50);
        assertThat(c.maxValidationDepth()).isEqualTo(60);
        assertThat(c).isEqualTo(d.withMaxDepth(10).withMaxDocumentBytes(100).withMaxStringLength(20)
                .withMaxNumberLength(30).withMaxNameLength(40).withMaxValidationSteps(50).withMaxValidationDepth(60));
        assertThat(c.hashCode()).isNotEqualTo(d.hashCode());
        assertThat(c.toString()).contains("maxDepth=10");
    }

    @Test
    void limitsBelowOneAreRejectedNamingTheValue() {
        Limits d = Limits.defaults();
        for (Function<Limits, Limits> bad : java.util.List.<Function<Limits, Limits>>of(
                l -> l.withMaxDepth(0), l -> l.withMaxDocumentBytes(-5), l -> l.withMaxStringLength(-1),
                l -> l.withMaxNumberLength(0), l -> l.withMaxNameLength(0), l -> l.withMaxValidationSteps(0),
                l -> l.withMaxValidationDepth(-2))) {
            assertThatThrownBy(() -> bad.apply(d)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageMatching(".*(0|-5|-1|-2)$");
        }
        assertThatThrownBy(() -> d.withMaxDocumentBytes(Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(Long.MAX_VALUE));
    }

    @Test
    void checksAreImmutableValues() {
        Check base = Check.message();
        Check strict = base.profile(Profile.STRICT).kind("hang").withWarnings().failFast().maxErrors(3);
        assertThat(base).isEqualTo(Check.message());
        assertThat(base.getProfile()).isEqualTo(Profile.LENIENT);
        assertThat(strict.getProfile()).isEqualTo(Profile.STRICT);
        assertThat(strict.requiredKind()).isEqualTo("hang");
        assertThat(strict.wantsWarnings()).isTrue();
        assertThat(strict.isFailFast()).isTrue();
        assertThat(strict.maxErrorsOrZero()).isEqualTo(3);
        assertThat(strict).isEqualTo(Check.message().kind("hang").maxErrors(3).failFast().withWarnings()
                .profile(Profile.STRICT));
        assertThat(strict.toString()).contains("kind=hang", "STRICT", "failFast", "maxErrors=3");
        assertThat(Check.replyTo("tool-calls").replyKind()).isEqualTo("tool-calls");
        assertThat(Check.replyTo("tool-calls").requiredKind()).isNull();
    }

    @Test
    void badCheckArgumentsAreRejected() {
        assertThatThrownBy(() -> Check.message().maxErrors(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> Check.message().kind(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Check.replyTo("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Check.replyTo("tool-calls").kind("tool-calls"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tool-calls");
        assertThatThrownBy(() -> Check.message().profile(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void errorCodesCarryTheirKeyword() {
        assertThat(ErrorCode.forKeyword("enum")).isEqualTo(ErrorCode.ENUM);
        assertThat(ErrorCode.forKeyword("additionalProperties")).isEqualTo(ErrorCode.ADDITIONAL_PROPERTIES);
        assertThat(ErrorCode.forKeyword("false")).isEqualTo(ErrorCode.FALSE_SCHEMA);
        assertThat(ErrorCode.forKeyword("contentEncoding")).isEqualTo(ErrorCode.OTHER);
        assertThat(ErrorCode.forKeyword(null)).isEqualTo(ErrorCode.OTHER);
        assertThat(ErrorCode.UNKNOWN_MESSAGE_TYPE.keyword()).isEqualTo("enum");
        assertThat(ErrorCode.MALFORMED_JSON.keyword()).isEqualTo("json");
        assertThat(ErrorCode.VALIDATION_LIMIT.keyword()).isEqualTo("limit");
        assertThat(ErrorCode.IO_ERROR.keyword()).isEqualTo("io");
    }

    @Test
    void validationErrorsRejectNulls() {
        assertThatThrownBy(() -> new ValidationError(ErrorCode.TYPE, "type", tools.jackson.core.JsonPointer.empty(),
                "", "m", java.util.Collections.singletonMap("a", null))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("a");
    }
}

package dev.vapicheck.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatternsTest {

    @Test
    void unwrapsAJavaScriptLiteral() {
        assertThat(Patterns.portable("/^[a-zA-Z0-9_-]{1,64}$/")).isEqualTo("^[a-zA-Z0-9_-]{1,64}$");
        assertThat(Patterns.portable("/^ab+$/u")).isEqualTo("^ab+$");
    }

    @Test
    void keepsAPlainPortablePattern() {
        assertThat(Patterns.portable("^[0-9]{3}-[a-z]+$")).isEqualTo("^[0-9]{3}-[a-z]+$");
    }

    @Test
    void refusesWhatOneDialectReadsDifferently() {
        assertThat(Patterns.portable("/^\\p{L}+$/u")).isNull();
        assertThat(Patterns.portable("^\\d+$")).isNull();
        assertThat(Patterns.portable("^\\w+$")).isNull();
        assertThat(Patterns.portable("(?<name>a)")).isNull();
        assertThat(Patterns.portable("/abc/i")).isNull();
        assertThat(Patterns.portable("a++")).isNull();
    }

    @Test
    void refusesAPatternJavaCannotCompile() {
        assertThat(Patterns.portable("^[a-$")).isNull();
    }
}

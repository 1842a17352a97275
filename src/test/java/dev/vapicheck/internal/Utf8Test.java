package dev.vapicheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static int check(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8.firstInvalid(b, b.length);
    }

    @Test
    void acceptsEveryValidForm() {
        byte[] text = "ascii é 你好 😀 \u007f \u0080 \u07ff \u0800 \uffff".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.firstInvalid(text, text.length)).isEqualTo(-1);
        assertThat(check(0xF4, 0x8F, 0xBF, 0xBF)).isEqualTo(-1); // U+10FFFF
        assertThat(check(0xED, 0x9F, 0xBF)).isEqualTo(-1); // U+D7FF
        assertThat(check()).isEqualTo(-1);
    }

    @Test
    void rejectsOverlongSurrogateOutOfRangeStrayAndTruncatedSequences() {
        assertThat(check('a', 0xC0, 0xAF)).isEqualTo(1);
        assertThat(check(0xC1, 0xBF)).isZero();
        assertThat(check(0xE0, 0x80, 0xAF)).isZero();
        assertThat(check(0xF0, 0x80, 0x80, 0xAF)).isZero();
        assertThat(check(0xED, 0xA0, 0x80)).isZero();
        assertThat(check(0xF4, 0x90, 0x80, 0x80)).isZero();
        assertThat(check(0xF5, 0x80, 0x80, 0x80)).isZero();
        assertThat(check('x', 'y', 0x80)).isEqualTo(2);
        assertThat(check(0xFF)).isZero();
        assertThat(check('a', 0xE2, 0x82)).isEqualTo(1);
        assertThat(check(0xC3, 0x28)).isZero();
    }

    @Test
    void onlyLooksAtTheGivenLength() {
        byte[] b = {'a', 'b', (byte) 0xFF};
        assertThat(Utf8.firstInvalid(b, 2)).isEqualTo(-1);
        assertThat(Utf8.firstInvalid(b, 3)).isEqualTo(2);
    }

    @Test
    void findsTheFirstNonAsciiByteAtEveryOffsetOfTheWordLoop() {
        for (int len = 0; len <= 80; len++) {
            byte[] b = new byte[len];
            java.util.Arrays.fill(b, (byte) 'a');
            assertThat(Utf8.firstNonAscii(b, 0, len)).isEqualTo(-1);
            for (int at = 0; at < len; at++) {
                b[at] = (byte) 0xC3;
                if (at + 1 < len) {
                    b[at + 1] = (byte) 0xFF; // a later high byte must not win
                }
                assertThat(Utf8.firstNonAscii(b, 0, len)).as("%d of %d", at, len).isEqualTo(at);
                assertThat(Utf8.firstNonAscii(b, Math.min(at + 2, len), len)).as("%d of %d", at, len).isEqualTo(-1);
                assertThat(Utf8.firstNonAscii(b, 0, at)).isEqualTo(-1);
                assertThat(Utf8.firstInvalid(b, len)).isEqualTo(at); // C3 FF, or C3 cut short
                b[at] = 'a';
                if (at + 1 < len) {
                    b[at + 1] = 'a';
                }
            }
        }
    }
}

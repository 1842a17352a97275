package dev.vapicheck.internal;

/** Strict UTF-8 checking (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Finds the first byte that does not start a valid UTF-8 sequence.
     *
     * @param b   the bytes
     * @param len how many bytes of {@code b} to check
     * @return the offset of the first bad sequence, or -1 if all {@code len} bytes are valid UTF-8
     */
    static int firstInvalid(byte[] b, int len) {
        int i = 0;
        while (i < len) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int need;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) {
                    min2 = 0xA0; // no overlong 3-byte forms
                } else if (c == 0xED) {
                    max2 = 0x9F; // no surrogates
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) {
                    min2 = 0x90; // no overlong 4-byte forms
                } else if (c == 0xF4) {
                    max2 = 0x8F; // nothing above U+10FFFF
                }
            } else {
                return i;
            }
            if (i + need >= len) { // truncated sequence
                return i;
            }
            int second = b[i + 1] & 0xFF;
            if (second < min2 || second > max2) {
                return i;
            }
            for (int k = 2; k <= need; k++) {
                int cont = b[i + k] & 0xFF;
                if (cont < 0x80 || cont > 0xBF) {
                    return i;
                }
            }
            i += need + 1;
        }
        return -1;
    }
}

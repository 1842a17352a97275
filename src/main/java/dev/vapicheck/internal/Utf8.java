package dev.vapicheck.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 checking with the JDK's own decoder (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), run before parsing so that the verdict never depends on the host's Jackson version.
 */
final class Utf8 {
    private static final int CHUNK = 8192;

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
        while (i < len && b[i] >= 0) {
            i++; // ASCII needs no decoder
        }
        if (i == len) {
            return -1;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, i, len - i);
        CharBuffer out = CharBuffer.allocate(Math.min(CHUNK, len - i + 2));
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                break;
            }
            out.clear();
        }
        while (decoder.flush(out).isOverflow()) {
            out.clear();
        }
        return -1;
    }
}

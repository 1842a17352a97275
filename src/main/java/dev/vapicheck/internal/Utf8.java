package dev.vapicheck.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    /** Eight bytes at a time, in whatever order: only whether any high bit is set matters. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /**
     * Finds the first byte above 0x7F, eight bytes at a time.
     *
     * @param b    the bytes
     * @param from where to start
     * @param len  how many bytes of {@code b} to look at
     * @return its offset, or -1 if bytes {@code from} to {@code len - 1} are all ASCII
     */
    static int firstNonAscii(byte[] b, int from, int len) {
        int i = from;
        for (int end = len - 31; i < end; i += 32) {
            long any = (long) LONGS.get(b, i) | (long) LONGS.get(b, i + 8) | (long) LONGS.get(b, i + 16)
                    | (long) LONGS.get(b, i + 24);
            if ((any & HIGH_BITS) != 0) {
                break;
            }
        }
        for (; i < len; i++) {
            if (b[i] < 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Finds the first byte that does not start a valid UTF-8 sequence.
     *
     * @param b   the bytes
     * @param len how many bytes of {@code b} to check
     * @return the offset of the first bad sequence, or -1 if all {@code len} bytes are valid UTF-8
     */
    static int firstInvalid(byte[] b, int len) {
        return firstInvalid(b, firstNonAscii(b, 0, len), len);
    }

    /**
     * Finds the first byte that does not start a valid UTF-8 sequence, knowing where the first non-ASCII byte is.
     *
     * @param b             the bytes
     * @param firstNonAscii the offset of the first byte above 0x7F, or -1 if there is none (as
     *                      {@link #firstNonAscii} finds it)
     * @param len           how many bytes of {@code b} to check
     * @return the offset of the first bad sequence, or -1 if all {@code len} bytes are valid UTF-8
     */
    static int firstInvalid(byte[] b, int firstNonAscii, int len) {
        int i = firstNonAscii;
        if (i < 0) {
            return -1; // ASCII needs no decoder
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

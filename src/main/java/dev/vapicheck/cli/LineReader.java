package dev.vapicheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Splits a byte stream into lines ({@code \n} or {@code \r\n}) without decoding it, so that invalid UTF-8 reaches
 * the validator as it is. A line longer than the limit is cut at limit + 1 bytes (the rest is skipped), which is
 * enough for the validator to report it as too large.
 */
final class LineReader {
    private final InputStream in;
    private final long limit;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int end;
    private boolean eof;
    private int lineNumber;

    LineReader(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    /** @return the number of the line last returned by {@link #next()}, from 1 */
    int lineNumber() {
        return lineNumber;
    }

    /**
     * The next line, without its line terminator.
     *
     * @return the bytes, or null at the end of the stream
     * @throws IOException if reading fails
     */
    byte @Nullable [] next() throws IOException {
        byte[] line = new byte[256];
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == end) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            int newline = -1;
            for (int i = position; i < end; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int stop = newline < 0 ? end : newline;
            int keep = (int) Math.max(0, Math.min(stop - start, limit + 1 - length));
            if (keep > 0) {
                if (length + keep > line.length) {
                    line = Arrays.copyOf(line, Math.max(length + keep, line.length * 2));
                }
                System.arraycopy(buffer, start, line, length, keep);
                length += keep;
            }
            if (newline >= 0) {
                position = newline + 1;
                break;
            }
            position = end;
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r' && length <= limit) {
            length--;
        }
        return Arrays.copyOf(line, length);
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        position = 0;
        end = n;
        return true;
    }
}

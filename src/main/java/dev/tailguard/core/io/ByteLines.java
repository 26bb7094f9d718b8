package dev.tailguard.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a byte stream into lines exactly where {@link java.io.BufferedReader#readLine()} splits the decoded text
 * ({@code \n}, {@code \r} or {@code \r\n}; a last line without a terminator counts, an empty stream has no line),
 * without decoding: in UTF-8 the bytes {@code \n} and {@code \r} never occur inside a multi-byte character, so the
 * bytes can be split as they are. The current line is a view into an internal buffer ({@link #buffer()},
 * {@link #start()}, {@link #length()}), valid until the next call; nothing is copied unless a line spans two reads.
 * Line ends are found 8 bytes at a time: a word with no byte below {@code 0x0e} is passed with one test, otherwise
 * the "has a zero byte" test of Hacker's Delight §6-1 on the word XOR {@code 0x0a…}/{@code 0x0d…} finds the end.
 */
public final class ByteLines implements Closeable {

    /** Default read size. */
    static final int DEFAULT_BUFFER = 1 << 16;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';
    /** {@code (w - BELOW_CR) & ~w & HIGHS} is non-zero exactly when a byte of {@code w} is below {@code 0x0e}. */
    private static final long BELOW_CR = ONES * ('\r' + 1);

    private final InputStream in;
    private final int readSize;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean skipLf;
    private int lineStart;
    private int lineLength;
    private long lineNumber;

    /** Lines of {@code in} (already decompressed), read {@value #DEFAULT_BUFFER} bytes at a time. */
    public ByteLines(InputStream in) {
        this(in, DEFAULT_BUFFER);
    }

    /** Lines of {@code in}, read {@code bufferSize} bytes at a time (a longer line grows the buffer). */
    public ByteLines(InputStream in, int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size must be > 0, got " + bufferSize);
        }
        this.in = in;
        this.readSize = bufferSize;
        this.buf = new byte[bufferSize];
    }

    /**
     * Advances to the next line.
     *
     * @return false at the end of the stream (the current line is then undefined)
     */
    public boolean next() throws IOException {
        if (skipLf) {
            if (pos == limit && !fill()) {
                return false;
            }
            skipLf = false;
            if (buf[pos] == '\n') {
                pos++;
            }
        }
        int start = pos;
        int scanned = pos;
        while (true) {
            int end = indexOfLineEnd(buf, scanned, limit);
            if (end >= 0) {
                finishLine(start, end);
                return true;
            }
            int kept = limit - start;
            if (eof || !refill(start)) {
                if (kept == 0) {
                    return false;
                }
                lineStart = limit - kept;
                lineLength = kept;
                lineNumber++;
                pos = limit;
                return true;
            }
            start = 0;
            scanned = kept;
        }
    }

    private void finishLine(int start, int end) {
        lineStart = start;
        lineLength = end - start;
        lineNumber++;
        pos = end + 1;
        if (buf[end] == '\r') {
            if (pos < limit) {
                if (buf[pos] == '\n') {
                    pos++;
                }
            } else {
                skipLf = true;
            }
        }
    }

    /**
     * Skips up to {@code n} non-empty lines (the readers skip empty ones, so they are not counted).
     *
     * @return the non-empty lines skipped, fewer than {@code n} only when the stream ended first
     */
    public long skipNonEmpty(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && next()) {
            if (lineLength > 0) {
                skipped++;
            }
        }
        return skipped;
    }

    /** The buffer holding the current line. */
    public byte[] buffer() {
        return buf;
    }

    /** Offset of the current line in {@link #buffer()}. */
    public int start() {
        return lineStart;
    }

    /** Bytes of the current line, without its terminator. */
    public int length() {
        return lineLength;
    }

    /** The 1-based number of the current line (every line counts, empty ones too). */
    public long lineNumber() {
        return lineNumber;
    }

    /** Reads more after a consumed buffer; false at the end. */
    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        return refill(0);
    }

    /** Keeps {@code buf[keepFrom, limit)} at the front and reads more behind it; false when nothing more came. */
    private boolean refill(int keepFrom) throws IOException {
        int kept = limit - keepFrom;
        if (keepFrom > 0) {
            System.arraycopy(buf, keepFrom, buf, 0, kept);
        }
        if (buf.length - kept < readSize) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, kept + readSize));
        }
        pos = 0;
        limit = kept;
        int r;
        do {
            r = in.read(buf, kept, buf.length - kept);
        } while (r == 0);
        if (r < 0) {
            eof = true;
            return false;
        }
        limit = kept + r;
        return true;
    }

    /** Index of the first {@code \n} or {@code \r} in {@code b[from, to)}, or -1. */
    static int indexOfLineEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i);
            // one test first: a byte below 0x0e (JSONL written by Jackson has none but line ends), then which
            if (((w - BELOW_CR) & ~w & HIGHS) != 0) {
                long found = zeroBytes(w ^ LFS) | zeroBytes(w ^ CRS);
                if (found != 0) {
                    // a false mark only ever sits above a true one, so the lowest mark is exact
                    return i + (Long.numberOfTrailingZeros(found) >>> 3);
                }
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** High bit set in the lowest zero byte of {@code x} (higher bytes may be marked falsely). */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package dev.tailguard.core.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Skips the first non-empty lines of a UTF-8 stream without decoding them: a task that starts in the middle of a
 * shard used to read every line before its range into a {@code String} ({@code BufferedReader.readLine}) only to
 * drop it — with shards of large documents most of a task's reading. Lines end as {@code readLine} ends them
 * ({@code \n}, {@code \r} or {@code \r\n}); in UTF-8 those bytes never occur inside a multi-byte character, so the
 * bytes can be scanned as they are ({@link ByteLines}, 8 bytes at a time). Empty lines are not counted (the readers
 * skip them). The stages' readers use {@link ByteLines#skipNonEmpty} directly.
 */
public final class LineSkip {

    private static final int BUF = 1 << 16;

    private LineSkip() {
    }

    /**
     * What is left after skipping.
     *
     * @param stream  the rest of the stream, starting right after the last skipped line (possibly at the
     *                {@code \n} of its {@code \r\n}, which a reader sees as an empty line); closing it closes the
     *                original stream
     * @param skipped non-empty lines skipped (fewer than asked when the stream ended first)
     */
    public record Rest(InputStream stream, long skipped) {
    }

    /** Skips {@code n} non-empty lines of {@code in}. */
    public static Rest skip(InputStream in, long n) throws IOException {
        return skip(in, n, BUF);
    }

    static Rest skip(InputStream in, long n, int bufferSize) throws IOException {
        if (n <= 0) {
            return new Rest(in, 0);
        }
        ByteLines lines = new ByteLines(in, bufferSize);
        long skipped = lines.skipNonEmpty(n);
        return new Rest(lines.rest(), skipped);
    }
}

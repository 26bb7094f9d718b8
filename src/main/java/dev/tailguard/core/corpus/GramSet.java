package dev.tailguard.core.corpus;

import dev.tailguard.core.collections.NgramHash;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * A read-only set of k-gram hashes (the real corpus's 13-grams for the memorisation share, Gopher's n = 13: Rae et
 * al. 2021, "Scaling Language Models", Appendix A) as a compact artifact: the distinct 64-bit hashes
 * ({@link NgramHash#ngram}) sorted ascending, 8 bytes each, memory-mapped and searched by binary search, so any
 * number of tasks and threads share one copy outside the Java heap. Built by {@link GramSetWriter}.
 * <pre>
 * header (24 bytes): magic "TGGRAMS\0" · int version · int k · long count     (little-endian)
 * body: long[count] sorted signed ascending, no duplicates
 * </pre>
 * Membership is exact on hashes (a 64-bit collision is the only false positive, as for the in-heap index it replaces).
 */
public final class GramSet {

    static final byte[] MAGIC = "TGGRAMS\0".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER = 24;
    /** Longs per mapped window (1 GiB). */
    private static final long WINDOW = 1L << 27;

    private final int k;
    private final long count;
    private final LongBuffer[] windows;

    private GramSet(int k, long count, LongBuffer[] windows) {
        this.k = k;
        this.count = count;
        this.windows = windows;
    }

    static void writeHeader(OutputStream out, int k, long count) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC).putInt(VERSION).putInt(k).putLong(count);
        new DataOutputStream(out).write(h.array());
    }

    /**
     * Maps a set file. The mapping stays valid after the file is deleted (POSIX), so a caller may unlink a temporary
     * copy right after opening it.
     *
     * @throws IllegalArgumentException if the file is not a k-gram set of this version or is truncated
     */
    public static GramSet open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (h.hasRemaining() && ch.read(h) >= 0) {
                // fill the header
            }
            h.flip();
            byte[] magic = new byte[MAGIC.length];
            if (h.remaining() < HEADER) {
                throw new IllegalArgumentException(file + ": not a k-gram set (shorter than its header)");
            }
            h.get(magic);
            int version = h.getInt();
            int k = h.getInt();
            long count = h.getLong();
            if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                throw new IllegalArgumentException(file + ": not a k-gram set of version " + VERSION);
            }
            if (count < 0 || size != HEADER + 8 * count) {
                throw new IllegalArgumentException(file + ": k-gram set truncated (header says " + count
                        + " hashes, file has " + size + " bytes)");
            }
            int n = (int) ((count + WINDOW - 1) / WINDOW);
            LongBuffer[] w = new LongBuffer[n];
            for (int i = 0; i < n; i++) {
                long from = i * WINDOW;
                long len = Math.min(WINDOW, count - from);
                w[i] = ch.map(FileChannel.MapMode.READ_ONLY, HEADER + 8 * from, 8 * len)
                        .order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
            }
            return new GramSet(k, count, w);
        }
    }

    /** k. */
    public int k() {
        return k;
    }

    /** Distinct hashes. */
    public long size() {
        return count;
    }

    private long at(long i) {
        return windows[(int) (i / WINDOW)].get((int) (i % WINDOW));
    }

    /** True when the k-gram hash is in the set. */
    public boolean contains(long gram) {
        long lo = 0;
        long hi = count - 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            long v = at(mid);
            if (v < gram) {
                lo = mid + 1;
            } else if (v > gram) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /**
     * The k-grams of one document (its {@code Tokenizer.words} tokens) and how many of them are in the set:
     * {@code {grams, found}}, the numerator and denominator of the memorised share ({@link Memorisation}).
     */
    public long[] overlap(List<String> documentTokens) {
        return overlap(NgramHash.tokens(documentTokens));
    }

    /** {@link #overlap(List)} from the document's token hashes ({@link NgramHash#tokens}), computed once by the caller. */
    public long[] overlap(long[] th) {
        long grams = Math.max(0, th.length - k + 1);
        long found = 0;
        for (int i = 0; i + k <= th.length; i++) {
            if (contains(NgramHash.ngram(th, i, k))) {
                found++;
            }
        }
        return new long[] {grams, found};
    }

    /**
     * Longest run of consecutive document tokens all of whose k-grams are in the set, in tokens (0 when no k-gram
     * is). Overlapping k-grams that chain are read as one verbatim span: with k = 13 two chained hits from different
     * real passages are rare, so this is the span {@link Memorisation#analyse} finds against the in-heap index, read
     * from the memory-mapped set instead (bounded memory, issue 12); it can only overstate, never miss, a span.
     */
    public int longestSpan(List<String> documentTokens) {
        return longestSpan(NgramHash.tokens(documentTokens));
    }

    /** {@link #longestSpan(List)} from the document's token hashes ({@link NgramHash#tokens}). */
    public int longestSpan(long[] th) {
        int best = 0;
        int run = 0;
        for (int i = 0; i + k <= th.length; i++) {
            if (contains(NgramHash.ngram(th, i, k))) {
                run++;
                best = Math.max(best, run + k - 1);
            } else {
                run = 0;
            }
        }
        return best;
    }
}

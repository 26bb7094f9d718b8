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
 * ({@link NgramHash#ngram}) sorted ascending, 8 bytes each, memory-mapped and searched by binary search within the
 * bucket of a small first-level index on the top bits, so any number of tasks and threads share one copy outside the
 * Java heap. Built by {@link GramSetWriter}.
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

    /** Largest first-level index: 2^15 positions, 256 KiB, small enough to stay in the CPU's cache. */
    static final int MAX_BUCKET_BITS = 15;
    /** Hashes per bucket aimed at while the index is below its cap. */
    static final int PER_BUCKET = 64;
    /** Interpolation steps before a lookup falls back to binary search within the bucket. */
    private static final int STEPS = 16;
    /** Hashes whose first probes {@link #containsAll} reads together. */
    private static final int BATCH = 256;

    private final int k;
    private final long count;
    private final LongBuffer[] windows;
    /** {@code 64 - bucket bits}: a hash's bucket is its top bits in unsigned order ({@link #bucket}). */
    private final int shift;
    /**
     * First-level index: {@code starts[b]} is the position of the first hash of bucket {@code b} (the last entry is
     * {@code count}). Hashes are uniform, so within a bucket a hash's position is interpolated from its low bits and
     * a lookup reads one or two neighbouring cache lines of the mapped body instead of a binary search's
     * ~log2(count) scattered ones.
     */
    private final long[] starts;

    private GramSet(int k, long count, LongBuffer[] windows) {
        this.k = k;
        this.count = count;
        this.windows = windows;
        int bits = bucketBits(count);
        this.shift = 64 - bits;
        this.starts = bits == 0 ? new long[] {0, count} : index(bits);
    }

    /** Bucket bits for {@code count} hashes: about {@value #PER_BUCKET} per bucket, at most {@value #MAX_BUCKET_BITS} bits. */
    static int bucketBits(long count) {
        int bits = 0;
        while (bits < MAX_BUCKET_BITS && ((long) PER_BUCKET << bits) < count) {
            bits++;
        }
        return bits;
    }

    /** The bucket of a hash: its top bits with the sign flipped, so buckets follow the body's signed order. */
    private int bucket(long gram) {
        return shift == 64 ? 0 : (int) ((gram ^ Long.MIN_VALUE) >>> shift);
    }

    private long[] index(int bits) {
        long[] st = new long[(1 << bits) + 1];
        int b = 0;
        for (long i = 0; i < count; i++) {
            int g = bucket(at(i));
            while (b <= g) {
                st[b++] = i;
            }
        }
        while (b < st.length) {
            st[b++] = count;
        }
        return st;
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
        long pos = guess(gram);
        return pos >= 0 && resolve(gram, pos, at(pos));
    }

    /**
     * Membership of many hashes: {@code out[i]} is true when {@code grams[i]} is in the set. The first probe of every
     * hash is read before any is resolved, so the CPU overlaps their cache misses (independent loads) instead of
     * waiting for each in turn; the answers equal {@link #contains}'.
     */
    public boolean[] containsAll(long[] grams) {
        int m = grams.length;
        boolean[] out = new boolean[m];
        long[] pos = new long[Math.min(m, BATCH)];
        long[] first = new long[pos.length];
        for (int from = 0; from < m; from += BATCH) {
            int n = Math.min(BATCH, m - from);
            for (int i = 0; i < n; i++) {
                long p = guess(grams[from + i]);
                pos[i] = p;
                first[i] = p < 0 ? 0 : at(p);
            }
            for (int i = 0; i < n; i++) {
                out[from + i] = pos[i] >= 0 && resolve(grams[from + i], pos[i], first[i]);
            }
        }
        return out;
    }

    /** The interpolated first position of a hash within its bucket, or -1 when the bucket is empty. */
    private long guess(long gram) {
        int b = bucket(gram);
        long lo = starts[b];
        long hi = starts[b + 1] - 1;
        if (lo > hi) {
            return -1;
        }
        long low = shift == 64 ? gram ^ Long.MIN_VALUE : (gram ^ Long.MIN_VALUE) & ((1L << shift) - 1);
        double frac = shift == 64 ? unsignedFraction(low) : (double) low / (double) (1L << shift);
        return Math.min(hi, lo + (long) (frac * (hi - lo + 1)));
    }

    /**
     * Finds the hash from its first probe {@code pos} (value {@code v}): steps towards it, then binary search; the
     * bucket's range {@code [lo, hi]} always holds the hash if present.
     */
    private boolean resolve(long gram, long pos, long v) {
        int b = bucket(gram);
        long lo = starts[b];
        long hi = starts[b + 1] - 1;
        long p = pos;
        long value = v;
        for (int step = 0; step < STEPS; step++) {
            if (value == gram) {
                return true;
            }
            if (value < gram) {
                lo = p + 1;
                p = lo;
            } else {
                hi = p - 1;
                p = hi;
            }
            if (lo > hi) {
                return false;
            }
            value = at(p);
        }
        return binarySearch(gram, lo, hi);
    }

    /** {@code u / 2^64} for an unsigned 64-bit {@code u}. */
    private static double unsignedFraction(long u) {
        double d = (double) (u >>> 1) * 2.0;
        return d / 18446744073709551616.0;
    }

    private boolean binarySearch(long gram, long from, long to) {
        long lo = from;
        long hi = to;
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
        boolean[] in = containsAll(GramSetWriter.grams(th, k));
        long found = 0;
        for (boolean b : in) {
            if (b) {
                found++;
            }
        }
        return new long[] {in.length, found};
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
        boolean[] in = containsAll(GramSetWriter.grams(th, k));
        int best = 0;
        int run = 0;
        for (boolean b : in) {
            if (b) {
                run++;
                best = Math.max(best, run + k - 1);
            } else {
                run = 0;
            }
        }
        return best;
    }
}

package dev.tailguard.core.corpus;

import dev.tailguard.core.collections.LongCountMap;
import dev.tailguard.core.collections.NgramHash;
import java.util.Arrays;
import java.util.List;

/**
 * Index of the real corpus for novelty and memorisation: every token (64-bit hash) in one array with a separator
 * between documents, and a chained index from each k-gram (default 13, Gopher's n) to its positions. Memory:
 * 12 bytes per token plus 32–64 bytes per distinct k-gram (≈ 100 MB for 1.5 M tokens). Documents can be added
 * at any time; the index is appended to, never merged.
 */
public final class RealTextIndex {

    /** Default verbatim-match length in tokens. */
    public static final int DEFAULT_K = 13;
    static final long SEPARATOR = 0x8000000000000001L;

    private final int k;
    private long[] tokens = new long[1 << 16];
    private int[] prev = new int[1 << 16];
    private int size;
    private long documents;
    private final LongCountMap last = new LongCountMap(1 << 14);

    /** An index of 13-grams. */
    public RealTextIndex() {
        this(DEFAULT_K);
    }

    /** An index of k-grams. */
    public RealTextIndex(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        this.k = k;
    }

    /** Adds a real document's tokens. */
    public void add(List<String> doc) {
        long[] th = NgramHash.tokens(doc);
        ensure(size + th.length + 1);
        int base = size;
        System.arraycopy(th, 0, tokens, base, th.length);
        size += th.length;
        tokens[size++] = SEPARATOR;
        documents++;
        for (int i = 0; i + k <= th.length; i++) {
            long g = NgramHash.ngram(th, i, k);
            int pos = base + i;
            long before = last.get(g);
            prev[pos] = (int) before;
            last.add(g, pos + 1 - before);
        }
    }

    private void ensure(int cap) {
        if (cap > tokens.length) {
            int n = Math.max(cap, tokens.length * 2);
            tokens = Arrays.copyOf(tokens, n);
            prev = Arrays.copyOf(prev, n);
        }
    }

    /** k. */
    public int k() {
        return k;
    }

    /** Number of real tokens indexed. */
    public long tokens() {
        return size - documents;
    }

    /** Number of real documents indexed. */
    public long documents() {
        return documents;
    }

    /** True when the k-gram hash occurs in the real corpus. */
    boolean contains(long gram) {
        return last.containsKey(gram);
    }

    /** First occurrence (chain head, 1-based; 0 = none). */
    int head(long gram) {
        return (int) last.get(gram);
    }

    /** Next occurrence in the chain (1-based; 0 = end). */
    int next(int pos) {
        return prev[pos];
    }

    long token(int pos) {
        return pos < size ? tokens[pos] : SEPARATOR;
    }
}

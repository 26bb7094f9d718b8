package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.LongHashSet;
import dev.tailguard.core.collections.NgramHash;
import java.util.List;

/**
 * Mergeable corpus-level diversity state: distinct-n for n = 1..4 and the gzip compression ratio (collapse-anchors
 * §7), plus document and token counts.
 *
 * <p>Distinct-n (§7 asks to fix one denominator): {@code distinct(n) = |distinct n-grams| / |n-grams|}, where the
 * n-grams are taken within each document (never across a document boundary) from the tokens of
 * {@code Tokenizer.words}, and |n-grams| = Σ_d max(0, len(d) − n + 1). Sets hold 64-bit n-gram hashes
 * ({@link NgramHash}), so merging is exact (up to 64-bit collisions). Memory: 16–32 bytes per distinct n-gram per
 * n — about 75 MB for the 2-million-token SOTU corpus (1.65 M distinct 4-grams).
 *
 * <p>Compression ratio: see {@link GzipSizeState} for the exact multi-member definition. {@link #add(List)} without
 * the raw text compresses {@code String.join(" ", tokens)}; {@link #add(List, String)} compresses the raw text.
 * Use one of the two consistently within a comparison. Not thread-safe.
 */
public final class DiversityState {

    /** Largest n for which distinct-n is tracked. */
    public static final int MAX_N = 4;

    private final int maxN;
    private final LongHashSet[] distinct = new LongHashSet[MAX_N + 1];
    private final long[] total = new long[MAX_N + 1];
    private final GzipSizeState gzip = new GzipSizeState();
    private long documents;
    private long tokens;

    /** An empty state tracking distinct-n for n = 1..{@link #MAX_N}. */
    public DiversityState() {
        this(MAX_N);
    }

    /**
     * An empty state tracking distinct-n only for n = 1..{@code maxN} (at most {@link #MAX_N}): a caller that needs
     * distinct-2 alone holds no 3- and 4-gram sets, the largest ones.
     */
    public DiversityState(int maxN) {
        this(maxN, 1024);
    }

    /**
     * An empty state for distinct-n, n = 1..{@code maxN}, whose sets are sized for {@code expectedTokens} n-grams
     * each (a single document's state sized once instead of growing as it is filled).
     */
    public DiversityState(int maxN, int expectedTokens) {
        if (maxN < 1 || maxN > MAX_N) {
            throw new IllegalArgumentException("distinct-n supports n = 1.." + MAX_N + ", got " + maxN);
        }
        this.maxN = maxN;
        for (int n = 1; n <= maxN; n++) {
            distinct[n] = new LongHashSet(Math.max(16, expectedTokens));
        }
    }

    /** Adds one document given its tokens; the compressed text is the tokens joined by single spaces. */
    public void add(List<String> tokens) {
        add(tokens, String.join(" ", tokens));
    }

    /** Adds one document given its tokens and its raw text (the text feeds the compression ratio). */
    public void add(List<String> tokens, String text) {
        addHashes(NgramHash.tokens(tokens), text);
    }

    /**
     * Adds one document from precomputed token hashes ({@link NgramHash#tokens}) and its raw text; returns the
     * document's n-gram hashes for the largest tracked n (4-grams by default) (for {@link SelfRepetitionState#addFourGrams}).
     */
    public long[] addHashes(long[] th, String text) {
        long[] cur = th.clone();
        int m = th.length;
        for (int n = 1; n <= maxN; n++) {
            if (n > 1) {
                m = NgramHash.extend(cur, th, n);
            }
            LongHashSet set = distinct[n];
            for (int i = 0; i < m; i++) {
                set.add(cur[i]);
            }
            total[n] += m;
        }
        gzip.add(text);
        documents++;
        tokens += th.length;
        return java.util.Arrays.copyOf(cur, m);
    }

    /** Merges {@code other} into this state (other's documents are treated as following this state's). */
    public void merge(DiversityState other) {
        if (other.maxN != maxN) {
            throw new IllegalArgumentException("cannot merge a state of n = 1.." + other.maxN + " into one of n = 1.." + maxN);
        }
        for (int n = 1; n <= maxN; n++) {
            distinct[n].addAll(other.distinct[n]);
            total[n] += other.total[n];
        }
        gzip.merge(other.gzip);
        documents += other.documents;
        tokens += other.tokens;
    }

    /**
     * Distinct-n: distinct n-grams / total n-grams (within documents), n in 1..4; 0 when there are no n-grams.
     */
    public double distinct(int n) {
        if (n < 1 || n > maxN) {
            throw new IllegalArgumentException("this state tracks distinct-n for n = 1.." + maxN + ", got " + n);
        }
        return total[n] == 0 ? 0.0 : (double) distinct[n].size() / total[n];
    }

    /** Number of distinct n-grams, n in 1..4. */
    public long distinctCount(int n) {
        return distinct[n].size();
    }

    /** Number of n-grams (within documents), n in 1..4. */
    public long ngramCount(int n) {
        return total[n];
    }

    /** Compression ratio raw/gzip (§7); higher means more repetitive. 0 for an empty state. */
    public double compressionRatio() {
        return gzip.ratio();
    }

    /** The compression-ratio state (raw and gzip byte counts). */
    public GzipSizeState gzip() {
        return gzip;
    }

    /** Number of documents added. */
    public long documents() {
        return documents;
    }

    /** Number of tokens added. */
    public long tokens() {
        return tokens;
    }

    /** Mean tokens per document; 0 when empty. */
    public double meanDocTokens() {
        return documents == 0 ? 0.0 : (double) tokens / documents;
    }
}

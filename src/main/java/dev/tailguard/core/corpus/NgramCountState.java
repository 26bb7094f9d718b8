package dev.tailguard.core.corpus;

import dev.tailguard.core.collections.LongCountMap;
import dev.tailguard.core.collections.NgramHash;
import java.util.List;

/**
 * Mergeable exact count table of token n-grams (within documents, 64-bit hashes, {@code Tokenizer.words} tokens).
 * Memory: 32–64 bytes per distinct n-gram. Basis of tail coverage and type recall against the real corpus.
 */
public final class NgramCountState {

    private final int n;
    private final LongCountMap counts = new LongCountMap(1024);
    private long total;

    /** A table of n-grams. */
    public NgramCountState(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        this.n = n;
    }

    /** Adds a document's tokens. */
    public void add(List<String> tokens) {
        addHashes(NgramHash.tokens(tokens));
    }

    /** Adds a document's token hashes. */
    public void addHashes(long[] th) {
        for (int i = 0; i + n <= th.length; i++) {
            counts.add(NgramHash.ngram(th, i, n), 1);
            total++;
        }
    }

    /** Adds the other table (same n). */
    public void merge(NgramCountState other) {
        if (other.n != n) {
            throw new IllegalArgumentException("n differs: " + n + " vs " + other.n);
        }
        counts.addAll(other.counts);
        total += other.total;
    }

    /** n. */
    public int n() {
        return n;
    }

    /** Number of n-gram occurrences. */
    public long total() {
        return total;
    }

    /** Number of distinct n-grams. */
    public int types() {
        return counts.size();
    }

    /** The count table. */
    public LongCountMap counts() {
        return counts;
    }

    /**
     * Tail coverage: share of the real corpus's rare n-gram types (1 ≤ count ≤ k in {@code real}) that occur at
     * least once in {@code synthetic}; 0 when the real corpus has no such types.
     */
    public static double tailCoverage(NgramCountState real, NgramCountState synthetic, long k) {
        long[] rare = {0, 0};
        real.counts.forEach((g, c) -> {
            if (c <= k) {
                rare[0]++;
                if (synthetic.counts.containsKey(g)) {
                    rare[1]++;
                }
            }
        });
        return rare[0] == 0 ? 0.0 : (double) rare[1] / rare[0];
    }

    /** Recall of real n-gram types: share of {@code real}'s distinct n-grams that occur in {@code synthetic}. */
    public static double typeRecall(NgramCountState real, NgramCountState synthetic) {
        long[] hit = {0};
        real.counts.forEach((g, c) -> {
            if (synthetic.counts.containsKey(g)) {
                hit[0]++;
            }
        });
        return real.types() == 0 ? 0.0 : (double) hit[0] / real.types();
    }
}

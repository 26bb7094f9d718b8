package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.NgramHash;
import java.util.Arrays;

/**
 * Sparse n-gram count vectors of a set of documents given as token-hash arrays, one order at a time: for each
 * document, its distinct n-gram hashes (sorted) and their counts. Shared by {@link SelfBleu} and {@link Vendi}.
 */
final class NgramCountVectors {

    /** Sorted distinct n-gram hashes per document. */
    final long[][] keys;
    /** Counts aligned with {@link #keys}. */
    final int[][] counts;

    private NgramCountVectors(long[][] keys, int[][] counts) {
        this.keys = keys;
        this.counts = counts;
    }

    /**
     * The order-n vectors. {@code grams} holds each document's order-(n−1) hashes (a copy of the token hashes for
     * n = 1) and is extended in place to order n, so call it for n = 1, 2, … in turn.
     */
    static NgramCountVectors next(long[][] grams, long[][] tokenHashes, int n) {
        int d = grams.length;
        long[][] keys = new long[d][];
        int[][] counts = new int[d][];
        for (int i = 0; i < d; i++) {
            int m = n == 1 ? tokenHashes[i].length : NgramHash.extend(grams[i], tokenHashes[i], n);
            long[] sorted = Arrays.copyOf(grams[i], Math.max(0, m));
            Arrays.sort(sorted);
            int u = 0;
            int[] c = new int[sorted.length];
            for (int j = 0; j < sorted.length; j++) {
                if (u > 0 && sorted[u - 1] == sorted[j]) {
                    c[u - 1]++;
                } else {
                    sorted[u] = sorted[j];
                    c[u++] = 1;
                }
            }
            keys[i] = Arrays.copyOf(sorted, u);
            counts[i] = Arrays.copyOf(c, u);
        }
        return new NgramCountVectors(keys, counts);
    }
}

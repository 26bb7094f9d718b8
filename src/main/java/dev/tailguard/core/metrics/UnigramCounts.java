package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.LongCountMap;
import dev.tailguard.core.collections.NgramHash;
import java.util.Arrays;
import java.util.List;

/**
 * Mergeable unigram count table keyed by 64-bit token hash ({@link NgramHash#token}; exact up to 2^-64 collisions,
 * 32–64 bytes per type). Supplies the Zipf coefficient (collapse-anchors §7: −slope of the least-squares line of
 * ln(frequency) against ln(rank) over the top 5000 types, as Holtzman's degen {@code zipf.py}), type and hapax
 * counts, and the unigram distributions used by {@code corpus.UnigramKl}.
 */
public final class UnigramCounts {

    /** §7: number of top types in the Zipf fit. */
    public static final int ZIPF_TOP = 5000;

    private final LongCountMap counts = new LongCountMap(1024);
    private long total;

    /** Adds a document's tokens. */
    public void add(List<String> tokens) {
        for (String t : tokens) {
            counts.add(NgramHash.token(t), 1);
        }
        total += tokens.size();
    }

    /** Adds a document's token hashes. */
    public void addHashes(long[] th) {
        for (long h : th) {
            counts.add(h, 1);
        }
        total += th.length;
    }

    /** Adds the other table's counts. */
    public void merge(UnigramCounts other) {
        counts.addAll(other.counts);
        total += other.total;
    }

    /** Count of a token. */
    public long count(String token) {
        return counts.get(NgramHash.token(token));
    }

    /** The count table keyed by token hash. */
    public LongCountMap table() {
        return counts;
    }

    /** Number of tokens. */
    public long total() {
        return total;
    }

    /** Number of types. */
    public int types() {
        return counts.size();
    }

    /** Number of types seen exactly once. */
    public long hapaxes() {
        long[] h = {0};
        counts.forEach((k, c) -> {
            if (c == 1) {
                h[0]++;
            }
        });
        return h[0];
    }

    /** Zipf coefficient over the top {@link #ZIPF_TOP} types; NaN with fewer than 2 types. */
    public double zipf() {
        return zipf(ZIPF_TOP);
    }

    /** Zipf coefficient over the top {@code top} types (ranks 1..k, ties in any order); NaN below 2 types. */
    public double zipf(int top) {
        long[] f = new long[counts.size()];
        int[] k0 = {0};
        counts.forEach((k, c) -> f[k0[0]++] = c);
        Arrays.sort(f);
        int k = Math.min(top, f.length);
        if (k < 2) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int r = 1; r <= k; r++) {
            double x = Math.log(r);
            double y = Math.log(f[f.length - r]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return -(k * sxy - sx * sy) / (k * sxx - sx * sx);
    }
}

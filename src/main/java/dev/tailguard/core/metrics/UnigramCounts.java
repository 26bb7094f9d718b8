package dev.tailguard.core.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mergeable unigram count table keyed by token string (exact; 40–80 bytes per type plus the string). Supplies the
 * Zipf coefficient (collapse-anchors §7: −slope of the least-squares line of ln(frequency) against ln(rank) over the
 * top 5000 types, as Holtzman's degen {@code zipf.py}), type and hapax counts, and the unigram distributions used
 * by {@code corpus.UnigramKl}.
 */
public final class UnigramCounts {

    /** §7: number of top types in the Zipf fit. */
    public static final int ZIPF_TOP = 5000;

    private final Map<String, long[]> counts = new HashMap<>();
    private long total;

    /** Adds a document's tokens. */
    public void add(List<String> tokens) {
        for (String t : tokens) {
            counts.computeIfAbsent(t, k -> new long[1])[0]++;
        }
        total += tokens.size();
    }

    /** Adds the other table's counts. */
    public void merge(UnigramCounts other) {
        other.counts.forEach((k, v) -> counts.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
        total += other.total;
    }

    /** Count of a token. */
    public long count(String token) {
        long[] c = counts.get(token);
        return c == null ? 0 : c[0];
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
        return counts.values().stream().filter(c -> c[0] == 1).count();
    }

    /** Read-only view of the counts (token → single-element array). */
    public Map<String, long[]> view() {
        return java.util.Collections.unmodifiableMap(counts);
    }

    /** Zipf coefficient over the top {@link #ZIPF_TOP} types; NaN with fewer than 2 types. */
    public double zipf() {
        return zipf(ZIPF_TOP);
    }

    /** Zipf coefficient over the top {@code top} types (ranks 1..k, ties in any order); NaN below 2 types. */
    public double zipf(int top) {
        long[] f = counts.values().stream().mapToLong(c -> c[0]).toArray();
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
        double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
        return -slope;
    }
}

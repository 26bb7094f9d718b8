package dev.tailguard.core.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Permutation test of homogeneity between two categorical samples (e.g. a metadata field's values in the real input
 * and in the synthetic batch), on the total-variation distance TV = ½ Σ_v |p_a(v) − p_b(v)|. Under H0 (both samples
 * from one distribution) the labels are exchangeable, so the Monte Carlo p-value (1 + #{TV_perm ≥ TV_obs}) / (B + 1)
 * is valid at every sample size (Phipson and Smyth 2010, Stat. Appl. Genet. Mol. Biol. 9:39): rejecting at
 * p ≤ α has a false-positive rate of at most α. Deterministic for a given seed.
 */
public final class Homogeneity {

    /** Default number of permutations. */
    public static final int DEFAULT_PERMUTATIONS = 999;

    private Homogeneity() {
    }

    /**
     * The test's outcome.
     *
     * @param tv           observed total-variation distance
     * @param pValue       Monte Carlo permutation p-value
     * @param nullTvMedian median TV under the null (the size-driven bias of the raw statistic)
     * @param nA           size of sample a
     * @param nB           size of sample b
     * @param permutations B
     */
    public record Result(double tv, double pValue, double nullTvMedian, long nA, long nB, int permutations) {
    }

    /** Total-variation distance between two count tables (0 when either is empty). */
    public static double totalVariation(Map<String, Long> a, Map<String, Long> b) {
        long na = sum(a);
        long nb = sum(b);
        if (na == 0 || nb == 0) {
            return 0;
        }
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        double s = 0;
        for (String k : keys) {
            s += Math.abs((double) a.getOrDefault(k, 0L) / na - (double) b.getOrDefault(k, 0L) / nb);
        }
        return s / 2;
    }

    /**
     * Tests H0: a and b are samples of the same categorical distribution.
     *
     * @param a            value → count of sample a
     * @param b            value → count of sample b
     * @param permutations B ≥ 1
     * @param seed         random seed (fixed seed: idempotent decisions)
     */
    public static Result test(Map<String, Long> a, Map<String, Long> b, int permutations, long seed) {
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be >= 1, got " + permutations);
        }
        long na = sum(a);
        long nb = sum(b);
        double observed = totalVariation(a, b);
        if (na == 0 || nb == 0) {
            return new Result(observed, 1.0, 0, na, nb, permutations);
        }
        List<String> keys = new ArrayList<>(new TreeSet<>(a.keySet()) {{ addAll(b.keySet()); }});
        long total = na + nb;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("samples too large for a permutation test: " + total);
        }
        int[] pooled = new int[(int) total];
        long[] pooledCounts = new long[keys.size()];
        int pos = 0;
        for (int c = 0; c < keys.size(); c++) {
            long cnt = a.getOrDefault(keys.get(c), 0L) + b.getOrDefault(keys.get(c), 0L);
            pooledCounts[c] = cnt;
            for (long i = 0; i < cnt; i++) {
                pooled[pos++] = c;
            }
        }
        // draw the smaller sample's labels by a partial Fisher-Yates shuffle: O(min(na, nb)) per permutation
        boolean drawB = nb <= na;
        int m = (int) (drawB ? nb : na);
        long rest = total - m;
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] drawn = new long[keys.size()];
        double[] nulls = new double[permutations];
        int atLeast = 0;
        for (int p = 0; p < permutations; p++) {
            java.util.Arrays.fill(drawn, 0);
            for (int i = 0; i < m; i++) {
                int j = i + rnd.nextInt(pooled.length - i);
                int t = pooled[i];
                pooled[i] = pooled[j];
                pooled[j] = t;
                drawn[pooled[i]]++;
            }
            double s = 0;
            for (int c = 0; c < drawn.length; c++) {
                s += Math.abs((double) drawn[c] / m - (double) (pooledCounts[c] - drawn[c]) / rest);
            }
            nulls[p] = s / 2;
            if (nulls[p] >= observed - 1e-12) {
                atLeast++;
            }
        }
        java.util.Arrays.sort(nulls);
        return new Result(observed, (1.0 + atLeast) / (permutations + 1.0), nulls[permutations / 2], na, nb, permutations);
    }

    private static long sum(Map<String, Long> m) {
        long s = 0;
        for (long v : m.values()) {
            s += v;
        }
        return s;
    }
}

package dev.tailguard.core.stats;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * Exact (Clopper-Pearson) confidence interval of a binomial proportion k/n (Clopper and Pearson 1934, Biometrika
 * 26:404): lo = Beta⁻¹(α/2; k, n−k+1), hi = Beta⁻¹(1−α/2; k+1, n−k), with lo = 0 at k = 0 and hi = 1 at k = n.
 * Coverage is at least the nominal level for every true p and every n, so a decision "the rate exceeds t when
 * lo &gt; t" has a false-positive rate of at most α/2 when the true rate is t (and less below t).
 */
public final class BinomialBounds {

    private BinomialBounds() {
    }

    /**
     * The exact interval.
     *
     * @param k          successes, 0 ≤ k ≤ n
     * @param n          trials, n ≥ 1
     * @param confidence two-sided level, e.g. 0.95
     */
    public static Interval clopperPearson(long k, long n, double confidence) {
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n and n >= 1, got k=" + k + " n=" + n);
        }
        double alpha = 1 - confidence;
        double lo = k == 0 ? 0 : new BetaDistribution(null, k, n - k + 1.0).inverseCumulativeProbability(alpha / 2);
        double hi = k == n ? 1 : new BetaDistribution(null, k + 1.0, n - k).inverseCumulativeProbability(1 - alpha / 2);
        return new Interval(lo, Math.max(lo, hi), confidence);
    }
}

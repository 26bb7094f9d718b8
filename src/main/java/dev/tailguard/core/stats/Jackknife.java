package dev.tailguard.core.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Delete-one jackknife interval of a statistic computed over n independent units (documents): from the
 * leave-one-out values θ₍ᵢ₎, SE² = (n−1)/n · Σ (θ₍ᵢ₎ − θ̄)², interval θ ± t(n−1) · SE (Efron and Stein 1981,
 * Ann. Statist. 9:586: the jackknife variance estimate is biased upward for any symmetric statistic of i.i.d. units,
 * so the interval errs wide). Used for batch statistics whose units inside a document are not independent
 * (n-grams of one document, tail types one document reproduces): the document is the resampled unit.
 */
public final class Jackknife {

    private Jackknife() {
    }

    /**
     * The two-sided interval.
     *
     * @param value       the statistic on all n units
     * @param leaveOneOut the statistic with unit i left out, for each i (n ≥ 2)
     * @param confidence  nominal coverage, e.g. 0.95
     */
    public static Interval interval(double value, double[] leaveOneOut, double confidence) {
        int n = leaveOneOut.length;
        if (n < 2) {
            throw new IllegalArgumentException("the jackknife needs at least 2 units, got " + n);
        }
        double se = standardError(leaveOneOut);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return new Interval(value - t * se, value + t * se, confidence);
    }

    /** The jackknife standard error from the leave-one-out values. */
    public static double standardError(double[] leaveOneOut) {
        int n = leaveOneOut.length;
        double mean = 0;
        for (double v : leaveOneOut) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : leaveOneOut) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt((n - 1.0) / n * ss);
    }

    /**
     * Leave-one-out values of a ratio of sums Σ numᵢ / Σ denᵢ (e.g. memorised 13-grams / 13-grams); a unit whose
     * removal leaves no denominator gives the full ratio.
     */
    public static double[] ratio(long[] num, long[] den) {
        long sn = 0;
        long sd = 0;
        for (int i = 0; i < num.length; i++) {
            sn += num[i];
            sd += den[i];
        }
        double[] out = new double[num.length];
        double full = sd == 0 ? 0 : (double) sn / sd;
        for (int i = 0; i < num.length; i++) {
            long d = sd - den[i];
            out[i] = d == 0 ? full : (double) (sn - num[i]) / d;
        }
        return out;
    }
}

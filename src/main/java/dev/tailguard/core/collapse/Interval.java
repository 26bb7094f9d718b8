package dev.tailguard.core.collapse;

import java.util.Arrays;

/**
 * A two-sided 95% interval [lo, hi].
 *
 * @param lo lower bound
 * @param hi upper bound
 */
public record Interval(double lo, double hi) {

    public Interval {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("bad interval [" + lo + ", " + hi + "]");
        }
    }

    /** The 2.5% and 97.5% quantiles of bootstrap replicates (percentile interval; sorts a copy). */
    public static Interval percentile(double[] replicates) {
        double[] s = replicates.clone();
        Arrays.sort(s);
        return new Interval(quantile(s, 0.025), quantile(s, 0.975));
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    /** Wilson score interval of a binomial proportion (95%). */
    public static Interval wilson(long successes, long n) {
        if (n <= 0) {
            return new Interval(0, 1);
        }
        double z = 1.959963984540054;
        double p = (double) successes / n;
        double den = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / den;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / den;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}

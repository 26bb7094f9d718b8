package dev.tailguard.core.sim;

import java.util.function.DoubleBinaryOperator;

/** Small statistics helpers. Package-private. */
final class Stats {

    private Stats() {
    }

    /** Arithmetic mean; NaN when {@code v} is empty. */
    static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Smallest value; NaN when {@code v} is empty or holds a NaN. */
    static double min(double[] v) {
        return extreme(v, Double.POSITIVE_INFINITY, Math::min);
    }

    /** Largest value; NaN when {@code v} is empty or holds a NaN. */
    static double max(double[] v) {
        return extreme(v, Double.NEGATIVE_INFINITY, Math::max);
    }

    private static double extreme(double[] v, double start, DoubleBinaryOperator pick) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double m = start;
        for (double x : v) {
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            m = pick.applyAsDouble(m, x);
        }
        return m;
    }

    /** Least-squares slope of y over x = 0, 1, 2, .... */
    static double slope(double[] y) {
        int n = y.length;
        if (n < 2) {
            return 0;
        }
        double mx = (n - 1) / 2.0, my = mean(y), sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - mx) * (y[i] - my);
            sxx += (i - mx) * (i - mx);
        }
        return sxy / sxx;
    }
}

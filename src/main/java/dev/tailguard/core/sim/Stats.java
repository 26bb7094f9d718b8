package dev.tailguard.core.sim;

/** Small statistics helpers. Package-private. */
final class Stats {

    private Stats() {
    }

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

    static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Double.isNaN(x) ? Double.NaN : Math.min(m, x);
            if (Double.isNaN(m)) {
                return m;
            }
        }
        return v.length == 0 ? Double.NaN : m;
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Double.isNaN(x) ? Double.NaN : Math.max(m, x);
            if (Double.isNaN(m)) {
                return m;
            }
        }
        return v.length == 0 ? Double.NaN : m;
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

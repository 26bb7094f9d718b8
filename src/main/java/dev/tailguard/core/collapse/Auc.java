package dev.tailguard.core.collapse;

/**
 * Area under the ROC curve with DeLong's variance (DeLong, DeLong &amp; Clarke-Pearson 1988): AUC = P(score of a
 * positive &gt; score of a negative) + ½ P(tie); Var = S10/m + S01/n from the structural components.
 */
final class Auc {

    private Auc() {
    }

    /** AUC of positives over negatives. */
    static double auc(double[] pos, double[] neg) {
        double s = 0;
        for (double p : pos) {
            for (double q : neg) {
                s += psi(p, q);
            }
        }
        return s / ((double) pos.length * neg.length);
    }

    /** The 95% DeLong interval, clipped to [0, 1]. */
    static Interval delong(double[] pos, double[] neg) {
        int m = pos.length;
        int n = neg.length;
        double[] v10 = new double[m];
        double[] v01 = new double[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = psi(pos[i], neg[j]);
                v10[i] += s / n;
                v01[j] += s / m;
            }
        }
        double a = mean(v10);
        double var = variance(v10, a) / m + variance(v01, a) / n;
        double half = 1.959963984540054 * Math.sqrt(var);
        return new Interval(Math.max(0, a - half), Math.min(1, a + half));
    }

    private static double psi(double p, double q) {
        return p > q ? 1 : p == q ? 0.5 : 0;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(double[] v, double mean) {
        if (v.length < 2) {
            return 0;
        }
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / (v.length - 1);
    }
}

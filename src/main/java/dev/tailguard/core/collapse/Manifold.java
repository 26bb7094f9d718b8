package dev.tailguard.core.collapse;

import java.util.Arrays;
import java.util.List;

/**
 * Improved precision and recall of k-NN manifolds (Kynkäänniemi et al. 2019, "Improved Precision and Recall Metric
 * for Assessing Generative Models", NeurIPS): each point of a set gets a ball reaching its k-th nearest neighbour in
 * its own set; precision = share of the other sample's points inside some anchor ball (low = off-distribution
 * junk); recall = share of anchor points inside some ball of the other sample (low = lost diversity). Both sets
 * have the same size (the radius depends on it). Intervals are Wilson's on the shares.
 */
public final class Manifold {

    /**
     * @param precision   share of the sample inside the anchor manifold
     * @param precisionCi its 95% Wilson interval
     * @param recall      share of the anchor inside the sample's manifold
     * @param recallCi    its 95% Wilson interval
     * @param points      points per side
     * @param k           neighbours
     */
    public record Result(double precision, Interval precisionCi, double recall, Interval recallCi, int points, int k) {
    }

    private Manifold() {
    }

    /** Precision and recall of {@code sample} against {@code anchor}; both lists are cut to the shorter length. */
    static Result run(List<float[]> anchor, List<float[]> sample, int k) {
        int m = Math.min(anchor.size(), sample.size());
        if (m <= k) {
            return null;
        }
        List<float[]> a = anchor.subList(0, m);
        List<float[]> s = sample.subList(0, m);
        double[] ra = radii(a, k);
        double[] rs = radii(s, k);
        int p = covered(s, a, ra);
        int r = covered(a, s, rs);
        return new Result((double) p / m, Interval.wilson(p, m), (double) r / m, Interval.wilson(r, m), m, k);
    }

    private static int covered(List<float[]> points, List<float[]> centres, double[] radius) {
        int n = 0;
        for (float[] x : points) {
            for (int i = 0; i < centres.size(); i++) {
                if (distance(x, centres.get(i)) <= radius[i]) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private static double[] radii(List<float[]> set, int k) {
        double[] out = new double[set.size()];
        double[] d = new double[set.size() - 1];
        for (int i = 0; i < set.size(); i++) {
            int j2 = 0;
            for (int j = 0; j < set.size(); j++) {
                if (j != i) {
                    d[j2++] = distance(set.get(i), set.get(j));
                }
            }
            Arrays.sort(d);
            out[i] = d[k - 1];
        }
        return out;
    }

    static double distance(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double t = x[i] - y[i];
            s += t * t;
        }
        return Math.sqrt(s);
    }
}

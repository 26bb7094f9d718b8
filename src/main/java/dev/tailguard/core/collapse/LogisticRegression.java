package dev.tailguard.core.collapse;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * L2-regularised logistic regression trained by stochastic gradient descent (Bottou 2010 step size
 * η_t = η₀/(1 + η₀λt)) on {@link WindowFeatures} vectors: sparse hashed n-grams plus dense statistics
 * standardised with the training set's mean and standard deviation. Small on purpose: the classifier test needs a
 * linear model, fitted a few hundred times, on at most a few thousand windows.
 */
final class LogisticRegression {

    static final int EPOCHS = 10;
    static final double ETA0 = 0.5;
    static final double LAMBDA = 1e-4;

    private final double[] w = new double[WindowFeatures.BUCKETS + WindowFeatures.DENSE];
    private final double[] mean = new double[WindowFeatures.DENSE];
    private final double[] sd = new double[WindowFeatures.DENSE];
    private double bias;

    /** Fits on the rows at {@code train} (labels 0/1), deterministic for a seed. */
    void fit(List<WindowFeatures.Vector> x, int[] y, int[] train, long seed) {
        Arrays.fill(w, 0);
        bias = 0;
        standardise(x, train);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] order = train.clone();
        long t = 0;
        for (int e = 0; e < EPOCHS; e++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int r : order) {
                double eta = ETA0 / (1 + ETA0 * LAMBDA * t++);
                double g = sigmoid(score(x.get(r))) - y[r];
                update(x.get(r), eta, g);
            }
        }
    }

    private void update(WindowFeatures.Vector v, double eta, double g) {
        double shrink = 1 - eta * LAMBDA;
        for (int k = 0; k < v.index().length; k++) {
            int i = v.index()[k];
            w[i] = w[i] * shrink - eta * g * v.value()[k];
        }
        for (int d = 0; d < WindowFeatures.DENSE; d++) {
            int i = WindowFeatures.BUCKETS + d;
            w[i] = w[i] * shrink - eta * g * z(v, d);
        }
        bias -= eta * g;
    }

    /** Decision value (log-odds of label 1). */
    double score(WindowFeatures.Vector v) {
        double s = bias;
        for (int k = 0; k < v.index().length; k++) {
            s += w[v.index()[k]] * v.value()[k];
        }
        for (int d = 0; d < WindowFeatures.DENSE; d++) {
            s += w[WindowFeatures.BUCKETS + d] * z(v, d);
        }
        return s;
    }

    private double z(WindowFeatures.Vector v, int d) {
        return (v.dense()[d] - mean[d]) / sd[d];
    }

    private void standardise(List<WindowFeatures.Vector> x, int[] rows) {
        for (int d = 0; d < WindowFeatures.DENSE; d++) {
            double s = 0;
            double s2 = 0;
            for (int r : rows) {
                double v = x.get(r).dense()[d];
                s += v;
                s2 += v * v;
            }
            mean[d] = s / rows.length;
            double var = s2 / rows.length - mean[d] * mean[d];
            sd[d] = var > 1e-12 ? Math.sqrt(var) : 1;
        }
    }

    private static double sigmoid(double s) {
        return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    }
}

package dev.tailguard.core.collapse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Classifier two-sample test (Lopez-Paz &amp; Oquab 2017, "Revisiting Classifier Two-Sample Tests", ICLR): a k-fold
 * cross-validated linear classifier separates anchor windows (label 0) from other windows (label 1); the AUC of the
 * out-of-fold scores measures how distinguishable the two samples are (0.5 = indistinguishable). Both sides are cut
 * to the same number of windows. Folds follow the source document whenever each side has at least {@code folds}
 * documents, so a classifier cannot win by recognising a document it saw in training. The 95% interval is DeLong's;
 * the null is the same cross-validated AUC with permuted labels.
 */
public final class C2st {

    /**
     * @param auc          out-of-fold AUC (probability that a non-anchor window scores above an anchor window)
     * @param ci           DeLong 95% interval
     * @param windows      windows per side
     * @param byDocument   whether folds were assigned by source document (else by window)
     * @param permutations permutations of the null
     * @param nullQ95      95th percentile of the permutation-null AUC (NaN-free: 0.5 when no permutation ran)
     * @param pValue       permutation p-value (1 + #null ≥ auc) / (1 + permutations); 1 when no permutation ran
     */
    public record Result(double auc, Interval ci, int windows, boolean byDocument, int permutations, double nullQ95,
                         double pValue) {
    }

    /**
     * The test's result with the out-of-fold classifier score of every non-anchor window it used.
     *
     * @param result the test result
     * @param scored the non-anchor windows in test order
     * @param scores out-of-fold score of each (higher = more confidently "not anchor")
     */
    record Scored(Result result, List<Window> scored, double[] scores) {
    }

    private C2st() {
    }

    /** Runs the test; returns null when either side has fewer than 2·folds windows. */
    static Result run(List<Window> anchor, List<Window> other, CollapseConfig cfg) {
        Scored s = runScored(anchor, other, cfg);
        return s == null ? null : s.result();
    }

    /** Runs the test and keeps the out-of-fold scores of the non-anchor windows; null as {@link #run}. */
    static Scored runScored(List<Window> anchor, List<Window> other, CollapseConfig cfg) {
        int m = Math.min(anchor.size(), other.size());
        if (m < 2 * cfg.folds()) {
            return null;
        }
        List<Window> a = anchor.subList(0, m);
        List<Window> b = other.subList(0, m);
        boolean byDoc = groups(a) >= cfg.folds() && groups(b) >= cfg.folds();
        List<WindowFeatures.Vector> x = new ArrayList<>(2 * m);
        int[] y = new int[2 * m];
        int[] fold = new int[2 * m];
        for (int i = 0; i < 2 * m; i++) {
            Window w = i < m ? a.get(i) : b.get(i - m);
            x.add(WindowFeatures.of(w.tokens()));
            y[i] = i < m ? 0 : 1;
            long key = byDoc ? w.group() : w.order();
            fold[i] = (int) Math.floorMod(TextPass.mix(key ^ cfg.seed()), (long) cfg.folds());
        }
        LogisticRegression lr = new LogisticRegression();
        double[] scores = crossValidate(lr, x, y, fold, cfg);
        double[][] split = split(scores, y);
        double auc = Auc.auc(split[1], split[0]);
        Interval ci = Auc.delong(split[1], split[0]);
        double[] nulls = new double[cfg.permutations()];
        SplittableRandom rnd = new SplittableRandom(cfg.seed() ^ 0xC257L);
        int atLeast = 0;
        for (int p = 0; p < nulls.length; p++) {
            int[] yp = permute(y, rnd);
            double[][] sp = split(crossValidate(lr, x, yp, fold, cfg), yp);
            nulls[p] = Auc.auc(sp[1], sp[0]);
            atLeast += nulls[p] >= auc ? 1 : 0;
        }
        double q95 = nulls.length == 0 ? 0.5 : Interval.quantile(sorted(nulls), 0.95);
        Result result = new Result(auc, ci, m, byDoc, nulls.length, q95, (1.0 + atLeast) / (1.0 + nulls.length));
        return new Scored(result, List.copyOf(b), java.util.Arrays.copyOfRange(scores, m, 2 * m));
    }

    private static double[] crossValidate(LogisticRegression lr, List<WindowFeatures.Vector> x, int[] y, int[] fold,
                                          CollapseConfig cfg) {
        double[] scores = new double[x.size()];
        for (int f = 0; f < cfg.folds(); f++) {
            int[] train = rows(fold, f, false);
            int[] test = rows(fold, f, true);
            if (train.length == 0 || test.length == 0) {
                continue;
            }
            lr.fit(x, y, train, cfg.seed() + f);
            for (int r : test) {
                scores[r] = lr.score(x.get(r));
            }
        }
        return scores;
    }

    private static int[] rows(int[] fold, int f, boolean in) {
        int n = 0;
        for (int v : fold) {
            n += (v == f) == in ? 1 : 0;
        }
        int[] out = new int[n];
        int j = 0;
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == in) {
                out[j++] = i;
            }
        }
        return out;
    }

    private static double[][] split(double[] scores, int[] y) {
        int pos = 0;
        for (int v : y) {
            pos += v;
        }
        double[] p = new double[pos];
        double[] n = new double[y.length - pos];
        int i1 = 0, i0 = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 1) {
                p[i1++] = scores[i];
            } else {
                n[i0++] = scores[i];
            }
        }
        return new double[][] {n, p};
    }

    private static int[] permute(int[] y, SplittableRandom rnd) {
        int[] out = y.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    private static int groups(List<Window> ws) {
        Set<Long> g = new HashSet<>();
        for (Window w : ws) {
            g.add(w.group());
        }
        return g.size();
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s;
    }
}

package dev.tailguard.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * N-gram-kernel Vendi score (collapse-anchors §7, Friedman &amp; Dieng arXiv 2210.02410): K is the mean over
 * n = 1..4 of the cosine-similarity matrices of L2-normalised n-gram count vectors ({@code Tokenizer.words} tokens,
 * within documents); λ = eig(K/N); VS = exp(−Σ λ ln λ) (terms with λ ≤ 1e-12 dropped), in [1, N]. A document with
 * no n-grams of some order has similarity 1 with itself and 0 with every other document for that order. Compute on
 * a seeded sample ({@link BottomKSample}); cost O(Σ_g df(g)²) for the kernel plus O(N³) per Jacobi sweep.
 */
public final class Vendi {

    private Vendi() {
    }

    /** The kernel matrix K (N × N, unit diagonal). */
    public static double[][] kernel(List<List<String>> docs) {
        int d = docs.size();
        long[][] th = new long[d][];
        for (int i = 0; i < d; i++) {
            th[i] = NgramHash.tokens(docs.get(i));
        }
        double[][] k = new double[d][d];
        for (int n = 1; n <= 4; n++) {
            Map<Long, List<long[]>> postings = new HashMap<>();
            double[] norm = new double[d];
            for (int i = 0; i < d; i++) {
                LongCountMap c = new LongCountMap(Math.max(16, th[i].length));
                for (int j = 0; j + n <= th[i].length; j++) {
                    c.add(NgramHash.ngram(th[i], j, n), 1);
                }
                final int doc = i;
                double[] sq = {0};
                c.forEach((g, cnt) -> {
                    postings.computeIfAbsent(g, x -> new ArrayList<>(2)).add(new long[] {doc, cnt});
                    sq[0] += (double) cnt * cnt;
                });
                norm[i] = Math.sqrt(sq[0]);
            }
            double[][] dot = new double[d][d];
            for (List<long[]> p : postings.values()) {
                for (int a = 0; a < p.size(); a++) {
                    long[] x = p.get(a);
                    for (int b = a + 1; b < p.size(); b++) {
                        long[] y = p.get(b);
                        dot[(int) x[0]][(int) y[0]] += (double) x[1] * y[1];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                k[i][i] += 1;
                for (int j = i + 1; j < d; j++) {
                    double cos = norm[i] == 0 || norm[j] == 0 ? 0 : (dot[i][j] + dot[j][i]) / (norm[i] * norm[j]);
                    k[i][j] += cos;
                    k[j][i] += cos;
                }
            }
        }
        for (double[] row : k) {
            for (int j = 0; j < d; j++) {
                row[j] /= 4;
            }
        }
        return k;
    }

    /** Vendi score of a PSD kernel with unit diagonal. */
    public static double score(double[][] k) {
        int n = k.length;
        if (n == 0) {
            return 0.0;
        }
        double[][] scaled = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                scaled[i][j] = k[i][j] / n;
            }
        }
        double h = 0;
        for (double l : SymmetricEigen.eigenvalues(scaled)) {
            if (l > 1e-12) {
                h -= l * Math.log(l);
            }
        }
        return Math.exp(h);
    }

    /** N-gram Vendi score of the documents. */
    public static double ngramScore(List<List<String>> docs) {
        return score(kernel(docs));
    }
}

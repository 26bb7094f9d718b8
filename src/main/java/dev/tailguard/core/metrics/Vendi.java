package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.NgramHash;
import java.util.List;

/**
 * N-gram-kernel Vendi score (collapse-anchors §7, Friedman &amp; Dieng arXiv 2210.02410): K is the mean over
 * n = 1..4 of the cosine-similarity matrices of L2-normalised n-gram count vectors ({@code Tokenizer.words} tokens,
 * within documents); λ = eig(K/N); VS = exp(−Σ λ ln λ) (terms with λ ≤ 1e-12 dropped), in [1, N]. A document with
 * no n-grams of some order has similarity 1 with itself and 0 with every other document for that order. Compute on
 * a seeded sample ({@link BottomKSample}); cost O(N² · L) for the kernel (sorted sparse vectors, merge-joined) plus
 * O(N³) per Jacobi sweep; memory 12 bytes per sampled token.
 */
public final class Vendi {

    private Vendi() {
    }

    /** The kernel matrix K (N × N, unit diagonal). */
    public static double[][] kernel(List<List<String>> docs) {
        return kernelHashes(docs.stream().map(NgramHash::tokens).toList());
    }

    /** The kernel matrix of documents given as token hashes. */
    public static double[][] kernelHashes(List<long[]> docs) {
        int d = docs.size();
        long[][] th = docs.toArray(new long[0][]);
        long[][] grams = new long[d][];
        for (int i = 0; i < d; i++) {
            grams[i] = th[i].clone();
        }
        double[][] k = new double[d][d];
        for (int n = 1; n <= 4; n++) {
            NgramCountVectors v = NgramCountVectors.next(grams, th, n);
            long[][] keys = v.keys;
            int[][] counts = v.counts;
            double[] norm = new double[d];
            for (int i = 0; i < d; i++) {
                int u = keys[i].length;
                double sq = 0;
                for (int j = 0; j < u; j++) {
                    sq += (double) counts[i][j] * counts[i][j];
                }
                norm[i] = Math.sqrt(sq);
            }
            for (int i = 0; i < d; i++) {
                k[i][i] += 1;
                for (int j = i + 1; j < d; j++) {
                    double cos = norm[i] == 0 || norm[j] == 0 ? 0
                            : dot(keys[i], counts[i], keys[j], counts[j]) / (norm[i] * norm[j]);
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

    private static double dot(long[] ka, int[] ca, long[] kb, int[] cb) {
        double s = 0;
        int a = 0;
        int b = 0;
        while (a < ka.length && b < kb.length) {
            if (ka[a] < kb[b]) {
                a++;
            } else if (ka[a] > kb[b]) {
                b++;
            } else {
                s += (double) ca[a++] * cb[b++];
            }
        }
        return s;
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

    /** N-gram Vendi score of documents given as token hashes. */
    public static double ngramScoreHashes(List<long[]> docs) {
        return score(kernelHashes(docs));
    }
}

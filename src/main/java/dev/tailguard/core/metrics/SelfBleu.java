package dev.tailguard.core.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Self-BLEU (collapse-anchors §7, Holtzman's degen code): the mean over documents of NLTK-style sentence BLEU-4
 * of each document (hypothesis) against all other documents of the set as references, uniform weights 1/4,
 * smoothing method1 (a zero n-gram precision becomes 0.1 / max(1, hypothesis n-grams)), BLEU 0 when no unigram
 * matches, brevity penalty against the closest reference length (ties to the shorter). Clipping uses, for each
 * n-gram, the maximum count in any other document. §7 uses 1000 sampled texts against all other texts of the
 * corpus; here the references are the other texts of the sample ({@link BottomKSample}), which keeps memory
 * bounded. Cost: O(total n-grams of the sample) plus O(N²) for reference lengths.
 */
public final class SelfBleu {

    private static final int N = 4;

    private SelfBleu() {
    }

    /** Self-BLEU of the documents (token lists); 0 for fewer than two documents. */
    public static double score(List<List<String>> docs) {
        double[] s = perDocument(docs);
        return s.length == 0 ? 0.0 : Arrays.stream(s).average().orElse(0);
    }

    /** BLEU of each document against all others. */
    public static double[] perDocument(List<List<String>> docs) {
        int d = docs.size();
        if (d < 2) {
            return new double[0];
        }
        long[][] th = new long[d][];
        for (int i = 0; i < d; i++) {
            th[i] = NgramHash.tokens(docs.get(i));
        }
        double[][] logP = new double[d][N + 1];
        boolean[] noUnigramMatch = new boolean[d];
        for (int n = 1; n <= N; n++) {
            LongCountMap[] counts = new LongCountMap[d];
            LongCountMap max1 = new LongCountMap();
            LongCountMap arg1 = new LongCountMap();
            LongCountMap max2 = new LongCountMap();
            for (int i = 0; i < d; i++) {
                counts[i] = new LongCountMap(Math.max(16, th[i].length));
                for (int j = 0; j + n <= th[i].length; j++) {
                    counts[i].add(NgramHash.ngram(th[i], j, n), 1);
                }
                final int doc = i;
                counts[i].forEach((g, c) -> {
                    long m1 = max1.get(g);
                    if (c > m1) {
                        max2.add(g, m1 - max2.get(g));
                        max1.add(g, c - m1);
                        arg1.add(g, doc + 1 - arg1.get(g));
                    } else if (c > max2.get(g)) {
                        max2.add(g, c - max2.get(g));
                    }
                });
            }
            for (int i = 0; i < d; i++) {
                final long self = i + 1;
                long[] clipped = {0};
                counts[i].forEach((g, c) -> {
                    long other = arg1.get(g) == self ? max2.get(g) : max1.get(g);
                    clipped[0] += Math.min(c, other);
                });
                long denom = Math.max(1, th[i].length - n + 1);
                double p = clipped[0] == 0 ? 0.1 / denom : (double) clipped[0] / denom;
                logP[i][n] = Math.log(p);
                if (n == 1 && clipped[0] == 0) {
                    noUnigramMatch[i] = true;
                }
            }
        }
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            if (noUnigramMatch[i]) {
                continue;
            }
            int c = th[i].length;
            int r = closestRefLength(th, i);
            double bp = c > r ? 1.0 : Math.exp(1.0 - (double) r / c);
            double s = 0;
            for (int n = 1; n <= N; n++) {
                s += 0.25 * logP[i][n];
            }
            out[i] = bp * Math.exp(s);
        }
        return out;
    }

    private static int closestRefLength(long[][] th, int self) {
        int c = th[self].length;
        int best = -1;
        for (int j = 0; j < th.length; j++) {
            if (j == self) {
                continue;
            }
            int r = th[j].length;
            if (best < 0 || Math.abs(r - c) < Math.abs(best - c) || (Math.abs(r - c) == Math.abs(best - c) && r < best)) {
                best = r;
            }
        }
        return best;
    }
}

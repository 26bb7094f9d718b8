package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.NgramHash;
import java.util.Arrays;
import java.util.List;

/**
 * Self-BLEU (collapse-anchors §7, Holtzman's degen code): the mean over documents of NLTK-style sentence BLEU-4
 * of each document (hypothesis) against all other documents of the set as references, uniform weights 1/4,
 * smoothing method1 (a zero n-gram precision becomes 0.1 / max(1, hypothesis n-grams)), BLEU 0 when no unigram
 * matches, brevity penalty against the closest reference length (ties to the shorter). Clipping uses, for each
 * n-gram, the maximum count in any other document (found by a k-way merge of per-document sorted n-gram lists;
 * memory 12 bytes per distinct n-gram per document). §7 uses 1000 sampled texts against all other texts of the
 * corpus; here the references are the other texts of the sample ({@link BottomKSample}), which keeps memory
 * bounded. Cost: O(T log T) for T sampled tokens plus O(N²) for reference lengths.
 */
public final class SelfBleu {

    private static final int N = 4;

    private SelfBleu() {
    }

    /** Self-BLEU of the documents (token lists); 0 for fewer than two documents. */
    public static double score(List<List<String>> docs) {
        return scoreHashes(docs.stream().map(NgramHash::tokens).toList());
    }

    /** Self-BLEU of documents given as token hashes ({@link BottomKSample#documents}). */
    public static double scoreHashes(List<long[]> docs) {
        double[] s = perDocumentHashes(docs);
        return s.length == 0 ? 0.0 : Arrays.stream(s).average().orElse(0);
    }

    /** BLEU of each document against all others. */
    public static double[] perDocument(List<List<String>> docs) {
        return perDocumentHashes(docs.stream().map(NgramHash::tokens).toList());
    }

    /** BLEU of each document (token hashes) against all others. */
    public static double[] perDocumentHashes(List<long[]> docs) {
        int d = docs.size();
        if (d < 2) {
            return new double[0];
        }
        long[][] th = docs.toArray(new long[0][]);
        double[][] logP = new double[d][N + 1];
        boolean[] noUnigramMatch = new boolean[d];
        long[][] grams = new long[d][];
        for (int i = 0; i < d; i++) {
            grams[i] = th[i].clone();
        }
        for (int n = 1; n <= N; n++) {
            NgramCountVectors v = NgramCountVectors.next(grams, th, n);
            long[][] keys = v.keys;
            int[][] counts = v.counts;
            long[] clipped = clip(keys, counts);
            for (int i = 0; i < d; i++) {
                long denom = Math.max(1, th[i].length - n + 1);
                double p = clipped[i] == 0 ? 0.1 / denom : (double) clipped[i] / denom;
                logP[i][n] = Math.log(p);
                if (n == 1 && clipped[i] == 0) {
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

    /**
     * Clipped match counts per document: Σ_g min(count_i(g), max_{j≠i} count_j(g)), by a k-way merge of the
     * documents' sorted (n-gram, count) lists.
     */
    private static long[] clip(long[][] keys, int[][] counts) {
        int d = keys.length;
        long[] clipped = new long[d];
        int[] pos = new int[d];
        int[] heap = new int[d];
        int size = 0;
        for (int i = 0; i < d; i++) {
            if (keys[i].length > 0) {
                heap[size++] = i;
                siftUp(heap, size - 1, keys, pos);
            }
        }
        int[] runDoc = new int[d];
        int[] runCount = new int[d];
        while (size > 0) {
            long key = keys[heap[0]][pos[heap[0]]];
            int run = 0;
            while (size > 0 && keys[heap[0]][pos[heap[0]]] == key) {
                int doc = heap[0];
                runDoc[run] = doc;
                runCount[run++] = counts[doc][pos[doc]];
                if (++pos[doc] == keys[doc].length) {
                    heap[0] = heap[--size];
                }
                siftDown(heap, size, keys, pos);
            }
            int max1 = 0;
            int arg1 = -1;
            int max2 = 0;
            for (int r = 0; r < run; r++) {
                int c = runCount[r];
                if (c > max1) {
                    max2 = max1;
                    max1 = c;
                    arg1 = r;
                } else if (c > max2) {
                    max2 = c;
                }
            }
            for (int r = 0; r < run; r++) {
                clipped[runDoc[r]] += Math.min(runCount[r], r == arg1 ? max2 : max1);
            }
        }
        return clipped;
    }

    private static boolean less(int a, int b, long[][] keys, int[] pos) {
        return Long.compare(keys[a][pos[a]], keys[b][pos[b]]) < 0;
    }

    private static void siftUp(int[] heap, int i, long[][] keys, int[] pos) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!less(heap[i], heap[parent], keys, pos)) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[parent];
            heap[parent] = t;
            i = parent;
        }
    }

    private static void siftDown(int[] heap, int size, long[][] keys, int[] pos) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int m = l + 1 < size && less(heap[l + 1], heap[l], keys, pos) ? l + 1 : l;
            if (!less(heap[m], heap[i], keys, pos)) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[m];
            heap[m] = t;
            i = m;
        }
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

package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.NgramHash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-L F1 and the homogenisation score (collapse-anchors §7): HS = (1/N) Σ_i (1/(N−1)) Σ_{j≠i}
 * ROUGE-L-F1(x_j, x_i). ROUGE-L F1 = 2PR/(P+R) with P = LCS/|hyp|, R = LCS/|ref| (0 when LCS = 0); since it is
 * symmetric, HS is the mean over unordered pairs. The longest common subsequence of tokens uses the bit-parallel
 * algorithm of Crochemore et al. (O(|a|·|b|/64)). Compute HS on a seeded sample ({@link BottomKSample}); cost is
 * O(N² · L²/64).
 */
public final class RougeL {

    private RougeL() {
    }

    /** Length of the longest common subsequence of two token lists. */
    public static int lcs(List<String> a, List<String> b) {
        return lcsHashes(NgramHash.tokens(a), NgramHash.tokens(b));
    }

    /** LCS length over token hashes. */
    public static int lcsHashes(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int words = (a.length + 63) >>> 6;
        Map<Long, long[]> masks = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            masks.computeIfAbsent(a[i], k -> new long[words])[i >>> 6] |= 1L << (i & 63);
        }
        long[] v = new long[words];
        java.util.Arrays.fill(v, -1L);
        for (long tok : b) {
            long[] m = masks.get(tok);
            if (m == null) {
                continue;
            }
            long carry = 0;
            for (int w = 0; w < words; w++) {
                long u = v[w] & m[w];
                long sum = v[w] + u + carry;
                carry = Long.compareUnsigned(sum, v[w]) < 0 || (carry == 1 && sum == v[w]) ? 1 : 0;
                v[w] = sum | (v[w] & ~m[w]);
            }
        }
        int zeros = 0;
        for (int i = 0; i < a.length; i++) {
            if ((v[i >>> 6] & (1L << (i & 63))) == 0) {
                zeros++;
            }
        }
        return zeros;
    }

    /** ROUGE-L F1 of two token lists. */
    public static double f1(List<String> hyp, List<String> ref) {
        return f1(NgramHash.tokens(hyp), NgramHash.tokens(ref));
    }

    private static double f1(long[] hyp, long[] ref) {
        int l = lcsHashes(hyp, ref);
        if (l == 0) {
            return 0.0;
        }
        double p = (double) l / hyp.length;
        double r = (double) l / ref.length;
        return 2 * p * r / (p + r);
    }

    /** Homogenisation score of the documents; 0 for fewer than two. */
    public static double homogenization(List<List<String>> docs) {
        return homogenizationHashes(docs.stream().map(NgramHash::tokens).toList());
    }

    /** Homogenisation score of documents given as token hashes; 0 for fewer than two. */
    public static double homogenizationHashes(List<long[]> docs) {
        int n = docs.size();
        if (n < 2) {
            return 0.0;
        }
        long[][] th = docs.toArray(new long[0][]);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sum += f1(th[i], th[j]);
            }
        }
        return 2 * sum / ((double) n * (n - 1));
    }
}

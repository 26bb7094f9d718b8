package dev.tailguard.core.collapse;

/**
 * Expected coverage under rarefaction (Hurlbert 1971; Heck, van Belle &amp; Simberloff 1975): the probability that a
 * type with count N_t among N tokens appears in a random subsample of n tokens drawn without replacement,
 * 1 − C(N − N_t, n) / C(N, n), computed in log space as the product Π_{i&lt;N_t} (N − n − i)/(N − i).
 */
public final class Rarefaction {

    private Rarefaction() {
    }

    /**
     * @param total  N, tokens in the sample (&gt; 0)
     * @param count  N_t, occurrences of the type (0 ≤ N_t ≤ N)
     * @param drawn  n, tokens drawn (0 ≤ n ≤ N)
     */
    public static double seen(long total, long count, long drawn) {
        if (count < 0 || count > total || drawn < 0 || drawn > total) {
            throw new IllegalArgumentException("rarefaction needs 0 <= count, drawn <= total; got count " + count
                    + ", drawn " + drawn + ", total " + total);
        }
        if (count == 0 || drawn == 0) {
            return 0;
        }
        if (total - drawn < count) {
            return 1;
        }
        double logMiss = 0;
        for (long i = 0; i < count; i++) {
            logMiss += Math.log1p(-(double) drawn / (total - i));
            if (logMiss < -50) {
                return 1;
            }
        }
        return -Math.expm1(logMiss);
    }
}

package dev.tailguard.core.stats;

/**
 * The tail coverage a batch of real-like text would reach, so that a tail-coverage bound does not demand more than
 * fresh real text of the batch's size delivers (issue 11: fresh unseen real text covers only part of the input's
 * tail, and less the smaller the batch). A type seen c times in M real tokens has, by Good–Turing (Good 1953,
 * Biometrika 40:237), expected probability (c+1)·N₍c+1₎ / (N_c·M), where N_c is the number of types seen c times;
 * a batch of T tokens drawn from the same source reproduces it with probability 1 − exp(−T·p). The expected
 * coverage of the tail (types seen 1 or 2 times) is the N_c-weighted mean over c = 1, 2. On Zipf(1.1) text it
 * overestimates the simulated coverage by about 10% (GateNullJackknifeTest), so the gate uses half of it.
 */
public final class TailCoverageNull {

    /** Share of the real-like expectation below which the tail-coverage gate can fail (ours). */
    public static final double SHARE = 0.5;

    private TailCoverageNull() {
    }

    /**
     * Expected coverage of the real input's tail (types with count 1 or 2) by a batch of {@code batchTokens}
     * real-like tokens.
     *
     * @param n1         types seen once in the real input
     * @param n2         types seen twice
     * @param n3         types seen three times
     * @param realTokens tokens of the real input
     */
    public static double expected(long n1, long n2, long n3, long realTokens, long batchTokens) {
        if (n1 + n2 == 0 || realTokens == 0) {
            return 0;
        }
        double t = batchTokens;
        double c1 = n1 == 0 ? 0 : n1 * (1 - Math.exp(-t * 2.0 * n2 / ((double) n1 * realTokens)));
        double c2 = n2 == 0 ? 0 : n2 * (1 - Math.exp(-t * 3.0 * n3 / ((double) n2 * realTokens)));
        return (c1 + c2) / (n1 + n2);
    }

    /** The bound a tail-coverage {@code min} gate applies: min(configured, SHARE · expected). */
    public static double bound(double configured, double expected) {
        return Math.min(configured, SHARE * expected);
    }
}

package dev.tailguard.core.dedup;

/**
 * MinHash-LSH parameters. {@link #FINEWEB} are FineWeb's (collapse-anchors §9): word 5-gram shingles, 112 hashes as
 * 14 bands × 8 rows, so a pair with Jaccard s becomes a candidate with probability 1 − (1 − s^8)^14 (0.924 at
 * s = 0.8, ≈ 0.5 at s ≈ 0.72).
 *
 * @param shingleSize words per shingle
 * @param bands       LSH bands
 * @param rows        hashes per band
 * @param seed        seed of the hash family (same seed = comparable signatures)
 */
public record MinHashParams(int shingleSize, int bands, int rows, long seed) {

    /** FineWeb defaults (§9), seed 1. */
    public static final MinHashParams FINEWEB = new MinHashParams(5, 14, 8, 1L);

    /** Validates the parameters. */
    public MinHashParams {
        if (shingleSize < 1 || bands < 1 || rows < 1) {
            throw new IllegalArgumentException("shingleSize, bands and rows must be >= 1: " + shingleSize + ", "
                    + bands + ", " + rows);
        }
    }

    /** Number of hash functions (bands × rows). */
    public int numHashes() {
        return bands * rows;
    }

    /** Probability that a pair with Jaccard similarity {@code s} shares at least one band. */
    public double candidateProbability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }
}

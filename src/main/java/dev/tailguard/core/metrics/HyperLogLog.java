package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.NgramHash;

/**
 * HyperLogLog distinct counter over 64-bit hashes (the caller supplies well-mixed hashes, e.g. {@link NgramHash})
 * with 2^p one-byte registers and Ertl's improved estimator ("New cardinality estimation algorithms for
 * HyperLogLog sketches", arXiv 1702.01284, eq. for the improved raw estimator), which needs neither empirical bias
 * tables nor a switch to linear counting. Relative standard error ≈ 1.04/√(2^p): 0.41% at the default p = 16
 * (64 KiB). Merging takes the register-wise maximum, so k merged shards equal one pass exactly.
 */
public final class HyperLogLog {

    /** Default precision. */
    public static final int DEFAULT_P = 16;

    private final int p;
    private final byte[] registers;

    /** A sketch with precision {@link #DEFAULT_P}. */
    public HyperLogLog() {
        this(DEFAULT_P);
    }

    /** A sketch with 2^p registers, 4 ≤ p ≤ 20. */
    public HyperLogLog(int p) {
        if (p < 4 || p > 20) {
            throw new IllegalArgumentException("precision must be in 4..20: " + p);
        }
        this.p = p;
        registers = new byte[1 << p];
    }

    /** Adds a 64-bit hash. */
    public void add(long hash) {
        int idx = (int) (hash >>> (64 - p));
        int rank = Long.numberOfLeadingZeros((hash << p) | (1L << (p - 1))) + 1;
        if (rank > registers[idx]) {
            registers[idx] = (byte) rank;
        }
    }

    /** Register-wise maximum with {@code other} (same precision). */
    public void merge(HyperLogLog other) {
        if (other.p != p) {
            throw new IllegalArgumentException("precisions differ: " + p + " vs " + other.p);
        }
        for (int i = 0; i < registers.length; i++) {
            if (other.registers[i] > registers[i]) {
                registers[i] = other.registers[i];
            }
        }
    }

    /** Estimated number of distinct hashes added. */
    public double estimate() {
        int m = registers.length;
        int q = 64 - p;
        int[] c = new int[q + 2];
        for (byte r : registers) {
            c[r]++;
        }
        double z = m * tau(1.0 - (double) c[q + 1] / m);
        for (int k = q; k >= 1; k--) {
            z = 0.5 * (z + c[k]);
        }
        z += m * sigma((double) c[0] / m);
        return m / (2 * Math.log(2)) * m / z;
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1;
        double z = x;
        double prev;
        do {
            x *= x;
            prev = z;
            z += x * y;
            y += y;
        } while (z != prev);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double y = 1.0;
        double z = 1 - x;
        double prev;
        do {
            x = Math.sqrt(x);
            prev = z;
            y *= 0.5;
            z -= Math.pow(1 - x, 2) * y;
        } while (z != prev);
        return z / 3;
    }

    /** Precision p. */
    public int precision() {
        return p;
    }
}

package dev.tailguard.core.collections;

import java.util.Arrays;

/**
 * Sorts {@code long}s in ascending signed order (the order of {@link Arrays#sort(long[])}) by a least-significant-digit
 * radix sort: six stable counting passes of 11 bits each (2,048 buckets, whose counters stay in the CPU's cache),
 * the digit histograms all taken in one read, and a pass skipped when every key has the same digit. For the uniform
 * 64-bit hashes of the k-gram sets this does ~6 sequential reads and scattered writes per key instead of a
 * comparison sort's ~log2(n) compare-and-swap levels. Needs a scratch array as long as the range.
 */
public final class LongRadixSort {

    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;
    private static final int MASK = RADIX - 1;
    private static final int PASSES = (64 + BITS - 1) / BITS;

    private LongRadixSort() {
    }

    /**
     * Sorts {@code a[0, n)} ascending (signed), using {@code scratch[0, n)}; the result is in {@code a}.
     *
     * @throws IllegalArgumentException when {@code n} exceeds either array
     */
    public static void sort(long[] a, int n, long[] scratch) {
        if (n < 0 || n > a.length || n > scratch.length) {
            throw new IllegalArgumentException("cannot sort " + n + " keys of an array of " + a.length
                    + " with a scratch of " + scratch.length);
        }
        if (n < 2) {
            return;
        }
        int[][] counts = new int[PASSES][RADIX];
        for (int i = 0; i < n; i++) {
            long k = a[i] ^ Long.MIN_VALUE;
            for (int p = 0; p < PASSES; p++) {
                counts[p][(int) (k >>> (p * BITS)) & MASK]++;
            }
        }
        long[] src = a;
        long[] dst = scratch;
        for (int p = 0; p < PASSES; p++) {
            int[] c = counts[p];
            if (allInOneBucket(c, n)) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int v = c[d];
                c[d] = sum;
                sum += v;
            }
            int shift = p * BITS;
            for (int i = 0; i < n; i++) {
                long v = src[i];
                dst[c[(int) ((v ^ Long.MIN_VALUE) >>> shift) & MASK]++] = v;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    private static boolean allInOneBucket(int[] c, int n) {
        for (int v : c) {
            if (v != 0) {
                return v == n;
            }
        }
        return false;
    }
}

package dev.tailguard.core.collections;

/**
 * The open-addressing scheme shared by {@link LongHashSet} and {@link LongCountMap}: power-of-two tables of
 * {@code long} keys where 0 marks an empty slot (the key 0 is kept beside the table), Fibonacci hashing
 * (multiply by 2<sup>64</sup>/φ, keep the top bits) and linear probing at load factor ≤ 0.5.
 */
final class LongProbe {

    /** 2<sup>64</sup>/φ, odd: Knuth's multiplicative (Fibonacci) hashing constant. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private LongProbe() {
    }

    /** Table length for about {@code expected} keys at load factor ≤ 0.5: a power of two, at least 32. */
    static int capacity(int expected) {
        return Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    }

    /** True when a table of {@code length} slots holding {@code size} keys must grow. */
    static boolean full(int size, int length) {
        return size * 2 > length;
    }

    /**
     * The slot of {@code k} (non-zero) in {@code keys}: where it is, or the empty slot where it goes. The caller tells
     * the two apart by {@code keys[slot] == k}.
     */
    static int find(long[] keys, long k) {
        int mask = keys.length - 1;
        int i = (int) ((k * GOLDEN) >>> (64 - Integer.numberOfTrailingZeros(keys.length)));
        while (true) {
            long cur = keys[i];
            if (cur == 0 || cur == k) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }
}

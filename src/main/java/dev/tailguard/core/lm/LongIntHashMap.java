package dev.tailguard.core.lm;

import java.util.Arrays;

/**
 * Open-addressing hash map from non-negative long keys to int values (linear probing). The slot of a key is chosen
 * by multiply-shift range reduction of a 64-bit mix, so the capacity need not be a power of two: a growing map keeps
 * a load factor of at most 1/2, a {@link #compact} copy the 2/3 of KenLM's {@code probing} data structure
 * (multiplier 1.5, KenLM {@code lm/binary_format}, {@code build_binary -p 1.5}).
 */
final class LongIntHashMap {
    static final long EMPTY = -1L;
    private long[] keys;
    private int[] vals;
    private int size;

    LongIntHashMap(int expected) {
        int cap = Math.max(16, expected * 2);
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        vals = new int[cap];
    }

    private LongIntHashMap() {
    }

    /** Wraps saved arrays (slots of {@link #keys()}/{@link #vals()}); {@code size} is the number of used slots. */
    LongIntHashMap(long[] keys, int[] vals, int size) {
        if (keys.length != vals.length || size >= keys.length) {
            throw new IllegalArgumentException("hash table: " + keys.length + " keys, " + vals.length
                    + " values, " + size + " entries");
        }
        this.keys = keys;
        this.vals = vals;
        this.size = size;
    }

    static long pack(int suffix, int word) {
        return ((long) suffix << 32) | (word & 0xffffffffL);
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** Slot in [0, cap): multiply-shift range reduction of the high 32 bits of the mix (Lemire's fastrange). */
    private static int slot(long key, int cap) {
        return (int) (((mix(key) >>> 32) * cap) >>> 32);
    }

    int size() {
        return size;
    }

    /** Number of slots. */
    int capacity() {
        return keys.length;
    }

    long[] keys() {
        return keys;
    }

    int[] vals() {
        return vals;
    }

    /** Value for key, or -1. */
    int get(long key) {
        long[] ks = keys;
        int cap = ks.length;
        int i = slot(key, cap);
        while (true) {
            long k = ks[i];
            if (k == key) {
                return vals[i];
            }
            if (k == EMPTY) {
                return -1;
            }
            if (++i == cap) {
                i = 0;
            }
        }
    }

    /** Returns the existing value, or inserts {@code value} and returns -1. */
    int putIfAbsent(long key, int value) {
        int cap = keys.length;
        int i = slot(key, cap);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return vals[i];
            }
            if (k == EMPTY) {
                keys[i] = key;
                vals[i] = value;
                if (++size * 2 > cap) {
                    rehash(cap * 2);
                }
                return -1;
            }
            if (++i == cap) {
                i = 0;
            }
        }
    }

    /** A copy with {@code ceil(1.5 * size) + 1} slots (load factor 2/3), as KenLM's probing tables. */
    LongIntHashMap compact() {
        LongIntHashMap c = new LongIntHashMap();
        c.keys = keys;
        c.vals = vals;
        c.size = size;
        c.rehash((int) Math.min(Integer.MAX_VALUE - 8, (size * 3L + 1) / 2 + 1));
        return c;
    }

    private void rehash(int newCap) {
        long[] oldK = keys;
        int[] oldV = vals;
        keys = new long[newCap];
        Arrays.fill(keys, EMPTY);
        vals = new int[newCap];
        for (int j = 0; j < oldK.length; j++) {
            long k = oldK[j];
            if (k != EMPTY) {
                int i = slot(k, newCap);
                while (keys[i] != EMPTY) {
                    if (++i == newCap) {
                        i = 0;
                    }
                }
                keys[i] = k;
                vals[i] = oldV[j];
            }
        }
    }
}

package dev.tailguard.core.lm;

import java.util.Arrays;

/** Open-addressing hash map from non-negative long keys to int values (linear probing, load factor 1/2). */
final class LongIntHashMap {
    private static final long EMPTY = -1L;
    private long[] keys;
    private int[] vals;
    private int mask;
    private int size;

    LongIntHashMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        vals = new int[cap];
        mask = cap - 1;
    }

    static long pack(int suffix, int word) {
        return ((long) suffix << 32) | (word & 0xffffffffL);
    }

    private static int mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return (int) k;
    }

    int size() {
        return size;
    }

    /** Value for key, or -1. */
    int get(long key) {
        long[] ks = keys;
        int m = mask;
        int i = mix(key) & m;
        while (true) {
            long k = ks[i];
            if (k == key) {
                return vals[i];
            }
            if (k == EMPTY) {
                return -1;
            }
            i = (i + 1) & m;
        }
    }

    /** Returns the existing value, or inserts {@code value} and returns -1. */
    int putIfAbsent(long key, int value) {
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return vals[i];
            }
            if (k == EMPTY) {
                keys[i] = key;
                vals[i] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] oldK = keys;
        int[] oldV = vals;
        keys = new long[oldK.length * 2];
        Arrays.fill(keys, EMPTY);
        vals = new int[oldK.length * 2];
        mask = keys.length - 1;
        for (int j = 0; j < oldK.length; j++) {
            long k = oldK[j];
            if (k != EMPTY) {
                int i = mix(k) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                vals[i] = oldV[j];
            }
        }
    }
}

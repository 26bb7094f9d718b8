package dev.tailguard.core.collections;

import java.util.Arrays;

/**
 * Open-addressing map from {@code long} keys to {@code long} counts (linear probing, load factor ≤ 0.5).
 * Memory: 16 bytes per slot, so 32–64 bytes per key. Used for exact n-gram count tables; merging adds counts.
 */
public final class LongCountMap {

    /** Callback over entries. */
    @FunctionalInterface
    public interface EntryConsumer {
        /** Receives one key and its count. */
        void accept(long key, long count);
    }

    private long[] keys;
    private long[] vals;
    private long zeroVal;
    private boolean hasZero;
    private int size;
    private int mask;
    private int shift;

    /** An empty map. */
    public LongCountMap() {
        this(16);
    }

    /** An empty map sized for about {@code expected} keys. */
    public LongCountMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        vals = new long[cap];
        mask = cap - 1;
        shift = 64 - Integer.numberOfTrailingZeros(cap);
    }

    /** Adds {@code delta} to the count of {@code k}; returns the new count. */
    public long add(long k, long delta) {
        if (k == 0) {
            if (!hasZero) {
                hasZero = true;
                size++;
            }
            return zeroVal += delta;
        }
        int i = slot(k);
        while (true) {
            long cur = keys[i];
            if (cur == 0) {
                keys[i] = k;
                vals[i] = delta;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return delta;
            }
            if (cur == k) {
                return vals[i] += delta;
            }
            i = (i + 1) & mask;
        }
    }

    /** Count of {@code k}, 0 when absent. */
    public long get(long k) {
        if (k == 0) {
            return hasZero ? zeroVal : 0;
        }
        int i = slot(k);
        while (true) {
            long cur = keys[i];
            if (cur == 0) {
                return 0;
            }
            if (cur == k) {
                return vals[i];
            }
            i = (i + 1) & mask;
        }
    }

    /** True when {@code k} has an entry. */
    public boolean containsKey(long k) {
        if (k == 0) {
            return hasZero;
        }
        int i = slot(k);
        while (true) {
            long cur = keys[i];
            if (cur == 0) {
                return false;
            }
            if (cur == k) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    /** Number of keys. */
    public int size() {
        return size;
    }

    /** Adds all counts of {@code other}. */
    public void addAll(LongCountMap other) {
        other.forEach(this::add);
    }

    /** Calls {@code f} for every entry (unspecified order). */
    public void forEach(EntryConsumer f) {
        if (hasZero) {
            f.accept(0L, zeroVal);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                f.accept(keys[i], vals[i]);
            }
        }
    }

    /** Removes all entries, keeping the capacity. */
    public void clear() {
        Arrays.fill(keys, 0L);
        Arrays.fill(vals, 0L);
        hasZero = false;
        zeroVal = 0;
        size = 0;
    }

    private void grow() {
        long[] ok = keys;
        long[] ov = vals;
        keys = new long[ok.length * 2];
        vals = new long[ok.length * 2];
        mask = keys.length - 1;
        shift = 64 - Integer.numberOfTrailingZeros(keys.length);
        for (int j = 0; j < ok.length; j++) {
            long k = ok[j];
            if (k != 0) {
                int i = slot(k);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                vals[i] = ov[j];
            }
        }
    }

    private int slot(long k) {
        return (int) ((k * 0x9E3779B97F4A7C15L) >>> shift);
    }
}

package dev.tailguard.core.collections;

import java.util.Arrays;

/**
 * Open-addressing map from {@code long} keys to {@code long} counts (linear probing, load factor ≤ 0.5;
 * {@link LongProbe}).
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

    /** An empty map. */
    public LongCountMap() {
        this(16);
    }

    /** An empty map sized for about {@code expected} keys. */
    public LongCountMap(int expected) {
        int cap = LongProbe.capacity(expected);
        keys = new long[cap];
        vals = new long[cap];
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
        int i = LongProbe.find(keys, k);
        if (keys[i] == k) {
            return vals[i] += delta;
        }
        keys[i] = k;
        vals[i] = delta;
        if (LongProbe.full(++size, keys.length)) {
            grow();
        }
        return delta;
    }

    /** Count of {@code k}, 0 when absent. */
    public long get(long k) {
        if (k == 0) {
            return hasZero ? zeroVal : 0;
        }
        int i = LongProbe.find(keys, k);
        return keys[i] == k ? vals[i] : 0;
    }

    /** True when {@code k} has an entry. */
    public boolean containsKey(long k) {
        return k == 0 ? hasZero : keys[LongProbe.find(keys, k)] == k;
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
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] != 0) {
                int i = LongProbe.find(keys, ok[j]);
                keys[i] = ok[j];
                vals[i] = ov[j];
            }
        }
    }
}

package dev.tailguard.core.collections;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Open-addressing set of {@code long} values (linear probing, load factor ≤ 0.5; {@link LongProbe}). Memory: 8 bytes
 * per slot, so 16–32 bytes per element. Used for exact sets of 64-bit n-gram hashes.
 */
public final class LongHashSet {

    private long[] keys;
    private boolean hasZero;
    private int size;

    /** An empty set. */
    public LongHashSet() {
        this(16);
    }

    /** An empty set sized for about {@code expected} elements. */
    public LongHashSet(int expected) {
        keys = new long[LongProbe.capacity(expected)];
    }

    /** Adds {@code k}; returns true when it was not present. */
    public boolean add(long k) {
        if (k == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            size++;
            return true;
        }
        int i = LongProbe.find(keys, k);
        if (keys[i] == k) {
            return false;
        }
        keys[i] = k;
        if (LongProbe.full(++size, keys.length)) {
            grow();
        }
        return true;
    }

    /** True when {@code k} is in the set. */
    public boolean contains(long k) {
        return k == 0 ? hasZero : keys[LongProbe.find(keys, k)] == k;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** Adds every element of {@code other}. */
    public void addAll(LongHashSet other) {
        other.forEach(this::add);
    }

    /** Calls {@code f} for each element (unspecified order). */
    public void forEach(LongConsumer f) {
        if (hasZero) {
            f.accept(0L);
        }
        for (long k : keys) {
            if (k != 0) {
                f.accept(k);
            }
        }
    }

    /** Removes all elements, keeping the capacity. */
    public void clear() {
        Arrays.fill(keys, 0L);
        hasZero = false;
        size = 0;
    }

    private void grow() {
        long[] old = keys;
        keys = new long[old.length * 2];
        for (long k : old) {
            if (k != 0) {
                keys[LongProbe.find(keys, k)] = k;
            }
        }
    }
}

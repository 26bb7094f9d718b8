package dev.tailguard.core.collections;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Open-addressing set of {@code long} values (linear probing, load factor ≤ 0.5). Memory: 8 bytes per slot, so
 * 16–32 bytes per element. Used for exact sets of 64-bit n-gram hashes.
 */
public final class LongHashSet {

    private long[] keys;
    private boolean hasZero;
    private int size;
    private int mask;
    private int shift;

    /** An empty set. */
    public LongHashSet() {
        this(16);
    }

    /** An empty set sized for about {@code expected} elements. */
    public LongHashSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        mask = cap - 1;
        shift = 64 - Integer.numberOfTrailingZeros(cap);
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
        int i = slot(k);
        while (true) {
            long cur = keys[i];
            if (cur == 0) {
                keys[i] = k;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return true;
            }
            if (cur == k) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /** True when {@code k} is in the set. */
    public boolean contains(long k) {
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
        mask = keys.length - 1;
        shift = 64 - Integer.numberOfTrailingZeros(keys.length);
        for (long k : old) {
            if (k != 0) {
                int i = slot(k);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
            }
        }
    }

    private int slot(long k) {
        return (int) ((k * 0x9E3779B97F4A7C15L) >>> shift);
    }
}

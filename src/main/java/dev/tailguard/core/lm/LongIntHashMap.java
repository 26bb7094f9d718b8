package dev.tailguard.core.lm;

import dev.tailguard.core.collections.NgramHash;

import java.util.Arrays;
import java.util.function.IntToLongFunction;

/**
 * Open-addressing hash map from non-negative long keys to non-negative int values (linear probing). A slot is two
 * adjacent longs, key then value, so a lookup touches one cache line as in KenLM's {@code probing} table. The slot of
 * a key is chosen by multiply-shift range reduction of a 64-bit mix, so the capacity need not be a power of two: a
 * growing map keeps a load factor of at most 1/2, a {@link #compact} copy the 2/3 of KenLM's {@code probing} data
 * structure (multiplier 1.5, KenLM {@code build_binary -p 1.5}).
 */
final class LongIntHashMap {
    static final long EMPTY = -1L;
    /**
     * A value's low 31 bits are the entry index. A model's tables ({@link KneserNeyModel}) also keep, in the same long,
     * bit 31 = {@link #NO_EXTENSION} and bits 32..63 = the raw bits of the n-gram's float log10 probability, so a
     * query reads the probability from the slot it found (KenLM's probing layout keeps it there too).
     */
    static final int ENTRY_MASK = 0x7fffffff;
    /**
     * Flag of a value: the n-gram has backoff 0 and no n-gram of the next order starts with it, so a query state can
     * forget it (KenLM's right-state minimisation, its {@code kNoExtensionBackoff}).
     */
    static final long NO_EXTENSION = 0x80000000L;
    /** Slot i: key at 2i, value at 2i+1. */
    private long[] slots;
    /** Keys are already uniform 63-bit hashes ({@link NgramTables}): the slot is taken from their top bits. */
    private boolean premixed;
    private int cap;
    private int size;

    LongIntHashMap(int expected) {
        init(Math.max(16, expected * 2));
    }

    private LongIntHashMap() {
    }

    /**
     * Wraps saved slots ({@link #slots()}) of a {@link #probing} map holding {@code size} entries.
     *
     * @throws IllegalArgumentException if the array cannot hold that many entries
     */
    LongIntHashMap(long[] slots, int size) {
        this.premixed = true;
        if (slots.length % 2 != 0 || size < 0 || size >= slots.length / 2) {
            throw new IllegalArgumentException("hash table: " + slots.length + " longs for " + size + " entries");
        }
        this.slots = slots;
        this.cap = slots.length / 2;
        this.size = size;
    }

    private void init(int capacity) {
        cap = capacity;
        slots = new long[2 * capacity];
        for (int i = 0; i < slots.length; i += 2) {
            slots[i] = EMPTY;
        }
    }

    static long pack(int suffix, int word) {
        return ((long) suffix << 32) | (word & 0xffffffffL);
    }

    private static long mix(long k) {
        return NgramHash.mix(k);
    }

    /** Slot in [0, cap): multiply-shift range reduction of the high 32 bits of the mix (Lemire's fastrange). */
    private static int slot(long key, int cap) {
        return (int) (((mix(key) >>> 32) * cap) >>> 32);
    }

    /** Slot in [0, cap) of a {@link #premixed} key (a uniform 63-bit hash): multiply-shift of its top 32 bits. */
    private static int slotPremixed(long key, int cap) {
        return (int) (((key >>> 31) * cap) >>> 32);
    }

    private int slotOf(long key) {
        return premixed ? slotPremixed(key, cap) : slot(key, cap);
    }

    int size() {
        return size;
    }

    /** Number of slots. */
    int capacity() {
        return cap;
    }

    /** The slot array (key at 2i, value at 2i+1, key {@link #EMPTY} for a free slot); not a copy. */
    long[] slots() {
        return slots;
    }

    /** Entry index (the value's low 31 bits) for key, or -1. */
    int get(long key) {
        int i = find(slots, cap, key, slotOf(key));
        return i < 0 ? -1 : (int) slots[2 * i + 1] & ENTRY_MASK;
    }

    /**
     * Slot index of key in the slot array of a {@link #probing} map of {@code cap} slots ({@link #slots()}), or -1;
     * the value is then at {@code slots[2 * i + 1]}. Static so that a query loop can hold the arrays in locals.
     */
    static int findPremixed(long[] s, int cap, long key) {
        return find(s, cap, key, slotPremixed(key, cap));
    }

    private static int find(long[] s, int cap, long key, int start) {
        int i = start;
        while (true) {
            long k = s[2 * i];
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                return -1;
            }
            if (++i == cap) {
                i = 0;
            }
        }
    }

    /** The float log10 probability kept in bits 32..63 of a model table's value. */
    static float prob(long value) {
        return Float.intBitsToFloat((int) (value >>> 32));
    }

    /** A model table's value: entry index, probability bits and the {@link #NO_EXTENSION} flag. */
    static long value(int entry, float logProb, boolean noExtension) {
        return ((long) Float.floatToRawIntBits(logProb) << 32) | (noExtension ? NO_EXTENSION : 0) | entry;
    }

    /** Replaces the value of every occupied slot by {@code f(entry index)}. */
    void setValues(IntToLongFunction f) {
        long[] s = slots;
        for (int j = 0; j < s.length; j += 2) {
            if (s[j] != EMPTY) {
                s[j + 1] = f.applyAsLong((int) s[j + 1] & ENTRY_MASK);
            }
        }
    }

    /** Returns the existing value, or inserts {@code value} and returns -1. */
    int putIfAbsent(long key, int value) {
        int i = slotOf(key);
        while (true) {
            long k = slots[2 * i];
            if (k == key) {
                return (int) slots[2 * i + 1] & ENTRY_MASK;
            }
            if (k == EMPTY) {
                slots[2 * i] = key;
                slots[2 * i + 1] = value;
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

    /** An empty map with room for {@code size} keys at load factor 2/3 ({@link #putNew}; it does not grow). */
    static LongIntHashMap probing(int size) {
        LongIntHashMap m = new LongIntHashMap();
        m.premixed = true;
        m.init((int) Math.min(Integer.MAX_VALUE / 2 - 8, (size * 3L + 1) / 2 + 1));
        return m;
    }

    /**
     * Inserts a key with a raw value (see {@link #ENTRY_MASK}) without growing.
     *
     * @return false if the key is already present (nothing changed)
     * @throws IllegalStateException if the map is full
     */
    boolean putNew(long key, long value) {
        if (size + 1 >= cap) {
            throw new IllegalStateException("hash table of " + cap + " slots is full");
        }
        int i = slotOf(key);
        while (true) {
            long k = slots[2 * i];
            if (k == key) {
                return false;
            }
            if (k == EMPTY) {
                slots[2 * i] = key;
                slots[2 * i + 1] = value;
                size++;
                return true;
            }
            if (++i == cap) {
                i = 0;
            }
        }
    }

    /** A copy with {@code ceil(1.5 * size) + 1} slots (load factor 2/3), as KenLM's probing tables. */
    LongIntHashMap compact() {
        LongIntHashMap c = new LongIntHashMap();
        c.slots = slots;
        c.cap = cap;
        c.size = size;
        c.premixed = premixed;
        c.rehash((int) Math.min(Integer.MAX_VALUE / 2 - 8, (size * 3L + 1) / 2 + 1));
        return c;
    }

    private void rehash(int newCap) {
        long[] old = slots;
        init(newCap);
        for (int j = 0; j < old.length; j += 2) {
            long k = old[j];
            if (k != EMPTY) {
                int i = premixed ? slotPremixed(k, newCap) : slot(k, newCap);
                while (slots[2 * i] != EMPTY) {
                    if (++i == newCap) {
                        i = 0;
                    }
                }
                slots[2 * i] = k;
                slots[2 * i + 1] = old[j + 1];
            }
        }
    }
}

package dev.tailguard.core.collections;

import java.util.HashMap;
import java.util.Map;

/**
 * What a pass computed for the texts it has already processed, found again by an exact copy of a text (issue 12: at
 * 16× SOTU 15 of 16 real documents are copies). A text is keyed by {@link NgramHash#textKey}: its first hash finds the
 * entry and its second must match, so a false copy needs both to collide (about 2^-128 per pair for texts not
 * crafted to collide; not a cryptographic hash). Bounded: the entries' total weight (the caller's measure of their
 * size) stays at most the budget, after which new texts are not kept. Not thread-safe.
 *
 * @param <T> what is kept per text
 */
public final class CopyIndex<T> {

    private record Entry<T>(long check, T value) {
    }

    private final Map<Long, Entry<T>> byHash = new HashMap<>();
    private final long maxWeight;
    private long weight;

    /** An index whose entries weigh at most {@code maxWeight} in all. */
    public CopyIndex(long maxWeight) {
        this.maxWeight = maxWeight;
    }

    /** What was kept for the text with this {@link NgramHash#textKey}, or null. */
    public T get(long[] key) {
        Entry<T> e = byHash.get(key[0]);
        return e != null && e.check() == key[1] ? e.value() : null;
    }

    /** Keeps {@code value} for the text, unless the budget is spent or another text holds its first hash. */
    public void put(long[] key, T value, long valueWeight) {
        if (weight + valueWeight <= maxWeight && byHash.putIfAbsent(key[0], new Entry<>(key[1], value)) == null) {
            weight += valueWeight;
        }
    }
}

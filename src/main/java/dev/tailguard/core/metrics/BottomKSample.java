package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.NgramHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Seeded, mergeable fixed-size document sample: keeps the {@code k} documents whose priority
 * {@code fmix64(hash(id) ^ seed)} is smallest. The sample depends only on the set of ids and the seed, not on order
 * or sharding, so merging k shards gives exactly the one-pass sample. Documents with equal ids share a priority.
 * Documents are kept as token hashes ({@link NgramHash#tokens}): 8 bytes per sampled token.
 */
public final class BottomKSample {

    private record Entry(long priority, String id, long[] tokens) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::priority)
            .thenComparing(Entry::id);

    private final int k;
    private final long seed;
    private final PriorityQueue<Entry> heap;

    /** A sample of at most {@code k} documents with the given seed. */
    public BottomKSample(int k, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("sample size must be >= 1: " + k);
        }
        this.k = k;
        this.seed = seed;
        heap = new PriorityQueue<>(ORDER.reversed());
    }

    /** Offers a document. */
    public void add(String id, List<String> tokens) {
        long priority = NgramHash.seeded(NgramHash.token(id), seed);
        if (heap.size() < k || priority <= heap.peek().priority()) {
            offer(new Entry(priority, id, NgramHash.tokens(tokens)));
        }
    }

    /** Offers a document given its token hashes. */
    public void addHashes(String id, long[] tokenHashes) {
        offer(new Entry(NgramHash.seeded(NgramHash.token(id), seed), id, tokenHashes));
    }

    private void offer(Entry e) {
        if (heap.size() < k) {
            heap.add(e);
        } else if (ORDER.compare(e, heap.peek()) < 0) {
            heap.poll();
            heap.add(e);
        }
    }

    /** Offers every document of {@code other} (same k and seed required). */
    public void merge(BottomKSample other) {
        if (other.k != k || other.seed != seed) {
            throw new IllegalArgumentException("samples differ in size or seed");
        }
        other.heap.forEach(this::offer);
    }

    /** The sampled documents' token hashes, in priority order. */
    public List<long[]> documents() {
        List<Entry> es = new ArrayList<>(heap);
        es.sort(ORDER);
        List<long[]> out = new ArrayList<>(es.size());
        es.forEach(e -> out.add(e.tokens()));
        return out;
    }

    /** The sampled ids, in priority order. */
    public List<String> ids() {
        List<Entry> es = new ArrayList<>(heap);
        es.sort(ORDER);
        return es.stream().map(Entry::id).toList();
    }
}

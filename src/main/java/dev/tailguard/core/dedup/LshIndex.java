package dev.tailguard.core.dedup;

import dev.tailguard.core.collections.LongCountMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Banded LSH index with union-find clustering (FineWeb style, collapse-anchors §9): two documents sharing any band
 * key are in the same cluster (no Jaccard verification, as FineWeb); the representative of a cluster is its first
 * added document. The index accumulates across batches and merges ({@link #merge} appends the other index's
 * documents after this one's). Memory: per band a map of bucket → first document (≤ 32–64 bytes per distinct
 * bucket), plus 4 bytes and one id reference per document; signatures are not kept.
 */
public final class LshIndex {

    /** Result of adding a document. */
    public record Added(int ordinal, String representative, boolean duplicate) {
    }

    private final MinHash minHash;
    private final LongCountMap[] buckets;
    private final List<String> ids = new ArrayList<>();
    private int[] parent = new int[1024];

    /** An empty index. */
    public LshIndex(MinHashParams params) {
        this(new MinHash(params));
    }

    /** An empty index using the given MinHash family. */
    public LshIndex(MinHash minHash) {
        this.minHash = minHash;
        buckets = new LongCountMap[minHash.params().bands()];
        for (int b = 0; b < buckets.length; b++) {
            buckets[b] = new LongCountMap(1024);
        }
    }

    /** The MinHash family. */
    public MinHash minHash() {
        return minHash;
    }

    /** Adds a document's tokens. */
    public Added add(String id, List<String> tokens) {
        return addSignature(id, minHash.signature(tokens));
    }

    /** Adds a document's tokens given their precomputed hashes. */
    public Added add(String id, List<String> tokens, long[] tokenHashes) {
        return addSignature(id, minHash.signature(tokens, tokenHashes));
    }

    /**
     * Adds a signature; returns the cluster representative (first-added document of the cluster, possibly this
     * document) and whether this document is a near duplicate of an earlier one. Empty signatures never match.
     */
    public Added addSignature(String id, long[] sig) {
        int ord = ids.size();
        ids.add(id);
        if (ord == parent.length) {
            parent = Arrays.copyOf(parent, ord * 2);
        }
        parent[ord] = ord;
        if (!MinHash.isEmpty(sig)) {
            long[] keys = minHash.bandKeys(sig);
            for (int b = 0; b < keys.length; b++) {
                long first = buckets[b].get(keys[b]);
                if (first == 0) {
                    buckets[b].add(keys[b], ord + 1L);
                } else {
                    union((int) (first - 1), ord);
                }
            }
        }
        int root = find(ord);
        return new Added(ord, ids.get(root), root != ord);
    }

    /** Ordinal of an earlier-added document sharing a band with {@code sig}, or −1 (nothing is added). */
    public int query(long[] sig) {
        if (MinHash.isEmpty(sig)) {
            return -1;
        }
        long[] keys = minHash.bandKeys(sig);
        for (int b = 0; b < keys.length; b++) {
            long first = buckets[b].get(keys[b]);
            if (first != 0) {
                return find((int) (first - 1));
            }
        }
        return -1;
    }

    /** True when the index holds a near duplicate of the tokens (nothing is added). */
    public boolean containsNearDuplicate(List<String> tokens) {
        return query(minHash.signature(tokens)) >= 0;
    }

    /** Appends all documents of {@code other} (same parameters required) and joins clusters across the two. */
    public void merge(LshIndex other) {
        if (!other.minHash.params().equals(minHash.params())) {
            throw new IllegalArgumentException("MinHash parameters differ: " + minHash.params() + " vs "
                    + other.minHash.params());
        }
        int offset = ids.size();
        int total = offset + other.ids.size();
        if (parent.length < total) {
            parent = Arrays.copyOf(parent, Math.max(total, parent.length * 2));
        }
        for (int i = 0; i < other.ids.size(); i++) {
            parent[offset + i] = offset + other.find(i);
        }
        ids.addAll(other.ids);
        for (int b = 0; b < buckets.length; b++) {
            LongCountMap mine = buckets[b];
            other.buckets[b].forEach((key, first) -> {
                long m = mine.get(key);
                if (m == 0) {
                    mine.add(key, first + offset);
                } else {
                    union((int) (m - 1), (int) (first - 1) + offset);
                }
            });
        }
    }

    /** Number of documents. */
    public int size() {
        return ids.size();
    }

    /** Id of the document with the given ordinal. */
    public String id(int ordinal) {
        return ids.get(ordinal);
    }

    /** Ordinal of the representative (first-added member) of the document's cluster. */
    public int representative(int ordinal) {
        return find(ordinal);
    }

    /** Number of clusters (documents that are their own representative). */
    public int clusterCount() {
        int c = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (find(i) == i) {
                c++;
            }
        }
        return c;
    }

    /** Share of documents that are not their cluster's representative (near-duplicate rate, §9). */
    public double nearDuplicateRate() {
        return ids.isEmpty() ? 0.0 : (double) (ids.size() - clusterCount()) / ids.size();
    }

    /** Clusters with more than one member: representative id → member ids in insertion order. */
    public Map<String, List<String>> duplicateClusters() {
        Map<Integer, List<String>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byRoot.computeIfAbsent(find(i), k -> new ArrayList<>()).add(ids.get(i));
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        byRoot.forEach((root, members) -> {
            if (members.size() > 1) {
                out.put(ids.get(root), members);
            }
        });
        return out;
    }

    private int find(int x) {
        int r = x;
        while (parent[r] != r) {
            r = parent[r];
        }
        while (parent[x] != r) {
            int next = parent[x];
            parent[x] = r;
            x = next;
        }
        return r;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }
}

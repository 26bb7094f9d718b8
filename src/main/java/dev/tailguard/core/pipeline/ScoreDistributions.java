package dev.tailguard.core.pipeline;

import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.ObjectStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The per-document score columns the report plots as real-vs-synthetic histograms, read in one pass over a side's
 * score shards and held in bounded memory: the documents with the {@code maxDocuments} smallest id hashes (FNV-1a of
 * the id, mixed; ties by id), so the sample is the same whatever the shard order or worker count, and a corpus of any
 * size costs at most {@code maxDocuments × fields} doubles. Below the cap every document is plotted.
 */
final class ScoreDistributions {

    /** Documents per side whose scores the report's histograms plot (a histogram's shape needs no more). */
    static final int MAX_DOCUMENTS = 20_000;

    /**
     * One side's sampled columns.
     *
     * @param columns   field → the sampled documents' values (documents without a numeric value left out)
     * @param documents score records read
     * @param sampled   documents in the sample ({@code min(documents, maxDocuments)})
     */
    record Sample(Map<String, double[]> columns, long documents, int sampled) {

        /** {@code report.json} form: documents read and plotted. */
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("documents", documents);
            m.put("plotted", sampled);
            return m;
        }
    }

    private record Row(long hash, String id, double[] values) {
    }

    private static final Comparator<Row> ORDER = Comparator.comparingLong(Row::hash).thenComparing(Row::id);

    private ScoreDistributions() {
    }

    /** Reads {@code fields} of every score record under {@code keys}, keeping the bottom-{@code maxDocuments} sample. */
    static Sample read(ObjectStore store, List<String> keys, List<String> fields, int maxDocuments) {
        if (maxDocuments <= 0) {
            throw new IllegalArgumentException("maxDocuments must be > 0, got " + maxDocuments);
        }
        PriorityQueue<Row> kept = new PriorityQueue<>(ORDER.reversed());
        long[] documents = {0};
        Shards.forEachObject(store, keys, s -> {
            documents[0]++;
            String id = String.valueOf(s.get("id"));
            long h = hash(id);
            if (kept.size() >= maxDocuments) {
                Row top = kept.peek();
                if (h > top.hash() || (h == top.hash() && id.compareTo(top.id()) >= 0)) {
                    return;
                }
                kept.poll();
            }
            double[] v = new double[fields.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = s.get(fields.get(i)) instanceof Number n ? n.doubleValue() : Double.NaN;
            }
            kept.add(new Row(h, id, v));
        });
        List<Row> rows = new ArrayList<>(kept);
        rows.sort(ORDER);
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            final int f = i;
            columns.put(fields.get(i), rows.stream().mapToDouble(r -> r.values()[f]).filter(x -> !Double.isNaN(x)).toArray());
        }
        return new Sample(columns, documents[0], rows.size());
    }

    /** FNV-1a over the id's chars, then a SplitMix64 finaliser (spreads ids that share a prefix). */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}

package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A run's place in its lineage, for {@code report.json} {@code lineage}: the parent runs found in the blended
 * documents' {@code run_id}/{@code parent_run} metadata, the generation histogram of the blended documents, and the
 * collapse metrics per generation (this run's synthetic documents, plus the entries of every parent report that is
 * readable in the store; a root run also lists its real input as generation 0).
 */
final class RunLineage {

    /** Metrics listed per generation. */
    static final List<String> METRICS = List.of("distinct_2", "compression_ratio", "tail_coverage", "mean_reference_perplexity");

    private RunLineage() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(ObjectStore store, String runId, List<String> blendedKeys, Map<String, Object> score,
                                  Map<String, Object> blendBatch) {
        TreeSet<String> parents = new TreeSet<>();
        Map<Integer, Long> histogram = new TreeMap<>();
        int[] ownGeneration = {-1};
        Shards.forEachDocument(store, blendedKeys, d -> {
            histogram.merge(d.generation(), 1L, Long::sum);
            Object r = d.meta(Provenance.RUN_ID);
            if (r != null && !runId.equals(r)) {
                parents.add(String.valueOf(r));
            }
            Object p = d.meta(Provenance.PARENT_RUN);
            if (p != null && !runId.equals(p)) {
                parents.add(String.valueOf(p));
            }
            if ("synthetic".equals(d.meta(Provenance.KIND)) && runId.equals(r)) {
                ownGeneration[0] = Math.max(ownGeneration[0], d.generation());
            }
        });
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (String parent : parents) {
            String key = new RunLayout(parent).reportJson();
            try {
                if (!store.exists(key)) {
                    unreadable.add(parent);
                    continue;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, Object> lineage = (Map<String, Object>) Manifest.read(store, key).get("lineage");
            if (lineage == null) {
                unreadable.add(parent);
                continue;
            }
            for (Object o : (List<Object>) lineage.getOrDefault("generations", List.of())) {
                Map<String, Object> e = (Map<String, Object>) o;
                entries.putIfAbsent(e.get("run_id") + "/" + e.get("generation"), e);
            }
        }
        Map<String, Object> metrics = Manifest.map(score, "metrics");
        if (parents.isEmpty()) {
            entries.put(runId + "/0", entry(runId, 0, "real", (Map<String, Object>) metrics.get("real"), null,
                    meanPerplexity(store, Manifest.keys(score, "scores_real"))));
        }
        if (ownGeneration[0] > 0) {
            entries.put(runId + "/" + ownGeneration[0], entry(runId, ownGeneration[0], "synthetic",
                    (Map<String, Object>) metrics.get("synthetic"), blendBatch.get("tail_coverage"),
                    meanPerplexity(store, Manifest.keys(score, "scores_synthetic"))));
        }
        List<Map<String, Object>> gens = new ArrayList<>(entries.values());
        gens.sort(Comparator.comparingInt((Map<String, Object> e) -> ((Number) e.get("generation")).intValue())
                .thenComparing(e -> String.valueOf(e.get("run_id"))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run_id", runId);
        out.put("parent_runs", List.copyOf(parents));
        out.put("unreadable_parent_reports", unreadable);
        out.put("max_generation", histogram.isEmpty() ? 0 : ((TreeMap<Integer, Long>) histogram).lastKey());
        Map<String, Long> h = new LinkedHashMap<>();
        histogram.forEach((g, n) -> h.put(String.valueOf(g), n));
        out.put("generation_histogram", h);
        out.put("generations", gens);
        return out;
    }

    private static Map<String, Object> entry(String runId, int generation, String kind, Map<String, Object> m,
                                             Object tailCoverage, double meanPpl) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("run_id", runId);
        e.put("generation", generation);
        e.put("kind", kind);
        e.put("distinct_2", m == null ? null : m.get("distinct_2"));
        e.put("compression_ratio", m == null ? null : m.get("compression_ratio"));
        e.put("tail_coverage", "real".equals(kind) ? Double.valueOf(1.0) : tailCoverage);
        e.put("mean_reference_perplexity", Numbers.round(meanPpl));
        return e;
    }

    private static double meanPerplexity(ObjectStore store, List<String> scoreKeys) {
        double[] sum = {0, 0};
        Shards.forEachObject(store, scoreKeys, s -> {
            if (s.get("perplexity") instanceof Number n && "keep".equals(s.get("decision"))) {
                sum[0] += n.doubleValue();
                sum[1]++;
            }
        });
        return sum[1] == 0 ? 0 : sum[0] / sum[1];
    }
}

package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.gate.DriftCounts;
import dev.tailguard.core.gate.Evidence;
import dev.tailguard.core.gate.Gate;
import dev.tailguard.core.gate.GateResult;
import dev.tailguard.core.generate.NgramGenerator;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.ShardWriter;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 3: blends the real and synthetic documents that passed scoring into {@code blended/}, with provenance on
 * every record. Strategies (see {@link BlendPlan}): {@code accumulate}, {@code replace}, {@code verified-accumulate}.
 * The real share of the blend never falls below {@code min-real-fraction}; synthetic documents left out are
 * quarantined with the reason.
 */
public final class BlendStage {

    /** Stage name. */
    public static final String STAGE = "blend";

    private BlendStage() {
    }

    /** Runs the stage. */
    @SuppressWarnings("unchecked")
    public static DatasetBlended run(SyntheticScored ev, ObjectStore store) {
        long t0 = System.nanoTime();
        RunConfig cfg = ev.config();
        RunLayout layout = new RunLayout(ev.runId());
        String marker = layout.manifest("blended");
        try {
            if (store.exists(marker)) {
                return event(ev, marker, Manifest.read(store, marker));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> gen = Manifest.read(store, layout.manifest("synthetic"));
        Map<String, Object> sc = Manifest.read(store, ev.manifest());
        Set<String> passingReal = new LinkedHashSet<>();
        Shards.forEachObject(store, Manifest.keys(sc, "scores_real"), s -> {
            if ("keep".equals(s.get("decision"))) {
                passingReal.add((String) s.get("id"));
            }
        });
        boolean batchQuarantined = Boolean.TRUE.equals(sc.get("synthetic_batch_quarantined"));
        List<String> candIds = new ArrayList<>();
        List<Double> candPpl = new ArrayList<>();
        if (!batchQuarantined) {
            Shards.forEachObject(store, Manifest.keys(sc, "scores_synthetic"), s -> {
                if ("keep".equals(s.get("decision"))) {
                    candIds.add((String) s.get("id"));
                    candPpl.add(((Number) s.get("perplexity")).doubleValue());
                }
            });
        }
        if (passingReal.isEmpty()) {
            throw new PipelineFailure(STAGE, "no real document passed scoring; nothing to blend (see quarantine/)");
        }
        Set<String> synOrigin = new LinkedHashSet<>();
        Shards.forEachDocument(store, Manifest.keys(gen, "input"), d -> {
            if (passingReal.contains(d.id()) && BlendPlan.isSyntheticOrigin(d)) {
                synOrigin.add(d.id());
            }
        });
        long realOrigin = passingReal.size() - synOrigin.size();
        BlendPlan planned = BlendPlan.plan(cfg, realOrigin, synOrigin.size(), candPpl);

        Map<String, Double> values = new LinkedHashMap<>();
        values.put("synthetic_ratio", planned.syntheticRatio());
        values.put("real_fraction", Numbers.round(1 - planned.syntheticRatio()));
        List<String> fields = driftFields(cfg);
        Set<String> planned0 = new HashSet<>();
        for (int i = 0; i < candIds.size(); i++) {
            if (planned.decisions()[i] == BlendPlan.BLEND) {
                planned0.add(candIds.get(i));
            }
        }
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        if (!planned0.isEmpty()) {
            DriftCounts drift = new DriftCounts(fields);
            Map<String, Double> cmp = RealComparison.measure(store, Manifest.keys(gen, "input"), d -> passingReal.contains(d.id()),
                    Manifest.keys(gen, "synthetic"), d -> planned0.contains(d.id()), fields, drift);
            evidence.put("drift_tv", drift.all());
            fields.forEach(f -> evidence.put("drift_tv_" + f, drift.field(f)));
            values.put("tail_coverage", Numbers.round(cmp.get("tail_coverage_n1")));
            double maxTv = 0;
            for (String f : fields) {
                double tv = Numbers.round(cmp.get("drift_tv_" + f));
                values.put("drift_tv_" + f, tv);
                maxTv = Math.max(maxTv, tv);
            }
            values.put("drift_tv", maxTv);
        }
        List<GateResult> gates = Gate.evaluate(STAGE, values, evidence, cfg.gates());
        List<GateResult> stop = Gate.failed(gates, "stop");
        if (!stop.isEmpty()) {
            throw new PipelineFailure(STAGE, "gate failed: " + stop.get(0).describe());
        }
        List<GateResult> qGates = Gate.failed(gates, "quarantine");
        String gateDetail = String.join("; ", qGates.stream().map(GateResult::describe).toList());
        BlendPlan plan = qGates.isEmpty() ? planned : BlendPlan.noSynthetic(cfg, realOrigin, synOrigin.size(), candPpl.size());

        Map<String, Integer> decision = new LinkedHashMap<>();
        for (int i = 0; i < candIds.size(); i++) {
            decision.put(candIds.get(i), plan.decisions()[i]);
        }
        Set<String> unused = new HashSet<>();
        Set<String> unusedSyn = new HashSet<>();
        for (String id : synOrigin) {
            if (unusedSyn.size() < plan.syntheticInputUnused()) {
                unusedSyn.add(id);
            }
        }
        if (plan.realUnused() > 0) {
            Shards.forEachDocument(store, Manifest.keys(gen, "synthetic"), d -> {
                Integer dec = decision.get(d.id());
                if (dec != null && dec == BlendPlan.BLEND && unused.size() < plan.realUnused()) {
                    Object seeds = d.metadata().get(Provenance.SEED_IDS);
                    if (seeds instanceof List<?> l) {
                        for (Object s : l) {
                            if (passingReal.contains(String.valueOf(s)) && !synOrigin.contains(String.valueOf(s))
                                    && unused.size() < plan.realUnused()) {
                                unused.add(String.valueOf(s));
                                break;
                            }
                        }
                    }
                }
            });
            List<String> rev = new ArrayList<>(passingReal);
            for (int i = rev.size() - 1; i >= 0 && unused.size() < plan.realUnused(); i--) {
                if (!synOrigin.contains(rev.get(i))) {
                    unused.add(rev.get(i));
                }
            }
        }

        unused.addAll(unusedSyn);
        ShardWriter blended = new ShardWriter(store, layout.prefix("blended"), "part", cfg.zstd(), cfg.shardSize());
        ShardWriter q = new ShardWriter(store, layout.prefix("quarantine"), "synthetic-blend", cfg.zstd(), cfg.shardSize());
        long[] realBlended = {0};
        Shards.forEachDocument(store, Manifest.keys(gen, "input"), d -> {
            if (passingReal.contains(d.id()) && !unused.contains(d.id())) {
                blended.write(Documents.toMap(realProvenance(d, ev.runId())));
                realBlended[0]++;
            }
        });
        long[] synBlended = {0};
        String medianNote = "not selected: verified-accumulate keeps the same share from every perplexity quantile stratum"
                + " of the candidates (budget " + plan.budget() + ")";
        Shards.forEachDocument(store, Manifest.keys(gen, "synthetic"), d -> {
            Integer dec = decision.get(d.id());
            if (dec == null) {
                return;
            }
            switch (dec) {
                case BlendPlan.BLEND -> {
                    blended.write(Documents.toMap(d));
                    synBlended[0]++;
                }
                case BlendPlan.UNVERIFIED -> q.write(Quarantine.document(STAGE, "unverified", medianNote, d));
                case BlendPlan.OVER_CAP -> q.write(Quarantine.document(STAGE, "over_ratio_cap",
                        "beyond the synthetic ratio " + cfg.syntheticRatio() + " / min real fraction " + cfg.minRealFraction() + " cap", d));
                default -> q.write(Quarantine.document(STAGE, "gate_failed", gateDetail, d));
            }
        });
        blended.close();
        q.close();

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("real_blended", realBlended[0]);
        counts.put("real_unused", (long) passingReal.size() - realBlended[0]);
        counts.put("synthetic_origin_input_blended", plan.syntheticInputBlended());
        counts.put("synthetic_blended", synBlended[0]);
        counts.put("synthetic_quarantined", q.total());
        counts.put("blended", blended.total());
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("blended", blended.keys());
        keys.put("quarantine_synthetic", q.keys());
        Map<String, Object> strategy = new LinkedHashMap<>();
        strategy.put("strategy", cfg.blendStrategy());
        strategy.put("target_synthetic_ratio", cfg.syntheticRatio());
        strategy.put("min_real_fraction", cfg.minRealFraction());
        strategy.put("synthetic_ratio", plan.syntheticRatio());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", STAGE);
        m.put("run_id", ev.runId());
        m.put("counts", counts);
        m.put("keys", keys);
        m.put("blend", strategy);
        m.put("batch_metrics", values);
        m.put("gates", gates);
        m.put("timing_ms", (System.nanoTime() - t0) / 1_000_000);
        Manifest.write(store, marker, m);
        return event(ev, marker, m);
    }

    /** Metadata fields whose TVD drift is measured: {@code party} plus any field named by a {@code drift_tv_<field>} gate. */
    static List<String> driftFields(RunConfig cfg) {
        Set<String> f = new LinkedHashSet<>(List.of(DEFAULT_DRIFT_FIELD));
        cfg.gates().stream().filter(g -> g.metric().startsWith(Gate.DRIFT_PREFIX))
                .forEach(g -> f.add(g.metric().substring(Gate.DRIFT_PREFIX.length())));
        return List.copyOf(f);
    }

    /** Default metadata field for the representation-drift gate (the SOTU corpus's {@code party}); TVD 0 when absent. */
    public static final String DEFAULT_DRIFT_FIELD = "party";

    private static Document realProvenance(Document d, String runId) {
        Map<String, Object> meta = new LinkedHashMap<>(d.metadata());
        meta.putIfAbsent(Provenance.KIND, "real");
        meta.putIfAbsent(Provenance.GENERATION, d.generation());
        meta.putIfAbsent(Provenance.RUN_ID, runId);
        meta.put(Provenance.CONTENT_SHA256, NgramGenerator.sha256(d.text()));
        return new Document(d.id(), d.text(), d.source(), meta);
    }

    private static DatasetBlended event(SyntheticScored ev, String marker, Map<String, Object> m) {
        return new DatasetBlended(ev.runId(), ev.config(), marker, Manifest.count(m, "blended"),
                Manifest.count(m, "real_blended"), Manifest.count(m, "synthetic_blended"));
    }
}

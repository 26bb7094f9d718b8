package dev.tailguard.core.pipeline;

import dev.tailguard.core.collapse.Anchor;
import dev.tailguard.core.collapse.AnchorStore;
import dev.tailguard.core.collapse.CollapseMeasurement;
import dev.tailguard.core.collapse.CollapsePolicy;
import dev.tailguard.core.collapse.CollapseReason;
import dev.tailguard.core.collapse.CollapseSignals;
import dev.tailguard.core.collapse.CollapseServices;
import dev.tailguard.core.collapse.CollapseVerdict;
import dev.tailguard.core.collapse.DiscriminatorScore;
import dev.tailguard.core.collapse.Embedder;
import dev.tailguard.core.collapse.Signal;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.pipeline.runner.LiveDocuments;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The report's collapse verdict (issue 11 item 3): the blended output and this run's blended synthetic documents
 * measured against the run's frozen anchor ({@link CollapseSignals}), decided by {@link CollapsePolicy} on measured
 * reasons only. A run whose input holds synthetic-origin documents and that has no anchor is {@code unanchored}; a
 * root run too small to hold out an anchor is {@code unanchored} too (nothing to measure against). The generation
 * depth and the configured ratio are context, never a reason.
 *
 * <p>Report gate {@code report.collapse_risk_level}: 0 low, 1 medium, 2 high. An unanchored run has no value, so
 * the gate is not evaluated and does not stop the run; the report shows the level {@code unanchored} prominently
 * instead (a run cannot be failed on a measurement that was not made).
 */
final class CollapseReport {

    private CollapseReport() {
    }

    /**
     * The verdict (its wall time is part of {@code timings_ms.report}; kept out of the verdict so reports stay
     * byte-identical).
     *
     * @param verdict the verdict
     */
    record Result(CollapseVerdict verdict) {

        /** Value of the report gate metric {@code collapse_risk_level}, or null when unanchored. */
        Double gateValue() {
            return switch (verdict.level()) {
                case LOW -> 0.0;
                case MEDIUM -> 1.0;
                case HIGH -> 2.0;
                case UNANCHORED, UNMEASURABLE -> null;
            };
        }
    }

    /** Measures the run against its anchor (or says why it cannot). */
    static Result assess(ObjectStore store, String runId, AnchorUse use, List<String> blendedKeys) {
        return assess(store, runId, use, blendedKeys, CollapseServices.defaults());
    }

    /**
     * Measures the run against its anchor (or says why it cannot) with the deployment's thresholds; the embedding
     * model is loaded only when the anchor holds an embedding sample.
     */
    static Result assess(ObjectStore store, String runId, AnchorUse use, List<String> blendedKeys,
                         CollapseServices services) {
        if (use == null || use.ref() == null) {
            String why = use == null ? "the run predates anchors" : use.note();
            return new Result(CollapseVerdict.unanchored(why));
        }
        Anchor anchor;
        try {
            anchor = AnchorStore.read(store, use.ref());
        } catch (IOException | IllegalArgumentException e) {
            throw new PipelineFailure(ReportStage.STAGE, "cannot read anchor " + use.ref().key() + ": "
                    + e.getMessage());
        }
        Embedder embedder = anchor.embedding() == null ? null : services.embedder();
        String noEmbedder = services.unavailable() == null ? "no embedding model" : services.unavailable();
        // one streaming pass over the blended shards, split in two halves read on two threads and merged: no
        // document is kept (issue 12, bounded report memory)
        Runnable tick = LiveDocuments.ticker();
        List<Consumer<Consumer<Document>>> halves = new ArrayList<>();
        for (List<String> half : halves(blendedKeys)) {
            halves.add(sink -> Shards.forEachDocument(store, half, d -> {
                sink.accept(d);
                tick.run(); // the report's live progress: one more blended document read (from either thread)
            }));
        }
        CollapseMeasurement m = CollapseSignals.measure(anchor, halves,
                d -> "synthetic".equals(d.meta(Provenance.KIND)) && runId.equals(d.meta(Provenance.RUN_ID)),
                embedder, noEmbedder);
        CollapseVerdict v = new CollapsePolicy(services.settings().thresholds()).decide(m);
        return new Result(v);
    }

    /** The keys split in two interleaved halves (shard 0, 2, 4, … and 1, 3, 5, …); one half when fewer than two. */
    static List<List<String>> halves(List<String> keys) {
        if (keys.size() < 2) {
            return List.of(keys);
        }
        List<String> even = new ArrayList<>();
        List<String> odd = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            (i % 2 == 0 ? even : odd).add(keys.get(i));
        }
        return List.of(even, odd);
    }

    /**
     * {@code report.json} {@code collapse_risk}: {@code level}, {@code reasons} ({@code signal, value, ci:[lo,hi],
     * baseline, threshold, level}), {@code signals} (per signal: value, ci, baseline, sample sizes, comparable, note),
     * {@code missing} (signals not computed and why), {@code note} (why unanchored) and {@code context}
     * (generation depth and synthetic share: shown, never a reason).
     */
    static Map<String, Object> toJson(CollapseVerdict v, AnchorUse use, Map<String, Object> context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("level", v.level().key());
        List<Map<String, Object>> reasons = new ArrayList<>();
        for (CollapseReason r : v.reasons()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("signal", r.signal().key());
            m.put("level", r.level().key());
            m.put("value", Numbers.round(r.value()));
            m.put("ci", List.of(Numbers.round(r.ci().lo()), Numbers.round(r.ci().hi())));
            m.put("baseline", Numbers.round(r.baseline()));
            m.put("threshold", Numbers.round(r.threshold()));
            reasons.add(m);
        }
        out.put("reasons", reasons);
        Map<String, Object> signals = new LinkedHashMap<>();
        List<String> missing = List.of();
        if (v.signals() != null) {
            for (Signal s : v.signals().signals()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("value", Numbers.round(s.value()));
                m.put("ci", List.of(Numbers.round(s.ci().lo()), Numbers.round(s.ci().hi())));
                m.put("baseline", Numbers.round(s.baseline()));
                m.put("sample_size", s.sampleSize());
                m.put("anchor_size", s.anchorSize());
                m.put("unit", s.unit());
                m.put("comparable", s.comparable());
                m.put("note", s.note());
                signals.put(s.signal().key(), m);
            }
            missing = v.signals().missing();
            Map<String, Object> sizes = new LinkedHashMap<>();
            sizes.put("blended_documents", v.signals().blendedDocuments());
            sizes.put("blended_tokens", v.signals().blendedTokens());
            sizes.put("synthetic_documents", v.signals().syntheticDocuments());
            CollapseMeasurement.Footprint fp = v.signals().footprint();
            if (fp != null) {
                sizes.put("lm_max_tokens", fp.lmMaxTokens());
                sizes.put("lm_trained_tokens", fp.lmTrainedTokens());
                sizes.put("lm_trained_documents", fp.lmTrainedDocuments());
                sizes.put("lm_held_documents", fp.lmHeldDocuments());
                sizes.put("counted_types", fp.countedTypes());
                sizes.put("synthetic_windows", fp.syntheticWindows());
                sizes.put("anchor_windows", fp.anchorWindows());
                sizes.put("anchor_documents", fp.anchorDocuments());
            }
            out.put("sample", sizes);
            out.put("discriminator", discriminator(v.signals().discriminator()));
        }
        out.put("signals", signals);
        out.put("missing", missing);
        out.put("note", v.note());
        out.put("anchor_source", use == null ? AnchorUse.NONE : use.source());
        out.put("context", context);
        return out;
    }

    /** Number of most and least real-looking synthetic documents listed in {@code collapse_risk.discriminator}. */
    static final int EXAMPLES = 3;

    /**
     * {@code collapse_risk.discriminator}: how many synthetic documents the classifier test scored, and the
     * {@value #EXAMPLES} most ({@code most_real}) and least ({@code least_real}) real-looking ones ({@code id},
     * {@code score} = mean out-of-fold probability of "synthetic", {@code windows}).
     */
    static Map<String, Object> discriminator(List<DiscriminatorScore> scores) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", scores.size());
        m.put("score", "mean out-of-fold classifier probability of 'synthetic' over the document's windows (c2st_auc)");
        m.put("most_real", scoreJson(scores.subList(0, Math.min(EXAMPLES, scores.size()))));
        List<DiscriminatorScore> least = new ArrayList<>(scores.subList(Math.max(Math.min(EXAMPLES, scores.size()),
                scores.size() - EXAMPLES), scores.size()));
        java.util.Collections.reverse(least);
        m.put("least_real", scoreJson(least));
        return m;
    }

    private static List<Map<String, Object>> scoreJson(List<DiscriminatorScore> scores) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DiscriminatorScore d : scores) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("score", Numbers.round(d.score()));
            m.put("windows", d.windows());
            out.add(m);
        }
        return out;
    }

    /** The anchor as an untyped map (for HTML/card rendering of a report read back as JSON). */
    static Object anchorJson(AnchorUse use) {
        return use == null || use.ref() == null ? null : Json.MAPPER.convertValue(use.ref(), Map.class);
    }
}

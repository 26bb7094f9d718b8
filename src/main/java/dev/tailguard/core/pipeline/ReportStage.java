package dev.tailguard.core.pipeline;

import dev.tailguard.core.gate.Gate;
import dev.tailguard.core.gate.GateResult;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.report.CardSettings;
import dev.tailguard.core.report.ReportArtifacts;
import dev.tailguard.core.report.HtmlReport;
import dev.tailguard.core.review.ReviewSummary;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.LiveDocuments;
import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.pipeline.runner.ShardedStage;
import dev.tailguard.core.pipeline.runner.StageOutcome;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskResult;
import dev.tailguard.core.pipeline.runner.TaskSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stage 4: gathers the stage manifests, checks the run invariants (arithmetic and records on disk), and writes
 * {@code report/report.json}, the verdict-first {@code report/index.html} and the dataset card {@code README.md} at
 * the run root (the dataset root its {@code data_files} are relative to).
 */
public final class ReportStage implements ShardedStage {

    /** Stage name. */
    public static final String STAGE = "report";

    private final CardSettings card;
    private final dev.tailguard.core.collapse.CollapseServices collapse;

    /** A report stage with no {@code tailguard.card.*} configuration, default collapse settings, no embedding model. */
    public ReportStage() {
        this(CardSettings.defaults(), dev.tailguard.core.collapse.CollapseServices.defaults());
    }

    /** A report stage with the deployment's {@code tailguard.card.*} settings. */
    public ReportStage(CardSettings card) {
        this(card, dev.tailguard.core.collapse.CollapseServices.defaults());
    }

    /** The stage measuring collapse with {@code collapse} (thresholds, embedding model). */
    public ReportStage(dev.tailguard.core.collapse.CollapseServices collapse) {
        this(CardSettings.defaults(), collapse);
    }

    /** The stage with the deployment's card settings, measuring collapse with {@code collapse}. */
    public ReportStage(CardSettings card, dev.tailguard.core.collapse.CollapseServices collapse) {
        this.card = java.util.Objects.requireNonNull(card, "card");
        this.collapse = java.util.Objects.requireNonNull(collapse, "collapse");
    }

    /** Runs the stage in this thread. Throws {@link PipelineFailure} when an invariant is broken or a stop gate fails. */
    public static RunReported run(DatasetBlended ev, ObjectStore store) {
        StageChain.inline(StageChain.runner(store, dev.tailguard.core.generate.GeneratorSelector.NGRAM_ONLY), ev.runId(), STAGE);
        return event(FrozenRun.load(store, ev.runId()), store);
    }

    /** The {@code run.reported} event of a run whose report succeeded. */
    public static RunReported event(FrozenRun run, ObjectStore store) {
        RunLayout layout = new RunLayout(run.runId());
        return event(run.runId(), layout, Manifest.read(store, layout.reportJson()));
    }

    @Override
    public String name() {
        return STAGE;
    }

    /** The report reads only the stage manifests: no task. */
    @Override
    public List<TaskSpec> plan(RunContext ctx) {
        return List.of();
    }

    @Override
    public TaskResult task(RunContext ctx, TaskSpec task) {
        throw new IllegalStateException("the report stage has no task");
    }

    @Override
    public StageOutcome merge(RunContext ctx, StagePlan plan, List<TaskResult> results) {
        // the blended documents the collapse measurement reads count as this stage's live progress (issue 14)
        try (var live = LiveDocuments.process().enter(ctx.runId(), STAGE)) {
            write(ctx.run(), ctx.store(), card, collapse);
        }
        return StageOutcome.end(STAGE, ctx.layout().reportJson(), StageOutcome.SUCCEEDED);
    }

    /**
     * The published blended files, in the configured {@code tailguard.output.format} order: the JSONL shards when
     * {@code jsonl} is listed, the Parquet files when {@code parquet} is (the card's {@code configs} come from these
     * through {@code DataFiles}).
     */
    static List<String> publishedBlended(RunConfig cfg, Map<String, Object> blend) {
        List<String> out = new ArrayList<>();
        for (String format : cfg.outputFormats()) {
            out.addAll("parquet".equals(format) ? Manifest.keys(blend, BlendStage.PARQUET_KEYS) : Manifest.keys(blend, "blended"));
        }
        return out;
    }

    /** The three stage manifests the report reads. */
    private record Manifests(Map<String, Object> gen, Map<String, Object> score, Map<String, Object> blend) {

        static Manifests read(ObjectStore store, RunLayout layout, DatasetBlended ev) {
            return new Manifests(Manifest.read(store, layout.manifest("synthetic")),
                    Manifest.read(store, layout.manifest("scores")), Manifest.read(store, ev.manifest()));
        }

        List<String> blendedKeys() {
            return Manifest.keys(blend, "blended");
        }

        /** A value of each manifest under the same key, by stage name. */
        Map<String, Object> perStage(String key, Object absent) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("generate", gen.getOrDefault(key, absent));
            m.put("score", score.getOrDefault(key, absent));
            m.put("blend", blend.getOrDefault(key, absent));
            return m;
        }
    }

    /** What the report measured about the collapse risk and its own gates. */
    private record Assessment(Map<String, Double> values, AnchorUse anchorUse, CollapseReport.Result risk,
                              List<GateResult> gates) {
    }

    /**
     * Writes the report. The collapse measurement (the one streaming pass over the blended shards, the LM and the
     * classifier test) runs on this thread; what does not depend on it (the invariant checks that read every record
     * on disk, the lineage, the quarantine reasons, the score distributions) is read meanwhile on a second thread
     * ({@code report-side}), so the merge uses both cores. The outputs are the same as in sequence: each part is
     * computed independently, and a broken invariant is still reported before a failed measurement.
     */
    @SuppressWarnings("unchecked")
    private static void write(FrozenRun run, ObjectStore store, CardSettings card,
                              dev.tailguard.core.collapse.CollapseServices collapse) {
        long t0 = System.nanoTime();
        RunConfig cfg = run.config();
        RunLayout layout = new RunLayout(run.runId());
        DatasetBlended ev = BlendStage.event(run, store);
        Manifests m = Manifests.read(store, layout, ev);
        ExecutorService side = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "report-side");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Map<String, Long>> countsF = side.submit(() -> checkedCounts(store, m));
            Future<Map<String, Object>> lineageF = side.submit(() -> RunLineage.of(store, ev.runId(), m.blendedKeys(),
                    m.score(), (Map<String, Object>) m.blend().getOrDefault("batch_metrics", Map.of())));
            Future<Map<String, Long>> reasonsF = side.submit(() -> quarantineReasons(store,
                    quarantineKeys(m.gen(), m.score(), m.blend())));
            Future<Distributions> distF = side.submit(() -> Distributions.read(store, m));
            Assessment a;
            try {
                a = assess(store, ev.runId(), cfg, m, collapse);
            } catch (RuntimeException e) {
                get(countsF); // a broken invariant is reported first, as when the checks ran before the measurement
                throw e;
            }
            Map<String, Long> counts = get(countsF);
            Map<String, Object> report = assemble(store, ev.runId(), cfg, m, counts, get(lineageF), a, get(reasonsF));
            Distributions dist = get(distF);
            report.put("distributions", dist.toJson());
            List<GateResult> stop = Gate.failed(a.gates(), "stop");
            String stopped = stop.isEmpty() ? null : "gate failed: " + stop.get(0).describe();
            if (stopped != null) {
                report = stopped(report, stopped);
            }
            writeArtifacts(store, layout, report, m, card, dist, t0);
            if (stopped != null) {
                throw new PipelineFailure(STAGE, stopped);
            }
        } finally {
            side.shutdownNow();
        }
    }

    /** The value of a side computation; its own exception (a {@link PipelineFailure}, an I/O error) is rethrown as is. */
    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the report was read", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /**
     * The real and synthetic score columns the HTML report plots ({@link HtmlReport#DISTRIBUTIONS}), one pass per
     * side, each a bounded id-hash sample ({@link ScoreDistributions}, at most {@value ScoreDistributions#MAX_DOCUMENTS}
     * documents per side).
     */
    private record Distributions(ScoreDistributions.Sample real, ScoreDistributions.Sample synthetic) {

        static Distributions read(ObjectStore store, Manifests m) {
            return new Distributions(
                    ScoreDistributions.read(store, Manifest.keys(m.score(), "scores_real"), HtmlReport.DISTRIBUTIONS,
                            ScoreDistributions.MAX_DOCUMENTS),
                    ScoreDistributions.read(store, Manifest.keys(m.score(), "scores_synthetic"), HtmlReport.DISTRIBUTIONS,
                            ScoreDistributions.MAX_DOCUMENTS));
        }

        /** {@code report.json} {@code distributions}: the plotted sample per side, stated with its size. */
        Map<String, Object> toJson() {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("fields", HtmlReport.DISTRIBUTIONS);
            j.put("max_documents_per_side", ScoreDistributions.MAX_DOCUMENTS);
            j.put("sample", "the documents with the smallest id hash, up to the maximum per side");
            j.put("real", real.toJson());
            j.put("synthetic", synthetic.toJson());
            return j;
        }
    }

    /**
     * A report whose own stop gate failed (e.g. {@code collapse_risk_level}): everything was measured, so the whole
     * report is written (verdict, reasons, examples, gates, lineage) with {@code status: failed}, {@code failed_stage}
     * and {@code reason}; the run then fails, and {@link #writeFailure} leaves this report in place.
     */
    private static Map<String, Object> stopped(Map<String, Object> report, String reason) {
        Map<String, Object> out = new LinkedHashMap<>();
        report.forEach((k, v) -> {
            out.put(k, "status".equals(k) ? "failed" : v);
            if ("status".equals(k)) {
                out.put("failed_stage", STAGE);
                out.put("reason", reason);
            }
        });
        return out;
    }

    /** The run's counts, after checking the arithmetic invariants and the records on disk. */
    private static Map<String, Long> checkedCounts(ObjectStore store, Manifests m) {
        Map<String, Long> counts = RunAccounting.counts(m.gen(), m.score(), m.blend());
        List<String> violations = new ArrayList<>(RunAccounting.checkArithmetic(counts));
        violations.addAll(RunAccounting.checkDisk(store, counts, m.gen(), m.score(), m.blend()));
        if (!violations.isEmpty()) {
            throw new PipelineFailure(STAGE, "invariant broken: " + String.join("; ", violations));
        }
        return counts;
    }

    /** The report's own values (diversity ratios, collapse risk level) and its gates. */
    private static Assessment assess(ObjectStore store, String runId, RunConfig cfg, Manifests m,
                                     dev.tailguard.core.collapse.CollapseServices collapse) {
        Map<String, Double> values = diversityValues(Manifest.map(m.score(), "metrics"));
        AnchorUse anchorUse = m.gen().get("anchor") == null ? null
                : Json.MAPPER.convertValue(m.gen().get("anchor"), AnchorUse.class);
        CollapseReport.Result risk = CollapseReport.assess(store, runId, anchorUse, m.blendedKeys(), collapse);
        if (risk.gateValue() != null) {
            values.put("collapse_risk_level", risk.gateValue());
        }
        List<GateResult> reportGates = Gate.evaluate(STAGE, values, cfg.gates());
        return new Assessment(values, anchorUse, risk, reportGates);
    }

    /** Synthetic-over-real distinct-2 ratio and compression-ratio difference; empty without synthetic documents. */
    @SuppressWarnings("unchecked")
    private static Map<String, Double> diversityValues(Map<String, Object> metrics) {
        Map<String, Object> realM = (Map<String, Object>) metrics.get("real");
        Map<String, Object> synM = (Map<String, Object>) metrics.get("synthetic");
        Map<String, Double> values = new LinkedHashMap<>();
        if (((Number) synM.get("documents")).longValue() > 0) {
            double r2 = ((Number) realM.get("distinct_2")).doubleValue();
            values.put("distinct_2_ratio", r2 == 0 ? 0 : round(((Number) synM.get("distinct_2")).doubleValue() / r2));
            values.put("compression_ratio_delta", round(((Number) synM.get("compression_ratio")).doubleValue()
                    - ((Number) realM.get("compression_ratio")).doubleValue()));
        }
        return values;
    }

    /** The gate results of all stages, in stage order, then the report's. */
    @SuppressWarnings("unchecked")
    private static List<Object> allGates(Manifests m, List<GateResult> reportGates) {
        List<Object> gates = new ArrayList<>();
        gates.addAll((List<Object>) m.gen().getOrDefault("gates", List.of()));
        gates.addAll((List<Object>) m.score().getOrDefault("gates", List.of()));
        gates.addAll((List<Object>) m.blend().getOrDefault("gates", List.of()));
        gates.addAll(Json.MAPPER.convertValue(reportGates, List.class));
        return gates;
    }

    /** {@code report.json} without its timings, field order as published. */
    private static Map<String, Object> assemble(ObjectStore store, String runId, RunConfig cfg, Manifests m,
                                                Map<String, Long> counts, Map<String, Object> lineage, Assessment a,
                                                Map<String, Long> quarantineReasons) {
        long blended = counts.get("blended");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("run_id", runId);
        report.put("status", "succeeded");
        report.put("seed", cfg.seed());
        report.put("inputs", m.gen().get("inputs"));
        report.put("counts", new LinkedHashMap<String, Object>(counts));
        report.put("synthetic_ratio", blended == 0 ? 0.0 : round((double) counts.get("synthetic_blended") / blended));
        report.put("metrics", Manifest.map(m.score(), "metrics"));
        report.put("gates", allGates(m, a.gates()));
        report.put("anchor", CollapseReport.anchorJson(a.anchorUse()));
        report.put("collapse_risk", CollapseReport.toJson(a.risk().verdict(), a.anchorUse(),
                context(counts, cfg, lineage)));
        report.put("lineage", lineage);
        Map<String, Object> stageMetrics = m.perStage("batch_metrics", Map.of());
        stageMetrics.put("report", a.values());
        report.put("stage_metrics", stageMetrics);
        report.put("generator", m.gen().get("generator"));
        for (String k : List.of("usage", "refinement")) {
            if (m.gen().get(k) != null) {
                report.put(k, m.gen().get(k));
            }
        }
        report.put("blend", m.blend().get("blend"));
        report.put("reference_lm", m.score().get("reference_lm"));
        report.put("config", cfg);
        report.put("review", reviewSummary(store, runId));
        report.put("outputs", outputs(cfg, m));
        report.put("quarantine_reasons", quarantineReasons);
        report.put("invariants", List.of("lines_read = malformed + anchor_held_out + real", "real = real_blended + real_unused + real_quarantined",
                "synthetic_generated = synthetic_blended + synthetic_quarantined", "blended = real_blended + synthetic_blended",
                "records on disk match counts"));
        return report;
    }

    private static Object reviewSummary(ObjectStore store, String runId) {
        try {
            return ReviewSummary.forRun(store, runId).toReport();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output keys by kind: blended shards, score shards, quarantine shards. */
    private static Map<String, Object> outputs(RunConfig cfg, Manifests m) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("blended", publishedBlended(cfg, m.blend()));
        outputs.put("scores", concat(Manifest.keys(m.score(), "scores_real"), Manifest.keys(m.score(), "scores_synthetic")));
        outputs.put("quarantine", quarantineKeys(m.gen(), m.score(), m.blend()));
        return outputs;
    }

    /** Quarantined records per {@code stage/reason} (the typed reason code), sorted. */
    private static Map<String, Long> quarantineReasons(ObjectStore store, List<String> quarantineKeys) {
        Map<String, Long> reasons = new java.util.TreeMap<>();
        Shards.forEachObject(store, quarantineKeys,
                q -> reasons.merge(q.get("stage") + "/" + q.get("reason"), 1L, Long::sum));
        return reasons;
    }

    /** Writes {@code index.html}, the dataset card and, last, {@code report.json} with the stage timings. */
    private static void writeArtifacts(ObjectStore store, RunLayout layout, Map<String, Object> report, Manifests m,
                                       CardSettings card, Distributions dist, long t0) {
        Map<String, Object> timings = m.perStage("timing_ms", null);
        Map<String, double[]> realDist = dist.real().columns();
        Map<String, double[]> synDist = dist.synthetic().columns();
        try {
            ReportArtifacts.write(store, new ReportArtifacts.Keys(layout.runId(), Manifest.keys(m.gen(), "input"),
                    Manifest.keys(m.gen(), "synthetic"), m.blendedKeys(),
                    layout.prefix("report") + "index.html", layout.datasetCard()), report, realDist, synDist, card);
            timings.put("report", (System.nanoTime() - t0) / 1_000_000);
            report.put("timings_ms", timings);
            store.put(layout.reportJson(), Json.pretty(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a failure report ({@code status: failed}, the stage and one-line reason, and whatever the finished
     * stages counted) so a failed run still leaves {@code report/report.json}.
     */
    public static void writeFailure(ObjectStore store, String runId, long seed, String stage, String reason) {
        RunLayout layout = new RunLayout(runId);
        if (FailureReasons.succeeded(store, runId) || FailureReasons.stoppedByReportGate(store, runId)) {
            return; // a failure never overwrites a succeeded run's report (issue 13) nor a whole report a gate stopped
        }
        reason = FailureReasons.redact(reason);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("run_id", runId);
        report.put("status", "failed");
        report.put("seed", seed);
        report.put("failed_stage", stage);
        report.put("reason", reason);
        try {
            if (store.exists(layout.manifest("synthetic"))) {
                Map<String, Object> gen = Manifest.read(store, layout.manifest("synthetic"));
                report.put("inputs", gen.get("inputs"));
                report.put("counts", gen.get("counts"));
            } else {
                List<String> q = store.list(layout.prefix("quarantine") + "malformed");
                report.put("malformed_records", Shards.count(store, q));
                report.put("quarantine", q);
            }
            store.put(layout.reportJson(), Json.pretty(report));
            store.put(layout.prefix("report") + "index.html", HtmlReport.failure(report).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Context of the verdict (never a reason): generation depth, synthetic share of the blend, configured ratio. */
    private static Map<String, Object> context(Map<String, Long> counts, RunConfig cfg, Map<String, Object> lineage) {
        Map<String, Object> m = new LinkedHashMap<>();
        long blended = counts.get("blended");
        m.put("max_generation", lineage.get("max_generation"));
        m.put("synthetic_share", blended == 0 ? 0.0 : round((double) counts.get("synthetic_blended") / blended));
        m.put("configured_ratio", cfg.syntheticRatio());
        m.put("blend_strategy", cfg.blendStrategy());
        return m;
    }

    private static List<String> quarantineKeys(Map<String, Object> gen, Map<String, Object> score, Map<String, Object> blend) {
        List<String> k = new ArrayList<>();
        k.addAll(Manifest.keys(gen, "quarantine_malformed"));
        k.addAll(Manifest.keys(gen, "quarantine_rejected"));
        k.addAll(Manifest.keys(gen, "quarantine_synthetic"));
        k.addAll(Manifest.keys(gen, "quarantine_synthetic_malformed"));
        k.addAll(Manifest.keys(score, "quarantine_real"));
        k.addAll(Manifest.keys(score, "quarantine_synthetic"));
        k.addAll(Manifest.keys(score, "quarantine_synthetic_gate"));
        k.addAll(Manifest.keys(blend, "quarantine_synthetic"));
        return k;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static RunReported event(String runId, RunLayout layout, Map<String, Object> r) {
        long blended = ((Number) Manifest.map(r, "counts").get("blended")).longValue();
        return new RunReported(runId, "succeeded", layout.reportJson(), blended, ((Number) r.get("synthetic_ratio")).doubleValue());
    }

    private static double round(double v) {
        return Numbers.round(v);
    }
}

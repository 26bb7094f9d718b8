package dev.tailguard.core.pipeline;

import dev.tailguard.core.gate.Gate;
import dev.tailguard.core.gate.GateResult;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.report.DatasetCard;
import dev.tailguard.core.report.HtmlReport;
import dev.tailguard.core.review.ReviewSummary;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.pipeline.runner.FrozenRun;
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

/**
 * Stage 4: gathers the stage manifests, checks the run invariants (arithmetic and records on disk), and writes
 * {@code report/report.json}, {@code report/index.html} and {@code report/DATASET_CARD.md}.
 */
public final class ReportStage implements ShardedStage {

    /** Stage name. */
    public static final String STAGE = "report";

    private final dev.tailguard.core.collapse.CollapseServices collapse;

    /** The stage with default collapse settings and no embedding model. */
    public ReportStage() {
        this(dev.tailguard.core.collapse.CollapseServices.defaults());
    }

    /** The stage measuring collapse with {@code collapse} (thresholds, embedding model). */
    public ReportStage(dev.tailguard.core.collapse.CollapseServices collapse) {
        this.collapse = collapse;
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
        write(ctx.run(), ctx.store(), collapse);
        return StageOutcome.end(STAGE, ctx.layout().reportJson(), StageOutcome.SUCCEEDED);
    }

    @SuppressWarnings("unchecked")
    private static void write(FrozenRun run, ObjectStore store, dev.tailguard.core.collapse.CollapseServices collapse) {
        long t0 = System.nanoTime();
        RunConfig cfg = run.config();
        RunLayout layout = new RunLayout(run.runId());
        DatasetBlended ev = BlendStage.event(run, store);
        Map<String, Object> gen = Manifest.read(store, layout.manifest("synthetic"));
        Map<String, Object> score = Manifest.read(store, layout.manifest("scores"));
        Map<String, Object> blend = Manifest.read(store, ev.manifest());
        Map<String, Long> counts = RunAccounting.counts(gen, score, blend);
        List<String> violations = new ArrayList<>(RunAccounting.checkArithmetic(counts));
        violations.addAll(RunAccounting.checkDisk(store, counts, gen, score, blend));
        if (!violations.isEmpty()) {
            throw new PipelineFailure(STAGE, "invariant broken: " + String.join("; ", violations));
        }
        Map<String, Object> metrics = Manifest.map(score, "metrics");
        Map<String, Object> realM = (Map<String, Object>) metrics.get("real");
        Map<String, Object> synM = (Map<String, Object>) metrics.get("synthetic");
        Map<String, Double> values = new LinkedHashMap<>();
        if (((Number) synM.get("documents")).longValue() > 0) {
            double r2 = ((Number) realM.get("distinct_2")).doubleValue();
            values.put("distinct_2_ratio", r2 == 0 ? 0 : round(((Number) synM.get("distinct_2")).doubleValue() / r2));
            values.put("compression_ratio_delta", round(((Number) synM.get("compression_ratio")).doubleValue()
                    - ((Number) realM.get("compression_ratio")).doubleValue()));
        }
        Map<String, Object> lineage = RunLineage.of(store, ev.runId(), Manifest.keys(blend, "blended"), score,
                (Map<String, Object>) blend.getOrDefault("batch_metrics", Map.of()));
        AnchorUse anchorUse = gen.get("anchor") == null ? null : Json.MAPPER.convertValue(gen.get("anchor"), AnchorUse.class);
        CollapseReport.Result risk = CollapseReport.assess(store, ev.runId(), anchorUse, Manifest.keys(blend, "blended"),
                collapse);
        if (risk.gateValue() != null) {
            values.put("collapse_risk_level", risk.gateValue());
        }
        List<GateResult> reportGates = Gate.evaluate(STAGE, values, cfg.gates());
        List<GateResult> stop = Gate.failed(reportGates, "stop");
        if (!stop.isEmpty()) {
            throw new PipelineFailure(STAGE, "gate failed: " + stop.get(0).describe());
        }
        List<Object> gates = new ArrayList<>();
        gates.addAll((List<Object>) gen.getOrDefault("gates", List.of()));
        gates.addAll((List<Object>) score.getOrDefault("gates", List.of()));
        gates.addAll((List<Object>) blend.getOrDefault("gates", List.of()));
        gates.addAll(Json.MAPPER.convertValue(reportGates, List.class));

        long blended = counts.get("blended");
        Map<String, Object> c = new LinkedHashMap<>(counts);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("run_id", ev.runId());
        report.put("status", "succeeded");
        report.put("seed", cfg.seed());
        report.put("inputs", gen.get("inputs"));
        report.put("counts", c);
        report.put("synthetic_ratio", blended == 0 ? 0.0 : round((double) counts.get("synthetic_blended") / blended));
        report.put("metrics", metrics);
        report.put("gates", gates);
        report.put("anchor", CollapseReport.anchorJson(anchorUse));
        report.put("collapse_risk", CollapseReport.toJson(risk.verdict(), anchorUse,
                context(counts, cfg, lineage)));
        report.put("lineage", lineage);
        Map<String, Object> stageMetrics = new LinkedHashMap<>();
        stageMetrics.put("generate", gen.getOrDefault("batch_metrics", Map.of()));
        stageMetrics.put("score", score.getOrDefault("batch_metrics", Map.of()));
        stageMetrics.put("blend", blend.getOrDefault("batch_metrics", Map.of()));
        stageMetrics.put("report", values);
        report.put("stage_metrics", stageMetrics);
        report.put("generator", gen.get("generator"));
        for (String k : List.of("usage", "refinement")) {
            if (gen.get(k) != null) {
                report.put(k, gen.get(k));
            }
        }
        report.put("blend", blend.get("blend"));
        report.put("reference_lm", score.get("reference_lm"));
        report.put("config", cfg);
        try {
            report.put("review", ReviewSummary.forRun(store, ev.runId()).toReport());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("blended", Manifest.keys(blend, "blended"));
        outputs.put("scores", concat(Manifest.keys(score, "scores_real"), Manifest.keys(score, "scores_synthetic")));
        outputs.put("quarantine", quarantineKeys(gen, score, blend));
        report.put("outputs", outputs);
        Map<String, Long> reasons = new java.util.TreeMap<>();
        Shards.forEachObject(store, quarantineKeys(gen, score, blend),
                q -> reasons.merge(q.get("stage") + "/" + q.get("reason"), 1L, Long::sum));
        report.put("quarantine_reasons", reasons);
        report.put("invariants", List.of("lines_read = malformed + anchor_held_out + real", "real = real_blended + real_unused + real_quarantined",
                "synthetic_generated = synthetic_blended + synthetic_quarantined", "blended = real_blended + synthetic_blended",
                "records on disk match counts"));
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("generate", gen.get("timing_ms"));
        timings.put("score", score.get("timing_ms"));
        timings.put("blend", blend.get("timing_ms"));

        Map<String, double[]> realDist = new LinkedHashMap<>();
        Map<String, double[]> synDist = new LinkedHashMap<>();
        for (String f : HtmlReport.DISTRIBUTIONS) {
            realDist.put(f, column(store, Manifest.keys(score, "scores_real"), f));
            synDist.put(f, column(store, Manifest.keys(score, "scores_synthetic"), f));
        }
        try {
            store.put(layout.prefix("report") + "index.html",
                    HtmlReport.render(report, realDist, synDist).getBytes(StandardCharsets.UTF_8));
            store.put(layout.prefix("report") + "DATASET_CARD.md",
                    DatasetCard.render(report).getBytes(StandardCharsets.UTF_8));
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
        if (FailureReasons.succeeded(store, runId)) {
            return; // a failure never overwrites a succeeded run's report (issue 13)
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

    private static double[] column(ObjectStore store, List<String> keys, String field) {
        List<Double> xs = new ArrayList<>();
        Shards.forEachObject(store, keys, s -> {
            Object v = s.get(field);
            if (v instanceof Number n) {
                xs.add(n.doubleValue());
            }
        });
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static RunReported event(String runId, RunLayout layout, Map<String, Object> r) {
        long blended = ((Number) Manifest.map(r, "counts").get("blended")).longValue();
        return new RunReported(runId, "succeeded", layout.reportJson(), blended, ((Number) r.get("synthetic_ratio")).doubleValue());
    }

    private static double round(double v) {
        return Numbers.round(v);
    }
}

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
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.parquet.ParquetShards;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.pipeline.runner.ShardedStage;
import dev.tailguard.core.pipeline.runner.StageOutcome;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskResult;
import dev.tailguard.core.pipeline.runner.TaskSpec;
import dev.tailguard.core.pipeline.runner.WorkLayout;
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
 * Stage 3 as plan → tasks → merge: blends the real and synthetic documents that passed scoring into
 * {@code blended/}, with provenance on every record. The plan makes one deterministic global decision per document
 * (strategies, see {@link BlendPlan}: {@code accumulate}, {@code replace}, {@code verified-accumulate}; the blend
 * gates) and stores it; each task writes its range's blended records ({@code blended/part-<task>-*}, real ranges
 * first, then synthetic) and quarantines the synthetic documents left out, with the reason; the merge counts. The real
 * share of the blend never falls below {@code min-real-fraction}.
 */
public final class BlendStage implements ShardedStage {

    /** Stage name. */
    public static final String STAGE = "blend";
    /** The global blend decisions, under {@code work/blend/}. */
    static final String DECISIONS = "decisions.json";
    /** Manifest key list of the Parquet copy of the blended set ({@code tailguard.output.format} with parquet). */
    public static final String PARQUET_KEYS = "blended_parquet";
    /** Area of the Parquet files: {@code runs/<id>/data/train-NNNNN-of-MMMMM.parquet} (Hugging Face layout). */
    public static final String PARQUET_AREA = "data";

    @Override
    public String name() {
        return STAGE;
    }

    /**
     * The plan's global decisions (what every task and the merge read; the per-document decisions are in each task's
     * {@link TaskDecisions}, so a task reads only its own range's, whatever the corpus size).
     *
     * @param schema          version (2; 1 held every task's per-document decisions)
     * @param passingReal     real documents that passed scoring
     * @param realLeftOut     real documents not blended (quarantined by scoring, or left unused by {@code replace})
     * @param gateDetail      why blend gates quarantined the batch (empty when none did)
     * @param medianNote      the verified-accumulate reason text
     * @param syntheticRatio  planned synthetic share
     * @param values          blend batch metrics
     * @param gates           blend gate results (as recorded in the manifest)
     * @param syntheticInputBlended input documents of synthetic origin (earlier generations) that are blended
     */
    public record Decisions(int schema, long passingReal, long realLeftOut, String gateDetail, String medianNote,
                            double syntheticRatio, Map<String, Double> values, List<Object> gates,
                            long syntheticInputBlended) {
    }

    /**
     * One task's share of the plan's per-document decisions: the ids of its range that are left out (a real task), or
     * the decision of each candidate of its range (a synthetic task). Written by the plan, one object per task.
     *
     * @param schema      version (1)
     * @param task        the task's index
     * @param realLeftOut ids of the task's range not blended (real tasks; empty for synthetic ones)
     * @param decision    candidate id → {@link BlendPlan} decision (synthetic tasks; empty for real ones)
     */
    public record TaskDecisions(int schema, int task, List<String> realLeftOut, Map<String, Integer> decision) {
    }

    /** The key of task {@code index}'s {@link TaskDecisions}. */
    static String taskDecisions(WorkLayout work, int index) {
        return work.artifact(STAGE, "decisions-" + index + ".json");
    }

    /** Runs the stage in this thread (the run must have been frozen by its generate stage). */
    public static DatasetBlended run(SyntheticScored ev, ObjectStore store) {
        StageChain.inline(StageChain.runner(store, GeneratorSelector.NGRAM_ONLY), ev.runId(), STAGE);
        return event(FrozenRun.load(store, ev.runId()), store);
    }

    /** The {@code dataset.blended} event of a run whose blend stage merged (config from the frozen run). */
    public static DatasetBlended event(FrozenRun run, ObjectStore store) {
        String marker = new RunLayout(run.runId()).manifest("blended");
        Map<String, Object> m = Manifest.read(store, marker);
        return new DatasetBlended(run.runId(), run.config(), marker, Manifest.count(m, "blended"),
                Manifest.count(m, "real_blended"), Manifest.count(m, "synthetic_blended"));
    }

    /** The score decisions the blend starts from: passing real ids, real ids left out, kept candidates. */
    private record Scored(Set<String> passingReal, Set<String> realLeftOut, List<String> candIds, List<Double> candPpl) {
    }

    /** The blend's measured values and the gate results on them. */
    private record Measured(Map<String, Double> values, List<GateResult> gates) {
    }

    @Override
    public List<TaskSpec> plan(RunContext ctx) {
        RunConfig cfg = ctx.config();
        ObjectStore store = ctx.store();
        RunLayout layout = ctx.layout();
        Map<String, Object> gen = Manifest.read(store, layout.manifest("synthetic"));
        Map<String, Object> sc = Manifest.read(store, layout.manifest("scores"));
        Scored scored = readScores(store, sc);
        Set<String> passingReal = scored.passingReal();
        List<TaskSpec> realTasks = ingested(ctx).ranges();
        List<List<String>> leftOutByTask = new ArrayList<>();
        Set<String> synOrigin = realPass(store, realTasks, passingReal, scored.realLeftOut(),
                leftOutByTask);
        long realOrigin = passingReal.size() - synOrigin.size();
        BlendPlan planned = BlendPlan.plan(cfg, realOrigin, synOrigin.size(), scored.candPpl());
        Measured measured = measure(store, cfg, gen, scored, planned);
        List<GateResult> qGates = Gate.failed(measured.gates(), "quarantine");
        String gateDetail = String.join("; ", qGates.stream().map(GateResult::describe).toList());
        BlendPlan plan = qGates.isEmpty() ? planned
                : BlendPlan.noSynthetic(cfg, realOrigin, synOrigin.size(), scored.candPpl().size());

        Map<String, Integer> decision = new LinkedHashMap<>();
        for (int i = 0; i < scored.candIds().size(); i++) {
            decision.put(scored.candIds().get(i), plan.decisions()[i]);
        }
        TaskRanges synRanges = new TaskRanges(ctx.run().limits(), "synthetic", 0);
        List<Map<String, Integer>> decisionByTask = new ArrayList<>();
        Set<String> unused = realUnused(store, gen, plan, decision, passingReal, synOrigin, synRanges, decisionByTask);
        if (!unused.isEmpty()) {
            assignLeftOut(store, realTasks, unused, leftOutByTask);
        }
        String medianNote = "not selected: verified-accumulate keeps the same share from every perplexity quantile stratum"
                + " of the candidates (budget " + plan.budget() + ")";
        GenerateStage.write(store, ctx.work().artifact(STAGE, DECISIONS), new Decisions(2, passingReal.size(),
                scored.realLeftOut().size() + unused.size(), gateDetail, medianNote, plan.syntheticRatio(),
                measured.values(), Json.MAPPER.convertValue(measured.gates(), List.class),
                plan.syntheticInputBlended()));
        List<TaskSpec> tasks = tasks(realTasks, synRanges);
        for (int p = 0; p < tasks.size(); p++) {
            boolean real = p < realTasks.size();
            int i = real ? p : p - realTasks.size();
            List<String> leftOut = real ? leftOutByTask.get(i) : List.of();
            Map<String, Integer> dec = real || i >= decisionByTask.size() ? Map.of() : decisionByTask.get(i);
            int index = tasks.get(p).index();
            GenerateStage.write(store, taskDecisions(ctx.work(), index), new TaskDecisions(1, index, leftOut, dec));
        }
        return tasks;
    }

    private static GenerateStage.Ingested ingested(RunContext ctx) {
        return GenerateStage.read(ctx.store(), new WorkLayout(ctx.runId()).artifact(GenerateStage.STAGE,
                GenerateStage.INGESTED), GenerateStage.Ingested.class);
    }

    /** Reads the score shards: real ids kept or left out, and the kept synthetic candidates with their perplexity. */
    private static Scored readScores(ObjectStore store, Map<String, Object> sc) {
        Set<String> passingReal = new LinkedHashSet<>();
        Set<String> realLeftOut = new HashSet<>();
        Shards.forEachObject(store, Manifest.keys(sc, "scores_real"), s -> {
            if ("keep".equals(s.get("decision"))) {
                passingReal.add((String) s.get("id"));
            } else {
                realLeftOut.add((String) s.get("id"));
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
        return new Scored(passingReal, realLeftOut, candIds, candPpl);
    }

    /**
     * One pass over the real tasks' ranges, in task order: the passing real inputs that are themselves synthetic (an
     * earlier run's output), returned; and, per task, the ids of its range that scoring left out, added to
     * {@code leftOutByTask} (one list per task). A left-out document is skipped on its id, never parsed.
     */
    private static Set<String> realPass(ObjectStore store, List<TaskSpec> realTasks, Set<String> passingReal,
                                        Set<String> leftOut, List<List<String>> leftOutByTask) {
        Set<String> synOrigin = new LinkedHashSet<>();
        for (int i = 0; i < realTasks.size(); i++) {
            leftOutByTask.add(new ArrayList<>());
        }
        TaskRanges.forEachDocument(store, realTasks, new TaskRanges.TaskDocuments() {
            @Override
            public boolean wantId(int task, String id) {
                if (leftOut.contains(id)) {
                    leftOutByTask.get(task).add(id);
                    return false;
                }
                return passingReal.contains(id);
            }

            @Override
            public void accept(int task, Document d) {
                if (BlendPlan.isSyntheticOrigin(d)) {
                    synOrigin.add(d.id());
                }
            }
        });
        return synOrigin;
    }

    /** Adds each id of {@code ids} to the list of every real task whose range holds it (ids only, nothing parsed). */
    private static void assignLeftOut(ObjectStore store, List<TaskSpec> realTasks, Set<String> ids,
                                      List<List<String>> leftOutByTask) {
        TaskRanges.forEachDocument(store, realTasks, (task, id) -> {
            if (ids.contains(id)) {
                leftOutByTask.get(task).add(id);
            }
            return false;
        });
    }

    /**
     * The planned blend's ratio, real fraction, tail coverage and drift against the passing real documents, and the
     * blend gates on them; a failed stop gate throws.
     */
    private static Measured measure(ObjectStore store, RunConfig cfg, Map<String, Object> gen, Scored scored,
                                    BlendPlan planned) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("synthetic_ratio", planned.syntheticRatio());
        values.put("real_fraction", Numbers.round(1 - planned.syntheticRatio()));
        List<String> fields = driftFields(cfg);
        Set<String> planned0 = new HashSet<>();
        for (int i = 0; i < scored.candIds().size(); i++) {
            if (planned.decisions()[i] == BlendPlan.BLEND) {
                planned0.add(scored.candIds().get(i));
            }
        }
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        if (!planned0.isEmpty()) {
            DriftCounts drift = new DriftCounts(fields);
            Map<String, Double> cmp = RealComparison.tailAndDrift(store, Manifest.keys(gen, "input"),
                    scored.passingReal()::contains, Manifest.keys(gen, "synthetic"),
                    planned0::contains, fields, drift);
            evidence.put("drift_tv", drift.all());
            fields.forEach(f -> evidence.put("drift_tv_" + f, drift.field(f)));
            values.put("tail_coverage", Numbers.round(cmp.get("tail_coverage_n1")));
            Evidence tail = GateEvidence.gated(cfg, STAGE, "tail_coverage")
                    ? GateEvidence.tailCoverage(store, Manifest.keys(gen, "input"), d -> scored.passingReal().contains(d.id()),
                    Manifest.keys(gen, "synthetic"), d -> planned0.contains(d.id()),
                    dev.tailguard.core.corpus.SyntheticComparison.DEFAULT_TAIL_K) : null;
            if (tail != null) {
                evidence.put("tail_coverage", tail);
            }
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
        return new Measured(values, gates);
    }

    /**
     * The real ids the plan leaves unused (their synthetic rewrites are blended instead), and the task ranges of the
     * synthetic shards, in one pass over them.
     */
    private static Set<String> realUnused(ObjectStore store, Map<String, Object> gen, BlendPlan plan,
                                          Map<String, Integer> decision, Set<String> passingReal, Set<String> synOrigin,
                                          TaskRanges synRanges, List<Map<String, Integer>> decisionByTask) {
        Set<String> unused = new LinkedHashSet<>();
        Set<String> unusedSyn = new LinkedHashSet<>();
        for (String id : synOrigin) {
            if (unusedSyn.size() < plan.syntheticInputUnused()) {
                unusedSyn.add(id);
            }
        }
        for (String key : Manifest.keys(gen, "synthetic")) {
            Shards.forEachDocument(store, List.of(key), d -> {
                int task = synRanges.pendingTask();
                synRanges.add(key, TaskRanges.utf8(d.text()));
                Integer dec = decision.get(d.id());
                if (dec != null) {
                    while (decisionByTask.size() <= task) {
                        decisionByTask.add(new LinkedHashMap<>());
                    }
                    decisionByTask.get(task).put(d.id(), dec);
                }
                if (plan.realUnused() > 0 && dec != null && dec == BlendPlan.BLEND && unused.size() < plan.realUnused()) {
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
        }
        if (plan.realUnused() > 0) {
            List<String> rev = new ArrayList<>(passingReal);
            for (int i = rev.size() - 1; i >= 0 && unused.size() < plan.realUnused(); i--) {
                if (!synOrigin.contains(rev.get(i))) {
                    unused.add(rev.get(i));
                }
            }
        }
        unused.addAll(unusedSyn);
        return unused;
    }

    /** The real tasks planned at ingest, then one task per range of synthetic shards. */
    private static List<TaskSpec> tasks(List<TaskSpec> realTasks, TaskRanges synRanges) {
        List<TaskSpec> tasks = new ArrayList<>(realTasks);
        for (TaskSpec t : synRanges.finish()) {
            tasks.add(new TaskSpec(tasks.size(), t.side(), t.keys(), t.skip(), t.count(), t.offset()));
        }
        return tasks;
    }

    /** The task's shards: {@code blended/part-<task>-*} and {@code quarantine/synthetic-blend-<task>-*}. */
    @Override
    public List<String> taskOutputPrefixes(RunContext ctx, TaskSpec t) {
        return TaskShard.prefixes(ctx, blendedShard(t), quarantineShard(t));
    }

    private static TaskShard blendedShard(TaskSpec t) {
        return TaskShard.of("blended", "part", t);
    }

    private static TaskShard quarantineShard(TaskSpec t) {
        return TaskShard.of("quarantine", "synthetic-blend", t);
    }

    @Override
    public TaskResult task(RunContext ctx, TaskSpec t) {
        RunConfig cfg = ctx.config();
        ObjectStore store = ctx.store();
        Decisions plan = GenerateStage.read(store, ctx.work().artifact(STAGE, DECISIONS), Decisions.class);
        TaskDecisions mine = GenerateStage.read(store, taskDecisions(ctx.work(), t.index()), TaskDecisions.class);
        ShardWriter blended = blendedShard(t).writer(ctx);
        ShardWriter q = quarantineShard(t).writer(ctx);
        long[] n = new long[2];
        if ("real".equals(t.side())) {
            Set<String> leftOut = new HashSet<>(mine.realLeftOut());
            // a left-out document is skipped on its id, never parsed
            TaskRanges.forEachDocument(store, t, id -> !leftOut.contains(id), d -> {
                blended.write(Documents.toMap(realProvenance(d, ctx.runId())));
                n[0]++;
            });
        } else {
            Map<String, Integer> decisions = mine.decision();
            TaskRanges.forEachDocument(store, t, decisions::containsKey, d -> {
                Integer dec = decisions.get(d.id());
                switch (dec) {
                    case BlendPlan.BLEND -> {
                        blended.write(Documents.toMap(d));
                        n[1]++;
                    }
                    case BlendPlan.UNVERIFIED -> q.write(Quarantine.document(STAGE, "unverified", plan.medianNote(), d));
                    case BlendPlan.OVER_CAP -> q.write(Quarantine.document(STAGE, "over_ratio_cap",
                            "beyond the synthetic ratio " + cfg.syntheticRatio() + " / min real fraction " + cfg.minRealFraction() + " cap", d));
                    default -> q.write(Quarantine.document(STAGE, "gate_failed", plan.gateDetail(), d));
                }
            });
        }
        blended.close();
        q.close();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("blended", blended.keys());
        keys.put("quarantine_synthetic", q.keys());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("real_blended", n[0]);
        counts.put("synthetic_blended", n[1]);
        counts.put("synthetic_quarantined", q.total());
        counts.put("blended", blended.total());
        return new TaskResult(TaskResult.SCHEMA, STAGE, t.index(), keys, counts, Map.of());
    }

    @Override
    public StageOutcome merge(RunContext ctx, StagePlan stagePlan, List<TaskResult> results) {
        long t0 = System.nanoTime();
        RunConfig cfg = ctx.config();
        Decisions plan = GenerateStage.read(ctx.store(), ctx.work().artifact(STAGE, DECISIONS), Decisions.class);
        long realBlended = results.stream().mapToLong(r -> r.count("real_blended")).sum();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("real_blended", realBlended);
        counts.put("real_unused", plan.passingReal() - realBlended);
        counts.put("synthetic_origin_input_blended", plan.syntheticInputBlended());
        counts.put("synthetic_blended", results.stream().mapToLong(r -> r.count("synthetic_blended")).sum());
        counts.put("synthetic_quarantined", results.stream().mapToLong(r -> r.count("synthetic_quarantined")).sum());
        counts.put("blended", results.stream().mapToLong(r -> r.count("blended")).sum());
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("blended", GenerateStage.concat(results, "blended"));
        keys.put("quarantine_synthetic", GenerateStage.concat(results, "quarantine_synthetic"));
        if (cfg.parquetOutput()) {
            keys.put(PARQUET_KEYS, ParquetShards.publish(ctx.store(), GenerateStage.concat(results, "blended"),
                    ctx.layout().prefix(PARQUET_AREA), (Long) counts.get("blended"), cfg.shardSize()));
        }
        Map<String, Object> strategy = new LinkedHashMap<>();
        strategy.put("strategy", cfg.blendStrategy());
        strategy.put("target_synthetic_ratio", cfg.syntheticRatio());
        strategy.put("min_real_fraction", cfg.minRealFraction());
        strategy.put("synthetic_ratio", plan.syntheticRatio());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", STAGE);
        m.put("run_id", ctx.runId());
        m.put("counts", counts);
        m.put("keys", keys);
        m.put("blend", strategy);
        m.put("tasks", results.size());
        m.put("batch_metrics", plan.values());
        m.put("gates", plan.gates());
        m.put("timing_ms", (System.nanoTime() - t0) / 1_000_000);
        String marker = ctx.layout().manifest("blended");
        Manifest.write(ctx.store(), marker, m);
        return StageOutcome.next(STAGE, marker, ReportStage.STAGE);
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

}

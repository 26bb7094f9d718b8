package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.gate.Evidence;
import dev.tailguard.core.gate.Gate;
import dev.tailguard.core.gate.GateResult;
import dev.tailguard.core.gate.GateSpec;
import dev.tailguard.core.gate.MemorisedSpanGate;
import dev.tailguard.core.corpus.Memorisation;
import dev.tailguard.core.collections.CopyIndex;
import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.dedup.ExactDedup;
import dev.tailguard.core.generate.NgramGenerator;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.KneserNeyTrainer;
import dev.tailguard.core.metrics.DiversityState;
import dev.tailguard.core.metrics.DocumentMetrics;
import dev.tailguard.core.quality.DocumentPolicy;
import dev.tailguard.core.quality.DropReason;
import dev.tailguard.core.quality.RuleResult;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.ShardWriter;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.pipeline.runner.ShardedStage;
import dev.tailguard.core.pipeline.runner.StageOutcome;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskResult;
import dev.tailguard.core.pipeline.runner.TaskSpec;
import dev.tailguard.core.corpus.GramSet;
import dev.tailguard.core.sketch.QuantileSketch;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.text.Tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 2 as plan → tasks → merge: per-document scores for real and synthetic documents (written to
 * {@code scores/<kind>-<task>-*}): tokens, distinct-1/2, compression ratio, Gopher quality values, exact-duplicate
 * flag and perplexity under the cross-fitted reference Kneser-Ney models ({@link ReferenceModels}) trained on the
 * run's real input. The plan finds the exact duplicates in run order (real first; the first id keeps its text) and
 * splits both sides into bounded tasks; each task scores its range; the merge aggregates, applies the score gates
 * (which can quarantine the whole synthetic batch or stop the run) and writes the manifest. The {@link #policy}
 * decides keep/quarantine.
 */
public final class ScoreStage implements ShardedStage {

    /** Stage name. */
    public static final String STAGE = "score";
    /** Exact duplicates found by the plan, one object per task under {@code work/score/}: {@code duplicates-<task>.json}. */
    static final String DUPLICATES = "duplicates-";

    @Override
    public String name() {
        return STAGE;
    }

    /**
     * The exact duplicates among one task's documents, in run order (issue 12: each task reads only its own, so a
     * task's memory is bounded by its range, not by the corpus's duplicates).
     *
     * @param schema  version (3; version 2 had no token counts, version 1 was one object for the whole run)
     * @param task    the task's index
     * @param firstOf duplicate id (in this task's range) → id of the run's first document with the same normalised
     *                text (in any task)
     * @param tokens  duplicate id → its {@code Tokenizer.words} count, counted by the plan for real documents (their
     *                task does not measure them, {@link #unmeasuredDuplicate}); null or missing entries are counted by
     *                the task
     */
    public record Duplicates(int schema, int task, Map<String, String> firstOf, Map<String, Integer> tokens) {

        /** Key of a task's duplicates under {@code work/score/}. */
        static String key(RunContext ctx, int task) {
            return ctx.work().artifact(STAGE, DUPLICATES + task + ".json");
        }

        /** The duplicates of one task, as its plan wrote them. */
        static Duplicates read(RunContext ctx, int task) {
            Duplicates d = GenerateStage.read(ctx.store(), key(ctx, task), Duplicates.class);
            if (d.task() != task) {
                throw new IllegalStateException(ctx.store().describe(key(ctx, task)) + " holds task " + d.task()
                        + ", expected " + task);
            }
            return d;
        }
    }

    /**
     * Collects the plan's duplicates per task and writes each task's {@link Duplicates} as soon as its range closes,
     * so the plan holds only the open task's duplicates besides the seen-set.
     */
    private static final class DuplicateWriter {
        private final RunContext ctx;
        private final TaskRanges ranges;
        private int open;
        private Map<String, String> firstOf = new LinkedHashMap<>();
        private Map<String, Integer> tokens = new LinkedHashMap<>();

        DuplicateWriter(RunContext ctx, TaskRanges ranges) {
            this.ctx = ctx;
            this.ranges = ranges;
            this.open = ranges.pendingTask();
        }

        /**
         * Records that the document about to be added to the ranges duplicates {@code first} (null: it does not),
         * with its token count ({@code -1}: not counted).
         */
        void next(String id, String first, long tokenCount) {
            if (first != null) {
                firstOf.put(id, first);
                if (tokenCount >= 0) {
                    tokens.put(id, (int) tokenCount);
                }
            }
        }

        /** After a document was added to the ranges: writes the open task's duplicates if its range closed. */
        void added() {
            if (ranges.pendingTask() != open) {
                flush();
                open = ranges.pendingTask();
            }
        }

        /** After {@link TaskRanges#finish()}: writes the last task's duplicates, if its range held documents. */
        void finish(List<TaskSpec> tasks) {
            if (!tasks.isEmpty() && tasks.get(tasks.size() - 1).index() == open) {
                flush();
            }
        }

        private void flush() {
            GenerateStage.write(ctx.store(), Duplicates.key(ctx, open), new Duplicates(3, open, firstOf, tokens));
            firstOf = new LinkedHashMap<>();
            tokens = new LinkedHashMap<>();
        }
    }

    /** Runs the stage in this thread (the run must have been frozen by its generate stage). */
    public static SyntheticScored run(SyntheticGenerated ev, ObjectStore store) {
        StageChain.inline(StageChain.runner(store, GeneratorSelector.NGRAM_ONLY), ev.runId(), STAGE);
        return event(FrozenRun.load(store, ev.runId()), store);
    }

    /** The {@code synthetic.scored} event of a run whose score stage merged (config from the frozen run). */
    public static SyntheticScored event(FrozenRun run, ObjectStore store) {
        String marker = new RunLayout(run.runId()).manifest("scores");
        Map<String, Object> m = Manifest.read(store, marker);
        return new SyntheticScored(run.runId(), run.config(), marker, Manifest.count(m, "real_passed"),
                Manifest.count(m, "synthetic_passed"), Manifest.count(m, "real_quarantined"),
                Manifest.count(m, "synthetic_quarantined"));
    }

    @Override
    public List<TaskSpec> plan(RunContext ctx) {
        ObjectStore store = ctx.store();
        Map<String, Object> gen = Manifest.read(store, ctx.layout().manifest("synthetic"));
        List<String> inputKeys = Manifest.keys(gen, "input");
        SharedModels.forget(store, ctx.runId(), "generator-lm");
        Map<Long, String> seen = new HashMap<>();
        TaskRanges real = new TaskRanges(ctx.run().limits(), "real", 0);
        DuplicateWriter realDups = new DuplicateWriter(ctx, real);
        boolean built = CorpusArtifacts.info(store, ctx.work()) != null;
        try (CorpusArtifacts.Builder artifacts = built ? new CorpusArtifacts.Builder()
                : new CorpusArtifacts.Builder(GenerateStage.foldTokens(ctx), ctx.config().order(),
                        ctx.run().limits().maxReferenceTokens())) {
            split(store, inputKeys, real, seen, realDups, built ? null : artifacts, true);
            if (!built) {
                artifacts.finish(ctx, inputKeys, ctx.run().limits().maxReferenceTokens());
            }
        }
        List<TaskSpec> tasks = new ArrayList<>(real.finish());
        realDups.finish(tasks);
        TaskRanges syn = new TaskRanges(ctx.run().limits(), "synthetic", tasks.size());
        DuplicateWriter synDups = new DuplicateWriter(ctx, syn);
        split(store, Manifest.keys(gen, "synthetic"), syn, seen, synDups, null, false);
        List<TaskSpec> synTasks = syn.finish();
        synDups.finish(synTasks);
        tasks.addAll(synTasks);
        return tasks;
    }

    /** Documents whose dedup key, size and token hashes the plan computes together (in parallel). */
    private static final int PLAN_BATCH = 64;

    /**
     * What the plan computes of one document off the reading thread: dedup key, UTF-8 size, 13-grams (null when not
     * built, or for a copy), tokens.
     */
    private record Planned(long dedupKey, long utf8, long[] grams, long tokens) {
    }

    /**
     * Finds the exact duplicates in run order and adds each document to the task ranges (and, when given, its
     * 13-grams and fold tokens to the artifacts). Each batch of {@value #PLAN_BATCH} documents is normalised, digested
     * and tokenised on the common pool, then applied one by one in reading order, so the result is the same as a
     * sequential pass. The seen-set maps the first 64 bits of each distinct normalised text's SHA-256
     * ({@link ExactDedup#key64}; a false duplicate has probability 2^-64 per pair) to the first id, instead of the
     * 64-character hex digest: ~100 bytes less per document.
     *
     * <p>On the real side ({@code countTokens} or artifacts), a document whose raw text is an exact copy of one planned
     * in an earlier batch ({@link CopyIndex}, at most {@value #COPIES} texts; two hashes of the characters, computed
     * first, on the common pool) takes that one's dedup key, size and token count and adds no 13-gram: the seen-set,
     * the ranges, the duplicates, the token totals and the 13-gram set are those of a pass that computes everything,
     * without normalising, digesting or tokenising the copy. Corpora with many exact copies (crawls, concatenated
     * dumps) skip most of the plan's work.
     */
    private static void split(ObjectStore store, List<String> keys, TaskRanges ranges, Map<Long, String> seen,
                              DuplicateWriter duplicates, CorpusArtifacts.Builder artifacts, boolean countTokens) {
        boolean real = artifacts != null || countTokens;
        CopyIndex<Planned> copies = new CopyIndex<>(COPIES);
        for (String key : keys) {
            List<Document> batch = new ArrayList<>(PLAN_BATCH);
            Runnable flush = () -> {
                List<long[]> textKeys = real ? batch.parallelStream().map(d -> NgramHash.textKey(d.text())).toList()
                        : null;
                List<Planned> planned = java.util.stream.IntStream.range(0, batch.size()).parallel().mapToObj(i -> {
                    Planned copy = real ? copies.get(textKeys.get(i)) : null;
                    return copy != null ? copy : plan(batch.get(i).text(), artifacts, countTokens);
                }).toList();
                for (int i = 0; i < batch.size(); i++) {
                    Document d = batch.get(i);
                    Planned p = planned.get(i);
                    if (artifacts != null) {
                        artifacts.addRealGrams(d.id(), p.grams() == null ? NO_GRAMS : p.grams(), p.tokens());
                        artifacts.offerReal(d);
                    }
                    if (real) { // kept without its 13-grams (a copy adds none); a copy's own put finds its text kept
                        copies.put(textKeys.get(i), p.grams() == null ? p : new Planned(p.dedupKey(), p.utf8(), null,
                                p.tokens()), 1);
                    }
                    duplicates.next(d.id(), seen.putIfAbsent(p.dedupKey(), d.id()), p.tokens());
                    ranges.add(key, p.utf8());
                    duplicates.added();
                }
                batch.clear();
            };
            Shards.forEachDocument(store, List.of(key), d -> {
                batch.add(d);
                if (batch.size() >= PLAN_BATCH) {
                    flush.run();
                }
            });
            flush.run();
        }
    }

    /** Most texts the plan keeps for exact copies (about 100 bytes each). */
    static final int COPIES = 1 << 18;

    private static final long[] NO_GRAMS = new long[0];

    /** A document's dedup key, UTF-8 size, tokens and (when building the artifacts) 13-grams (pure; any thread). */
    private static Planned plan(String text, CorpusArtifacts.Builder artifacts, boolean countTokens) {
        long[] th = artifacts == null ? null : Tokenizer.tokenHashes(text);
        long tokens = th != null ? th.length : countTokens ? Tokenizer.count(text) : -1;
        return new Planned(ExactDedup.key64(text), TaskRanges.utf8(text), th == null ? null : artifacts.grams(th),
                tokens);
    }

    /**
     * The per-document memorisation gate of the run ({@code tailguard.gates.score.memorised-span.max}, longest
     * verbatim span shared with the real input in tokens), or null when none is configured.
     */
    static GateSpec spanGate(RunConfig cfg) {
        return cfg.gates().stream().filter(g -> g.stage().equals(STAGE) && g.metric().equals(MEMORISED_SPAN)
                && g.max() != null).findFirst().orElse(null);
    }

    /** Gate metric of the per-document memorisation gate. */
    public static final String MEMORISED_SPAN = "memorised_span";

    /** The reference models, loaded once per process and run from the plan's binaries ({@link CorpusArtifacts}). */
    private static ReferenceModels reference(RunContext ctx) {
        return SharedModels.get(ctx.store(), ctx.runId(), "reference-lm",
                () -> CorpusArtifacts.reference(ctx.store(), ctx.work()));
    }

    /** The real 13-gram set, mapped once per process and run. */
    private static GramSet realGrams(RunContext ctx) {
        return SharedModels.get(ctx.store(), ctx.runId(), "real-13grams",
                () -> CorpusArtifacts.grams(ctx.store(), ctx.work()));
    }

    /** Task detail: the task's perplexities as a serialised KLL sketch (base64), merged by the stage merge. */
    static final String PERPLEXITY_SKETCH = "perplexity_kll";

    /** Task detail: the task's {@link DiversitySample.Candidates}, merged into its side's sample by the stage merge. */
    static final String DIVERSITY_CANDIDATES = "diversity_candidates";

    /** The task's shards: {@code scores/<side>-<task>-*} and {@code quarantine/<side>-score-<task>-*}. */
    @Override
    public List<String> taskOutputPrefixes(RunContext ctx, TaskSpec t) {
        return TaskShard.prefixes(ctx, scoresShard(t), quarantineShard(t));
    }

    private static TaskShard scoresShard(TaskSpec t) {
        return TaskShard.of("scores", t.side(), t);
    }

    private static TaskShard quarantineShard(TaskSpec t) {
        return TaskShard.of("quarantine", t.side() + "-score", t);
    }

    @Override
    public TaskResult task(RunContext ctx, TaskSpec t) {
        ObjectStore store = ctx.store();
        RunConfig cfg = ctx.config();
        ReferenceModels ref = reference(ctx);
        GramSet grams = "real".equals(t.side()) ? null : realGrams(ctx);
        QuantileSketch ppl = QuantileSketch.create(PPL_SKETCH_K);
        Duplicates duplicates = Duplicates.read(ctx, t.index());
        Map<String, String> firstOf = duplicates.firstOf();
        Map<String, Integer> tokensOf = duplicates.tokens() == null ? Map.of() : duplicates.tokens();
        String kind = t.side();
        GateSpec spanSpec = "synthetic".equals(kind) ? spanGate(cfg) : null;
        MemorisedSpanGate spanGate = spanSpec == null ? null : new MemorisedSpanGate(spanSpec.max().intValue());
        ShardWriter scores = scoresShard(t).writer(ctx);
        ShardWriter quarantine = quarantineShard(t).writer(ctx);
        long[] n = new long[7];
        DiversitySample.Candidates candidates = new DiversitySample.Candidates(DiversitySample.DEFAULT_MAX_TOKENS);
        // one document at a time on the worker's thread: the task is the unit of parallelism (workers share tasks)
        TaskRanges.forEachDocument(store, t, doc -> {
            String duplicateOf = firstOf.get(doc.id());
            if (duplicateOf != null && "real".equals(kind)) {
                // dedup first: a real exact duplicate is dropped unmeasured (its text is measured under the first id)
                DropReason dup = DocumentPolicy.DEFAULT.decide(duplicateOf, List.of()).orElseThrow();
                Map<String, Object> s = unmeasuredDuplicate(doc, kind, dup, tokensOf.get(doc.id()));
                candidates.add(doc.id(), ((Number) s.get("tokens")).intValue());
                scores.write(s);
                quarantine.write(Quarantine.document(STAGE, dup.code(), dup.text(), doc));
                n[0]++;
                n[6]++;
                return;
            }
            Scored sc = measure(doc, kind, "real".equals(kind) ? ref.forInput(doc) : ref.forCandidate(doc));
            candidates.add(doc.id(), sc.tokens().size());
            Map<String, Object> s = sc.scores();
            Document d = sc.doc();
            s.put("exact_duplicate_of", firstOf.get(d.id()));
            DropReason reason = policy(s, sc.result());
            if (spanGate != null) {
                reason = memorisedSpan(s, sc, reason, grams, spanGate, spanSpec.onFail());
            }
            s.put("decision", reason == null ? "keep" : "quarantine");
            s.put("reason", reason == null ? null : reason.text());
            scores.write(s);
            ppl.update(((Number) s.get("perplexity")).doubleValue());
            if (reason == null && grams != null) {
                long[] o = grams.overlap(sc.tokenHashes());
                n[3] += o[0];
                n[4] += o[1];
            }
            n[0]++;
            if (s.containsKey(RULES_NOT_APPLICABLE)) {
                n[5]++;
            }
            if (s.entrySet().stream().anyMatch(e -> e.getKey().startsWith("pii_") && e.getValue() instanceof Number v && v.doubleValue() > 0)) {
                n[2]++;
            }
            if (reason == null) {
                n[1]++;
            } else {
                quarantine.write(Quarantine.document(STAGE, reason.code(), reason.text(), d));
            }
        });
        scores.close();
        quarantine.close();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("scores", scores.keys());
        keys.put("quarantine", quarantine.keys());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("scored", n[0]);
        counts.put("passed", n[1]);
        counts.put("with_pii", n[2]);
        counts.put("kept_13grams", n[3]);
        counts.put("kept_13grams_in_real", n[4]);
        counts.put(RULES_NOT_APPLICABLE, n[5]);
        counts.put(DUPLICATES_NOT_MEASURED, n[6]);
        // an ordered map: Map.of's iteration order differs between JVMs, and the marker must be the same bytes anywhere
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(PERPLEXITY_SKETCH, Base64.getEncoder().encodeToString(ppl.toBytes()));
        details.put(DIVERSITY_CANDIDATES, candidates.encode());
        return new TaskResult(TaskResult.SCHEMA, STAGE, t.index(), keys, counts, details);
    }

    @Override
    public StageOutcome merge(RunContext ctx, StagePlan plan, List<TaskResult> results) {
        long t0 = System.nanoTime();
        RunConfig cfg = ctx.config();
        RunLayout layout = ctx.layout();
        ObjectStore store = ctx.store();
        Map<String, Object> gen = Manifest.read(store, layout.manifest("synthetic"));
        List<String> inputKeys = Manifest.keys(gen, "input");
        List<String> syntheticKeys = Manifest.keys(gen, "synthetic");
        // the two sides' diversity samples are read and measured at once, the real one on a thread of its own
        java.util.concurrent.CompletableFuture<Side> realSide = Background.start("tailguard-score-merge-real",
                () -> side(store, "real", inputKeys, plan, results));
        Side syn = side(store, "synthetic", syntheticKeys, plan, results);
        Side real = Background.join(realSide);
        CorpusArtifacts.Info ref = CorpusArtifacts.info(store, ctx.work());

        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        if (real.total > 0) {
            values.put("real_pass_rate", Numbers.round((double) real.passed / real.total));
            evidence.put("real_pass_rate", new Evidence.Proportion(real.passed, real.total));
        }
        if (syn.total > 0) {
            values.put("synthetic_pass_rate", Numbers.round((double) syn.passed / syn.total));
            values.put("pii_rate", Numbers.round((double) syn.withPii / syn.total));
            evidence.put("synthetic_pass_rate", new Evidence.Proportion(syn.passed, syn.total));
            evidence.put("pii_rate", new Evidence.Proportion(syn.withPii, syn.total));
            values.put("perplexity_ratio", Numbers.round(syn.medianPerplexity() / real.medianPerplexity()));
            values.put("memorised_13gram_share", Numbers.round(syn.grams == 0 ? 0.0 : (double) syn.gramsInReal / syn.grams));
            if (GateEvidence.gated(cfg, STAGE, "memorised_13gram_share")) {
                var passed = new java.util.HashSet<>(passedIds(store, syn.scoreKeys));
                GateEvidence.Memorised mem = GateEvidence.memorised(store, syntheticKeys, d -> passed.contains(d.id()),
                        realGrams(ctx));
                if (mem.evidence() != null) {
                    evidence.put("memorised_13gram_share", mem.evidence());
                }
            }
        }
        List<GateResult> gates = Gate.evaluate(STAGE, values, evidence, cfg.gates());
        List<GateResult> stop = Gate.failed(gates, "stop");
        if (!stop.isEmpty()) {
            throw new PipelineFailure(STAGE, "gate failed: " + stop.get(0).describe());
        }
        List<GateResult> quarantine = Gate.failed(gates, "quarantine");
        boolean batchQuarantined = !quarantine.isEmpty() && syn.passed > 0;
        List<String> gateKeys = List.of();
        long gateQuarantined = 0;
        if (batchQuarantined) {
            String detail = String.join("; ", quarantine.stream().map(GateResult::describe).toList());
            var ids = new java.util.HashSet<>(passedIds(store, syn.scoreKeys));
            ShardWriter q2 = new ShardWriter(store, layout.prefix("quarantine"), "synthetic-score-gate", cfg.zstd(), cfg.shardSize());
            Shards.forEachDocument(store, syntheticKeys, ids::contains,
                    d -> q2.write(Quarantine.document(STAGE, "gate_failed", detail, d)));
            q2.close();
            gateKeys = q2.keys();
            gateQuarantined = q2.total();
        }

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("real_scored", real.total);
        counts.put("real_passed", real.passed);
        counts.put("real_quarantined", real.total - real.passed);
        counts.put("synthetic_scored", syn.total);
        counts.put("synthetic_passed", batchQuarantined ? 0 : syn.passed);
        counts.put("synthetic_quarantined", syn.total - syn.passed + gateQuarantined);
        counts.put("real_" + RULES_NOT_APPLICABLE, real.notApplicable);
        counts.put("synthetic_" + RULES_NOT_APPLICABLE, syn.notApplicable);
        counts.put("real_" + DUPLICATES_NOT_MEASURED, real.notMeasured);
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("scores_real", real.scoreKeys);
        keys.put("scores_synthetic", syn.scoreKeys);
        keys.put("quarantine_real", real.quarantineKeys);
        keys.put("quarantine_synthetic", syn.quarantineKeys);
        keys.put("quarantine_synthetic_gate", gateKeys);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("real", real.metrics());
        metrics.put("synthetic", syn.metrics());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", STAGE);
        m.put("run_id", ctx.runId());
        m.put("counts", counts);
        m.put("keys", keys);
        m.put("synthetic_batch_quarantined", batchQuarantined);
        m.put("metrics", metrics);
        Map<String, Object> refLm = new LinkedHashMap<>();
        refLm.put("order", ref.order());
        refLm.put("training", ref.crossFitted()
                ? "two folds of the real input (id hash mod 2); each document scored by the fold model that did not see it"
                : "all real input (one fold only: real perplexities are in-sample)");
        refLm.put("cross_fitted", ref.crossFitted());
        refLm.put("vocabulary", ref.vocabulary());
        refLm.put("discount_fallback", ref.discountFallback());
        refLm.put("max_training_tokens", ref.maxTrainingTokens());
        refLm.put("trained_tokens", ref.folds().stream().map(ReferenceModels.FoldInfo::trainedTokens).toList());
        refLm.put("capped", ref.folds().stream().anyMatch(ReferenceModels.FoldInfo::capped));
        refLm.put("artifacts", "work/score/ (binary models, real 13-gram set; built once by the plan)");
        m.put("reference_lm", refLm);
        m.put("tasks", results.size());
        m.put("batch_metrics", values);
        m.put("gates", gates);
        m.put("timing_ms", (System.nanoTime() - t0) / 1_000_000);
        String marker = layout.manifest("scores");
        Manifest.write(store, marker, m);
        SharedModels.forget(store, ctx.runId(), "reference-lm");
        SharedModels.forget(store, ctx.runId(), "real-13grams");
        return StageOutcome.next(STAGE, marker, BlendStage.STAGE);
    }

    /** Exact (deterministic) for up to this many documents per side; a KLL estimate within its rank error beyond. */
    static final int PPL_SKETCH_K = 1 << 15;

    private static final class Side {
        /** distinct-1/2 and compression ratio: the only diversity numbers the score manifest reports. */
        final DiversityState div = new DiversityState(2);
        DiversitySample sample;
        final QuantileSketch ppl = QuantileSketch.create(PPL_SKETCH_K);
        long total;
        long passed;
        long withPii;
        long grams;
        long gramsInReal;
        long notApplicable;
        long notMeasured;
        final List<String> scoreKeys = new ArrayList<>();
        final List<String> quarantineKeys = new ArrayList<>();

        double medianPerplexity() {
            return ppl.isEmpty() ? 0 : ppl.midMedian();
        }

        Map<String, Object> metrics() {
            Map<String, Object> m = Numbers.metrics(div);
            if (sample != null) {
                m.put("diversity_sample", sample.toMap());
            }
            m.put("perplexity_median", Numbers.round(medianPerplexity()));
            m.put("perplexity_median_exact", ppl.isExact());
            return m;
        }
    }

    /** Ids the score policy kept (read back only when a score gate quarantines the whole synthetic batch). */
    private static List<String> passedIds(ObjectStore store, List<String> scoreKeys) {
        List<String> ids = new ArrayList<>();
        Shards.forEachObject(store, scoreKeys, s -> {
            if ("keep".equals(s.get("decision"))) {
                ids.add((String) s.get("id"));
            }
        });
        return ids;
    }

    /** A side's totals from its tasks' partial states, its scores (perplexities, kept ids) and its documents (diversity). */
    private static Side side(ObjectStore store, String kind, List<String> docKeys, StagePlan plan, List<TaskResult> results) {
        Side side = new Side();
        List<String> candidates = new ArrayList<>();
        boolean allCandidates = true;
        for (TaskResult r : results) {
            if (!kind.equals(plan.tasks().get(r.index()).side())) {
                continue;
            }
            side.total += r.count("scored");
            side.passed += r.count("passed");
            side.withPii += r.count("with_pii");
            side.scoreKeys.addAll(r.keys("scores"));
            side.quarantineKeys.addAll(r.keys("quarantine"));
            side.grams += r.count("kept_13grams");
            side.gramsInReal += r.count("kept_13grams_in_real");
            side.notApplicable += r.count(RULES_NOT_APPLICABLE);
            side.notMeasured += r.count(DUPLICATES_NOT_MEASURED);
            if (r.details().get(PERPLEXITY_SKETCH) instanceof String b64) {
                side.ppl.merge(QuantileSketch.fromBytes(Base64.getDecoder().decode(b64)));
            }
            if (r.details().get(DIVERSITY_CANDIDATES) instanceof String c) {
                candidates.add(c);
            } else {
                allCandidates = false;
            }
        }
        // the tasks' candidates give the sample without reading the side (results written before them: read it)
        side.sample = allCandidates && !candidates.isEmpty()
                ? DiversitySample.fromCandidates(candidates, DiversitySample.DEFAULT_MAX_TOKENS)
                : DiversitySample.choose(store, docKeys, DiversitySample.DEFAULT_MAX_TOKENS);
        diversity(store, docKeys, side.sample, side.div);
        return side;
    }

    /** Documents tokenised and hashed together (in parallel) before their n-grams enter the merge's sets in order. */
    private static final int DIVERSITY_BATCH = 64;

    /**
     * Adds the side's {@link DiversitySample} (every document up to 2 M tokens; beyond, the documents with the
     * smallest id hash up to that budget, so both sides are measured at the same size and the sets stay bounded) to
     * the side's diversity state, in order: batches of {@value #DIVERSITY_BATCH} documents
     * are tokenised and hashed on the common pool, then added one by one (the sets and the compression stream see
     * the same sequence as a sequential pass, so the numbers are identical).
     */
    private static void diversity(ObjectStore store, List<String> docKeys, DiversitySample sample, DiversityState div) {
        List<Document> batch = new ArrayList<>(DIVERSITY_BATCH);
        Runnable flush = () -> {
            List<long[]> hashes = batch.parallelStream().map(d -> Tokenizer.tokenHashes(d.text())).toList();
            for (int i = 0; i < hashes.size(); i++) {
                div.addHashes(hashes.get(i), batch.get(i).text());
            }
            batch.clear();
        };
        Shards.forEachDocument(store, docKeys, sample::includes, d -> {
            batch.add(d);
            if (batch.size() >= DIVERSITY_BATCH) {
                flush.run();
            }
        });
        flush.run();
    }

    /**
     * Task and manifest count: real documents quarantined as exact duplicates without being measured (their text is
     * measured under the first id that carries it, so measuring it again adds only cost).
     */
    public static final String DUPLICATES_NOT_MEASURED = "duplicates_not_measured";

    /**
     * The score record of a real document that is an exact duplicate of an earlier one: id, kind, tokens
     * ({@code Tokenizer.words}, as {@link #measure} counts them; the plan's count when given), exact_duplicate_of, decision {@code quarantine} with
     * the policy's typed reason, and {@code measured: false}; no metric, so the side's perplexities, rule counts and
     * histograms are those of the distinct texts (the synthetic side, deduplicated by generate, is always measured).
     */
    static Map<String, Object> unmeasuredDuplicate(Document d, String kind, DropReason reason, Integer tokens) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", d.id());
        s.put("kind", kind);
        s.put("tokens", tokens != null ? tokens.intValue() : Tokenizer.count(d.text()));
        s.put("exact_duplicate_of", ((DropReason.ExactDuplicate) reason).firstId());
        s.put("measured", false);
        s.put("decision", "quarantine");
        s.put("reason", reason.text());
        return s;
    }

    /**
     * A document's measurements; dedup and policy are applied to them afterwards.
     * {@code tokenHashes} are {@link NgramHash#tokens} of {@code tokens}, computed once and shared by the metrics,
     * the diversity numbers and the 13-gram lookups.
     */
    record Scored(Document doc, List<String> tokens, long[] tokenHashes, DocumentMetrics.Result result,
                          Map<String, Object> scores) {
    }

    /**
     * Score-record field (present only when non-empty) and task/manifest count name: rules not applied to a document,
     * rule name to {@code not_applicable (why)}, e.g. {@code gopher_enough_stop_words: not_applicable (language fr)}.
     */
    public static final String RULES_NOT_APPLICABLE = "rules_not_applicable";

    /** The rules not applied to a document, rule name to {@code not_applicable (why)}, in rule order. */
    static Map<String, String> notApplied(List<RuleResult> rules) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RuleResult rr : rules) {
            if (!rr.applied()) {
                out.put(rr.name(), "not_applicable (" + rr.notApplicable() + ")");
            }
        }
        return out;
    }

    /**
     * The per-document numbers: id, kind, tokens, distinct_1, distinct_2, compression_ratio, perplexity (reference
     * LM, per token incl. {@code </s>}), exact_duplicate_of (filled in order: the first id with the same normalised
     * text across the run, real first), every {@link DocumentMetrics} value (quality rules, PII counts, ...) and,
     * when a rule was not applied (the English-only Gopher stop-word rule on another language),
     * {@value #RULES_NOT_APPLICABLE}. The text is tokenised once: the sentences' {@code Tokenizer.words} tokens, concatenated, are the document's
     * tokens ({@link #words}), and their hashes are computed once.
     */
    static Scored measure(Document d, String kind, KneserNeyModel ref) {
        List<List<String>> sentences = sentenceWords(d.text());
        List<String> tokens = words(sentences);
        long[] th = NgramHash.tokens(tokens);
        DocumentMetrics.Result r = DocumentMetrics.evaluate(d.text(), tokens, th);
        DiversityState one = new DiversityState(2, th.length);
        one.addHashes(th, d.text());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", d.id());
        s.put("kind", kind);
        s.put("tokens", tokens.size());
        s.put("distinct_1", Numbers.round(one.distinct(1)));
        s.put("distinct_2", Numbers.round(one.distinct(2)));
        s.put("compression_ratio", Numbers.round(one.compressionRatio()));
        double lp = 0;
        long n = 0;
        for (List<String> toks : sentences) {
            if (!toks.isEmpty()) {
                lp += ref.log10Sentence(toks);
                n += toks.size() + 1;
            }
        }
        s.put("perplexity", Numbers.round(n == 0 ? 0 : Math.pow(10, -lp / n)));
        s.put("exact_duplicate_of", null);
        r.values().forEach((k, v) -> s.putIfAbsent(k, Numbers.round(v)));
        Map<String, String> skipped = notApplied(r.rules());
        if (!skipped.isEmpty()) {
            s.put(RULES_NOT_APPLICABLE, skipped);
        }
        return new Scored(d, tokens, th, r, s);
    }

    /** {@code Tokenizer.words} of each of the text's {@code Tokenizer.sentences}, in order. */
    static List<List<String>> sentenceWords(String text) {
        List<String> sentences = Tokenizer.sentences(text);
        List<List<String>> out = new ArrayList<>(sentences.size());
        for (String sent : sentences) {
            out.add(Tokenizer.words(sent));
        }
        return out;
    }

    /**
     * The document's tokens from its sentences' tokens: equal to {@code Tokenizer.words(text)}, because a sentence
     * boundary falls only before white space (or at a blank line), where a word token always ends, and the white
     * space trimmed from the sentences yields no token ({@code ScoreStageTokensTest} checks it).
     */
    static List<String> words(List<List<String>> sentences) {
        int n = 0;
        for (List<String> s : sentences) {
            n += s.size();
        }
        List<String> out = new ArrayList<>(n);
        for (List<String> s : sentences) {
            out.addAll(s);
        }
        return out;
    }

    /**
     * The per-document memorisation gate after the policy: a synthetic document the policy keeps whose longest
     * verbatim span shared with the real input exceeds the gate's max gets the typed reason {@code memorised_span}
     * ({@link MemorisedSpanGate}); with {@code on-fail=stop} the run fails instead. Records
     * {@code longest_memorised_span} in the document's scores.
     */
    private static DropReason memorisedSpan(Map<String, Object> s, Scored sc, DropReason reason, GramSet index,
                                        MemorisedSpanGate gate, String onFail) {
        int longest = index.longestSpan(sc.tokenHashes());
        Memorisation.DocResult r = new Memorisation.DocResult(0, 0, longest, -1, -1, false);
        s.put("longest_memorised_span", longest);
        if (reason != null) {
            return reason;
        }
        var exceeded = gate.check(sc.doc().id(), r);
        if (exceeded.isEmpty()) {
            return null;
        }
        if ("stop".equals(onFail)) {
            throw new PipelineFailure(STAGE, "gate failed: document " + sc.doc().id() + ": " + exceeded.get().detail());
        }
        return new DropReason.MemorisedSpan(longest, gate.maxTokens(), -1);
    }

    /**
     * The keep/drop decision of {@link DocumentPolicy#DEFAULT}: null to keep, else the typed reason (an exact
     * duplicate first, then the first failed Gopher quality or repetition rule; C4 and FineWeb values are recorded,
     * not enforced).
     */
    public static DropReason policy(Map<String, Object> scores, DocumentMetrics.Result r) {
        Object dup = scores.get("exact_duplicate_of");
        return DocumentPolicy.DEFAULT.decide(dup == null ? null : dup.toString(), r.rules()).orElse(null);
    }
}

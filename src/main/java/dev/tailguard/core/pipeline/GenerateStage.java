package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.collapse.CollapseServices;
import dev.tailguard.core.gate.Evidence;
import dev.tailguard.core.gate.Gate;
import dev.tailguard.core.gate.GateResult;
import dev.tailguard.core.generate.GenerationFailedException;
import dev.tailguard.core.generate.MinimumDocuments;
import dev.tailguard.core.generate.GenerationSink;
import dev.tailguard.core.generate.Generator;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.generate.RefiningGenerator;
import dev.tailguard.core.generate.UsageReporting;
import dev.tailguard.core.metrics.DiversityState;
import dev.tailguard.core.generate.NgramGenerator;
import dev.tailguard.core.dedup.ExactDedup;
import dev.tailguard.core.dedup.LshIndex;
import dev.tailguard.core.dedup.MinHashParams;
import dev.tailguard.core.io.Compression;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.JsonlLine;
import dev.tailguard.core.io.JsonlReader;
import dev.tailguard.core.io.ShardWriter;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.pipeline.runner.ShardedStage;
import dev.tailguard.core.pipeline.runner.StageOutcome;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.pipeline.runner.TaskResult;
import dev.tailguard.core.pipeline.runner.TaskSpec;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.text.Tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Stage 1 as plan → tasks → merge. The plan ingests the inputs (valid lines to {@code input/}, malformed lines to
 * {@code quarantine/} with file, line and reason; one pass in input order, so the first of two lines with the same
 * id wins as before), splits the real documents into bounded seed ranges ({@link TaskRanges}) and, for {@code ngram},
 * trains the generator's model once on a capped sample ({@link GeneratorLm}, {@code tailguard.generate.max-training-tokens}). Each task generates the
 * synthetic documents of its seed range into {@code synthetic/part-<task>-*}; the merge measures the batch, applies
 * the generate gates and writes the stage manifest. Generators other than {@code ngram} run as one task (their usage
 * and refinement reports are per generator instance). Idempotent: see {@link dev.tailguard.core.pipeline.runner.StageRunner}.
 */
public final class GenerateStage implements ShardedStage {

    /** Stage name. */
    public static final String STAGE = "generate";

    /** Synthetic documents the merge prepares together (in parallel) before applying them in order. */
    private static final int MERGE_BATCH = 64;

    /** One synthetic document prepared for the merge's in-order dedup and diversity. */
    private record Prepared(Document doc, List<String> words, long[] signature, long exactKey) {
    }

    /** Task detail: the task's {@link DiversitySample.Candidates} (the merge's distinct-2 sample without a pass). */
    static final String DIVERSITY_CANDIDATES = "diversity_candidates";
    /**
     * Live progress key of the plan's ingest ({@link dev.tailguard.core.pipeline.runner.LiveDocuments}, read with
     * {@code documents(runId, INGEST_PROGRESS)}): input lines read so far, advancing per line while the plan runs
     * (the stage's own key counts seed documents of its tasks, so the two never add up twice).
     */
    public static final String INGEST_PROGRESS = "generate.ingest";
    /** Name of the ingest artifact under {@code work/generate/}. */
    static final String INGESTED = "ingested.json";
    private static final int BATCH = 64;

    private final GeneratorSelector selector;
    private final GenerateSettings settings;
    private final CollapseServices collapse;

    /** The stage with the generators the selector provides, default {@link GenerateSettings} and collapse settings. */
    public GenerateStage(GeneratorSelector selector) {
        this(selector, GenerateSettings.defaults(), CollapseServices.defaults());
    }

    /** The stage with the generators the selector provides and the deployment's settings. */
    public GenerateStage(GeneratorSelector selector, GenerateSettings settings) {
        this(selector, settings, CollapseServices.defaults());
    }

    /** The stage with the generators the selector provides; a root run freezes its anchor with {@code collapse}. */
    public GenerateStage(GeneratorSelector selector, CollapseServices collapse) {
        this(selector, GenerateSettings.defaults(), collapse);
    }

    /** The stage with the deployment's generate settings and collapse services. */
    public GenerateStage(GeneratorSelector selector, GenerateSettings settings, CollapseServices collapse) {
        this.selector = selector;
        this.settings = settings;
        this.collapse = collapse;
    }

    @Override
    public String name() {
        return STAGE;
    }

    /** Runs the stage with the built-in {@code ngram} generator. */
    public static SyntheticGenerated run(RunRequested req, ObjectStore store) {
        return run(req, store, GeneratorSelector.NGRAM_ONLY);
    }

    /**
     * Freezes the run (when not yet frozen) and runs the stage in this thread. Throws {@link PipelineFailure} on
     * unusable input, an unavailable generator or a {@code stop} gate.
     */
    public static SyntheticGenerated run(RunRequested req, ObjectStore store, GeneratorSelector selector) {
        FrozenRun run = FrozenRun.of(req, TaskLimits.DEFAULTS).freeze(store);
        StageChain.inline(StageChain.runner(store, selector), run.runId(), STAGE);
        return event(run, store);
    }

    /** The {@code synthetic.generated} event of a run whose generate stage merged (config from the frozen run). */
    public static SyntheticGenerated event(FrozenRun run, ObjectStore store) {
        String marker = new RunLayout(run.runId()).manifest("synthetic");
        Map<String, Object> m = Manifest.read(store, marker);
        return new SyntheticGenerated(run.runId(), run.config(), marker, Manifest.count(m, "real"),
                Manifest.count(m, "malformed"), Manifest.count(m, "synthetic_generated"));
    }

    /**
     * What the ingest pass found, stored as {@code work/generate/ingested.json}.
     *
     * @param schema    version (1)
     * @param inputs    per input: file, lines, documents, malformed
     * @param linesRead lines read over all inputs
     * @param real      valid documents
     * @param input     input shard keys
     * @param malformed malformed-line quarantine keys
     * @param bad       malformed lines
     * @param ranges    seed ranges over the real documents (side {@code real})
     * @param anchor    how the run found its collapse anchor; held-out documents are not in {@code input}
     * @param brought   the synthetic batch the user brought (null when this run generates)
     * @param realTokens tokens of the valid documents in {@code input} ({@code Tokenizer.words})
     * @param generatorLm what the {@code ngram} generator's model was trained on (null for other generators)
     * @param foldTokens  {@code realTokens} per reference-model fold ({@link ReferenceModels#fold} of the id), the
     *                    score plan's hint for sampling the reference models' text in its own pass (null: older run)
     * @param seedCopies  input documents whose text copies an earlier input document's ({@link SeedCopies}): the
     *                    score stage drops them, so they neither count in the synthetic target nor seed (null: older
     *                    run, none)
     */
    public record Ingested(int schema, List<InputStat> inputs, long linesRead, long real, List<String> input,
                           List<String> malformed, long bad, List<TaskSpec> ranges, AnchorUse anchor,
                           SyntheticIngest.Brought brought, long realTokens, GeneratorLm.Info generatorLm,
                           List<Long> foldTokens, Long seedCopies) {

        /** {@link #seedCopies}, 0 when not recorded. */
        long copies() {
            return seedCopies == null ? 0 : seedCopies;
        }

        /** The real documents that are not copies of an earlier one: what the synthetic target is taken from. */
        long distinct() {
            return real - copies();
        }
    }

    /**
     * The real input's {@code Tokenizer.words} tokens per reference-model fold ({@link ReferenceModels#fold}), as the
     * ingest counted them ({@code ingested.json}), or null when not recorded (an older run) or unreadable: the score
     * plan's hint for sampling the reference models' training text in its own pass.
     */
    static long[] foldTokens(RunContext ctx) {
        String key = ctx.work().artifact(STAGE, INGESTED);
        try {
            if (!ctx.store().exists(key)) {
                return null;
            }
            Ingested in = read(ctx.store(), key, Ingested.class);
            List<Long> f = in.foldTokens();
            return f == null || f.size() != 2 ? null : new long[] {f.get(0), f.get(1)};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Per-input statistics (same JSON as the manifest's {@code inputs} entries). */
    public record InputStat(String file, long lines, long documents, long malformed) {
    }

    @Override
    public List<TaskSpec> plan(RunContext ctx) {
        boolean ngram = NgramGenerator.NAME.equals(ctx.config().generator());
        InputIngest.Result r = new InputIngest(ctx, settings.readOptions(ctx.config().maxLineBytes()), collapse)
                .run(ngram ? (keys, tokens) -> GeneratorLm.train(ctx, keys, tokens, settings.maxTrainingTokens()) : null);
        Ingested in = r.ingested();
        if (r.generatorLm() != null) {
            GeneratorLm.share(ctx, r.generatorLm().model());
        }
        write(ctx.store(), ctx.work().artifact(STAGE, INGESTED), in);
        if (in.brought() != null) {
            return List.of();
        }
        // fail early on an unknown generator
        try (Generator g = select(ctx, in)) {
            g.name();
        } catch (IllegalArgumentException e) {
            throw new PipelineFailure(STAGE, e.getMessage());
        }
        if (NgramGenerator.NAME.equals(ctx.config().generator())) {
            return in.ranges();
        }
        return List.of(new TaskSpec(0, "real", in.input(), 0, in.real(), 0));
    }

    private Generator select(RunContext ctx, Ingested in) {
        RunConfig cfg = ctx.config();
        Supplier<Generator> ngram = () -> new NgramGenerator(GeneratorLm.load(ctx, in.generatorLm()), cfg.seed(),
                cfg.temperature(), cfg.topK(), cfg.maxSyntheticTokens(), ctx.runId());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("order", cfg.order());
        params.put("temperature", cfg.temperature());
        params.put("top_k", cfg.topK());
        params.put("max_tokens", cfg.maxSyntheticTokens());
        return selector.select(cfg.generator(), ctx.runId(), cfg.seed(), params, ngram);
    }

    /** The task's shards: {@code synthetic/part-<task>-*} and {@code quarantine/generate-rejected-<task>-*}. */
    @Override
    public List<String> taskOutputPrefixes(RunContext ctx, TaskSpec t) {
        return TaskShard.prefixes(ctx, syntheticShard(t), rejectedShard(t));
    }

    private static TaskShard syntheticShard(TaskSpec t) {
        return TaskShard.of("synthetic", "part", t);
    }

    private static TaskShard rejectedShard(TaskSpec t) {
        return TaskShard.of("quarantine", "generate-rejected", t);
    }

    /**
     * Generates the synthetic documents seeded by the task's range. The seed multiplicities come from one global
     * seeded permutation ({@link #seedMultiplicity}), so the split does not change which documents seed what. Ids
     * of tasks after the first are qualified with the task ({@code <run>:t<task>-...}) so they stay unique.
     */
    @Override
    public TaskResult task(RunContext ctx, TaskSpec t) {
        RunConfig cfg = ctx.config();
        ObjectStore store = ctx.store();
        Ingested in = read(store, ctx.work().artifact(STAGE, INGESTED), Ingested.class);
        int target = syntheticTarget(in.distinct(), cfg);
        int[] multiplicity = seedMultiplicity((int) in.distinct(), target, cfg.seed());
        long[] copies = SeedCopies.read(store, ctx.work().artifact(STAGE, SeedCopies.ARTIFACT), in.copies(),
                in.real());
        Generator gen;
        try {
            gen = select(ctx, in);
        } catch (IllegalArgumentException e) {
            throw new PipelineFailure(STAGE, e.getMessage());
        }
        ShardWriter synthetic = syntheticShard(t).writer(ctx);
        ShardWriter rejected = rejectedShard(t).writer(ctx);
        DiversitySample.Candidates candidates = new DiversitySample.Candidates(DiversitySample.DEFAULT_MAX_TOKENS);
        GenerationSink sink = new GenerationSink() {
            @Override
            public void accept(Document d) {
                Document out = t.index() == 0 ? d : new Document(qualify(d.id(), t), d.text(), d.source(), d.metadata());
                synthetic.write(Documents.toMap(out));
                candidates.add(out.id(), Tokenizer.count(out.text()));
            }

            @Override
            public void reject(String seedId, String reason, String detail) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("stage", STAGE);
                m.put("reason", reason);
                m.put("detail", detail);
                m.put("seed_id", seedId);
                rejected.write(m);
            }
        };
        List<Document> batch = new ArrayList<>();
        long[] batches = {0};
        long[] index = {t.offset()};
        long[] distinct = {t.offset() - SeedCopies.copiesBefore(copies, t.offset())};
        Consumer<Document> seeds = d -> {
            int times = SeedCopies.isCopy(copies, index[0]) ? 0 : multiplicity[(int) distinct[0]++];
            for (int k = 0; k < times; k++) {
                batch.add(d);
            }
            index[0]++;
            if (batch.size() >= BATCH) {
                batches[0]++;
                gen.generate(List.copyOf(batch), sink);
                batch.clear();
            }
        };
        Map<String, Object> details = new LinkedHashMap<>();
        try (gen) {
            TaskRanges.forEachDocument(store, t, seeds);
            if (!batch.isEmpty()) {
                batches[0]++;
                gen.generate(List.copyOf(batch), sink);
            }
            Map<String, Object> generator = new LinkedHashMap<>();
            generator.put("name", gen.name());
            generator.put("parameters", gen.parameters());
            details.put("generator", generator);
            if (gen instanceof UsageReporting u && u.usage() != null) {
                details.put("usage", u.usage().toMap());
            }
            if (gen instanceof RefiningGenerator r) {
                details.put("refinement", r.report());
            }
        } catch (GenerationFailedException e) {
            synthetic.close();
            rejected.close();
            throw new GenerationStopped(e);
        }
        synthetic.close();
        rejected.close();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("synthetic", synthetic.keys());
        keys.put("quarantine_rejected", rejected.keys());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("synthetic_generated", synthetic.total());
        counts.put("generation_rejected", rejected.total());
        counts.put("generation_batches", batches[0]);
        details.put(DIVERSITY_CANDIDATES, candidates.encode());
        return new TaskResult(TaskResult.SCHEMA, STAGE, t.index(), keys, counts, details);
    }

    /**
     * The batch's distinct-2 sample: from the tasks' candidates when every task carries them; otherwise (synthetic
     * input brought by the run, or results written before candidates existed) by reading the batch.
     */
    private static DiversitySample sample(ObjectStore store, Ingested in, List<String> syntheticKeys,
                                          List<TaskResult> results) {
        List<String> candidates = new ArrayList<>();
        for (TaskResult r : results) {
            if (!(r.details().get(DIVERSITY_CANDIDATES) instanceof String c)) {
                candidates = null;
                break;
            }
            candidates.add(c);
        }
        return in.brought() == null && candidates != null && !candidates.isEmpty()
                ? DiversitySample.fromCandidates(candidates, DiversitySample.DEFAULT_MAX_TOKENS)
                : DiversitySample.choose(store, syntheticKeys, DiversitySample.DEFAULT_MAX_TOKENS);
    }

    /**
     * A generate stage that yields fewer synthetic documents than {@link MinimumDocuments} requires (default: one per
     * batch requested from the generator) fails the run with the causes counted, instead of reporting success.
     */
    private void requireMinimum(long generated, long rejected, long batches) {
        long need = settings.minimum().required(batches);
        if (generated < need) {
            throw new PipelineFailure(STAGE, "generate yielded " + generated + " synthetic documents, fewer than the "
                    + need + " required (" + MinimumDocuments.KEY + "; default one per batch requested); causes: batches="
                    + batches + ", rejected=" + rejected + " (see quarantine/generate-rejected-*)");
        }
    }

    private static String qualify(String id, TaskSpec t) {
        int colon = id.indexOf(':');
        String tag = "t" + t.tag() + "-";
        return colon < 0 ? tag + id : id.substring(0, colon + 1) + tag + id.substring(colon + 1);
    }

    /**
     * Measures the batch (duplicate and near-duplicate rates over every document; distinct-2 over the
     * {@link DiversitySample}, the whole batch up to 2 M tokens), applies the gates, writes the manifest.
     */
    @Override
    public StageOutcome merge(RunContext ctx, StagePlan plan, List<TaskResult> results) {
        long t0 = System.nanoTime();
        RunConfig cfg = ctx.config();
        RunLayout layout = ctx.layout();
        ObjectStore store = ctx.store();
        Ingested in = read(store, ctx.work().artifact(STAGE, INGESTED), Ingested.class);
        List<String> syntheticKeys = in.brought() != null ? in.brought().synthetic() : concat(results, "synthetic");
        List<String> rejectedKeys = concat(results, "quarantine_rejected");
        long generated = in.brought() != null ? in.brought().documents()
                : results.stream().mapToLong(r -> r.count("synthetic_generated")).sum();
        long rejected = results.stream().mapToLong(r -> r.count("generation_rejected")).sum();
        requireMinimum(generated, rejected, results.stream().mapToLong(r -> r.count("generation_batches")).sum());

        // distinct-2 on a bounded id-hash sample (the whole batch when it fits the cap): bigram sets bounded by the cap
        DiversitySample sample = sample(store, in, syntheticKeys, results);
        DiversityState div = new DiversityState(2);
        // the sample's distinct-2 sets and level-9 deflate (the slowest part, one stream) on a thread of their own,
        // fed in reading order
        BatchFeed<Prepared> diversity = new BatchFeed<>("tailguard-generate-diversity", 4,
                p -> div.add(p.words(), p.doc().text()), p -> p.doc().text().length());
        ExactDedup seen = new ExactDedup();
        LshIndex lsh = new LshIndex(MinHashParams.FINEWEB);
        long[] dups = {0};
        // per document in parallel batches (tokens, MinHash signature, exact key), then applied in reading order
        List<Document> batch = new ArrayList<>(MERGE_BATCH);
        Runnable flush = () -> {
            List<Prepared> done = batch.parallelStream().map(d -> {
                List<String> words = Tokenizer.words(d.text());
                return new Prepared(d, words, lsh.minHash().signature(words), ExactDedup.key64(d.text()));
            }).toList();
            for (Prepared p : done) {
                if (sample.includes(p.doc().id())) {
                    diversity.add(p);
                }
                lsh.addSignature(p.doc().id(), p.signature());
                if (!seen.addKey(p.exactKey())) {
                    dups[0]++;
                }
            }
            batch.clear();
        };
        Shards.forEachDocument(store, syntheticKeys, d -> {
            batch.add(d);
            if (batch.size() >= MERGE_BATCH) {
                flush.run();
            }
        });
        flush.run();
        diversity.drain();
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        if (generated > 0) {
            values.put("distinct_2", Numbers.round(div.distinct(2)));
            values.put("duplicate_rate", Numbers.round((double) dups[0] / generated));
            values.put("near_duplicate_rate", Numbers.round(lsh.nearDuplicateRate()));
            evidence.put("duplicate_rate", new Evidence.Proportion(dups[0], generated));
            evidence.put("near_duplicate_rate", new Evidence.Proportion(lsh.size() - lsh.clusterCount(), lsh.size()));
            Evidence d2 = GateEvidence.gated(cfg, STAGE, "distinct_2")
                    ? GateEvidence.distinct2(store, syntheticKeys, d -> sample.includes(d.id())) : null;
            if (d2 != null) {
                evidence.put("distinct_2", d2);
            }
        }
        List<GateResult> gates = Gate.evaluate(STAGE, values, evidence, cfg.gates());
        List<GateResult> stop = Gate.failed(gates, "stop");
        if (!stop.isEmpty()) {
            throw new PipelineFailure(STAGE, "gate failed: " + stop.get(0).describe());
        }
        List<GateResult> quarantine = Gate.failed(gates, "quarantine");
        List<String> gateQuarantineKeys = List.of();
        long gateQuarantined = 0;
        if (!quarantine.isEmpty()) {
            ShardWriter q = new ShardWriter(store, layout.prefix("quarantine"), "synthetic-generate-gate", cfg.zstd(), cfg.shardSize());
            String reason = "gate_failed";
            String detail = String.join("; ", quarantine.stream().map(GateResult::describe).toList());
            Shards.forEachDocument(store, syntheticKeys, d -> q.write(Quarantine.document(STAGE, reason, detail, d)));
            q.close();
            for (String k : syntheticKeys) {
                try {
                    store.delete(k);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            gateQuarantineKeys = q.keys();
            gateQuarantined = q.total();
            syntheticKeys = List.of();
        }

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("lines_read", in.linesRead());
        counts.put("malformed", in.bad());
        counts.put("real", in.real());
        counts.put("anchor_held_out", in.anchor() == null ? 0 : in.anchor().heldOut());
        counts.put("synthetic_target", in.brought() != null ? in.brought().documents() : syntheticTarget(in.distinct(), cfg));
        counts.put("synthetic_malformed", in.brought() == null ? 0 : in.brought().bad());
        counts.put("synthetic_generated", generated);
        counts.put("synthetic_quarantined", gateQuarantined);
        counts.put("generation_rejected", rejected);
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("input", in.input());
        keys.put("synthetic", syntheticKeys);
        keys.put("quarantine_malformed", in.malformed());
        keys.put("quarantine_rejected", rejectedKeys);
        keys.put("quarantine_synthetic", gateQuarantineKeys);
        keys.put("quarantine_synthetic_malformed", in.brought() == null ? List.of() : in.brought().malformed());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", STAGE);
        m.put("run_id", ctx.runId());
        m.put("inputs", in.inputs());
        m.put("counts", counts);
        m.put("keys", keys);
        Map<String, Object> first = results.isEmpty() ? Map.of() : results.get(0).details();
        m.put("generator", in.brought() != null ? in.brought().generator() : first.get("generator"));
        m.put("anchor", in.anchor());
        if (in.generatorLm() != null) {
            m.put("generator_lm", in.generatorLm());
        }
        for (String k : List.of("usage", "refinement")) {
            if (first.get(k) != null) {
                m.put(k, first.get(k));
            }
        }
        m.put("tasks", results.size());
        m.put("batch_metrics", values);
        m.put("batch_metrics_sample", sample.toMap());
        m.put("gates", gates);
        m.put("timing_ms", (System.nanoTime() - t0) / 1_000_000);
        String marker = layout.manifest("synthetic");
        Manifest.write(store, marker, m);
        return StageOutcome.next(STAGE, marker, ScoreStage.STAGE);
    }

    static List<String> concat(List<TaskResult> results, String kind) {
        List<String> out = new ArrayList<>();
        results.forEach(r -> out.addAll(r.keys(kind)));
        return out;
    }

    static void write(ObjectStore store, String key, Object value) {
        try {
            store.put(key, Json.pretty(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(ObjectStore store, String key, Class<T> type) {
        try (InputStream in = store.open(key)) {
            return Json.MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + store.describe(key), e);
        }
    }

    /**
     * Number of synthetic documents to generate for {@code real} real ones (the distinct ones: {@link SeedCopies}):
     * the ratio r is capped at 1 - min-real-fraction; accumulate adds r/(1-r) x real, replace substitutes r x real.
     */
    public static int syntheticTarget(long real, RunConfig cfg) {
        double r = Math.min(cfg.syntheticRatio(), 1 - cfg.minRealFraction());
        double n = "replace".equals(cfg.blendStrategy()) ? r * real : r / (1 - r) * real;
        return (int) Math.floor(n + 1e-9);
    }

    /**
     * How many times each distinct real document (by input order, copies left out: {@link SeedCopies}) seeds a
     * synthetic one: a seeded permutation, wrapping when target &gt; real.
     */
    static int[] seedMultiplicity(int real, int target, long seed) {
        int[] mult = new int[real];
        if (real == 0) {
            return mult;
        }
        int[] perm = new int[real];
        for (int i = 0; i < real; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = real - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (int k = 0; k < target; k++) {
            mult[perm[k % real]]++;
        }
        return mult;
    }
}

package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.gate.Evidence;
import dev.tailguard.core.gate.Gate;
import dev.tailguard.core.gate.GateResult;
import dev.tailguard.core.generate.GenerationSink;
import dev.tailguard.core.generate.Generator;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.generate.RefiningGenerator;
import dev.tailguard.core.generate.UsageReporting;
import dev.tailguard.core.lm.KneserNeyTrainer;
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
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.text.Tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Stage 1: ingests the inputs (valid lines to {@code input/}, malformed lines to {@code quarantine/} with file, line
 * and reason), trains the generator on the real documents, and generates the synthetic batch into
 * {@code synthetic/}. Idempotent: when its manifest exists, it returns the same event without writing.
 */
public final class GenerateStage {

    /** Stage name. */
    public static final String STAGE = "generate";
    private static final int BATCH = 64;

    private GenerateStage() {
    }

    /** Runs the stage with the built-in {@code ngram} generator. */
    public static SyntheticGenerated run(RunRequested req, ObjectStore store) {
        return run(req, store, GeneratorSelector.NGRAM_ONLY);
    }

    /** Runs the stage. Throws {@link PipelineFailure} on unusable input, an unavailable generator or a {@code stop} gate. */
    public static SyntheticGenerated run(RunRequested req, ObjectStore store, GeneratorSelector selector) {
        long t0 = System.nanoTime();
        RunConfig cfg = req.config();
        RunLayout layout = new RunLayout(req.runId());
        String marker = layout.manifest("synthetic");
        try {
            if (store.exists(marker)) {
                return event(req, marker, Manifest.read(store, marker));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (req.inputs() == null || req.inputs().isEmpty()) {
            throw new PipelineFailure(STAGE, "no input given");
        }
        List<Map<String, Object>> inputStats = new ArrayList<>();
        ShardWriter input = new ShardWriter(store, layout.prefix("input"), "part", cfg.zstd(), cfg.shardSize());
        ShardWriter malformed = new ShardWriter(store, layout.prefix("quarantine"), "malformed", cfg.zstd(), cfg.shardSize());
        Set<String> seenIds = new HashSet<>();
        long linesRead = 0;
        String emptyInput = null;
        for (String in : req.inputs()) {
            long lines = 0;
            long docs = 0;
            long bad = 0;
            try (JsonlReader r = new JsonlReader(open(store, in), in, cfg.maxLineBytes())) {
                while (r.hasNext()) {
                    JsonlLine l = r.next();
                    lines++;
                    if (l.valid() && !seenIds.add(l.document().id())) {
                        l = new JsonlLine(l.file(), l.line(), null, "invalid_field",
                                "duplicate id \"" + l.document().id() + "\"", l.document().id());
                    }
                    if (l.valid()) {
                        docs++;
                        input.write(Documents.toMap(l.document()));
                    } else {
                        bad++;
                        malformed.write(Quarantine.line(l));
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                input.close();
                malformed.close();
                throw new PipelineFailure(STAGE, "cannot read input " + in + ": " + e.getMessage());
            } catch (PipelineFailure e) {
                input.close();
                malformed.close();
                throw e;
            }
            linesRead += lines;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("file", in);
            s.put("lines", lines);
            s.put("documents", docs);
            s.put("malformed", bad);
            inputStats.add(s);
            if (docs == 0 && emptyInput == null) {
                emptyInput = lines == 0 ? "input file is empty: " + in
                        : "no valid document in " + in + " (" + lines + " lines, all malformed; see quarantine/)";
            }
        }
        input.close();
        malformed.close();
        if (emptyInput != null) {
            throw new PipelineFailure(STAGE, emptyInput);
        }
        long real = input.total();

        List<String> inputKeys = input.keys();
        Supplier<Generator> ngram = () -> {
            KneserNeyTrainer trainer = new KneserNeyTrainer(cfg.order());
            Shards.forEachDocument(store, inputKeys, d -> NgramGenerator.addDocument(trainer, d));
            return new NgramGenerator(trainer.build(), cfg.seed(), cfg.temperature(), cfg.topK(),
                    cfg.maxSyntheticTokens(), req.runId());
        };
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("order", cfg.order());
        params.put("temperature", cfg.temperature());
        params.put("top_k", cfg.topK());
        params.put("max_tokens", cfg.maxSyntheticTokens());
        Generator gen;
        try {
            gen = selector.select(cfg.generator(), req.runId(), cfg.seed(), params, ngram);
        } catch (IllegalArgumentException e) {
            throw new PipelineFailure(STAGE, e.getMessage());
        }

        int target = syntheticTarget(real, cfg);
        int[] multiplicity = seedMultiplicity((int) real, target, cfg.seed());
        ShardWriter synthetic = new ShardWriter(store, layout.prefix("synthetic"), "part", cfg.zstd(), cfg.shardSize());
        ShardWriter rejected = new ShardWriter(store, layout.prefix("quarantine"), "generate-rejected", cfg.zstd(), cfg.shardSize());
        DiversityState div = new DiversityState();
        Set<String> hashes = new HashSet<>();
        LshIndex lsh = new LshIndex(MinHashParams.FINEWEB);
        long[] dups = {0};
        GenerationSink sink = new GenerationSink() {
            @Override
            public void accept(Document d) {
                synthetic.write(Documents.toMap(d));
                List<String> words = Tokenizer.words(d.text());
                div.add(words, d.text());
                lsh.add(d.id(), words);
                if (!hashes.add(ExactDedup.key(d.text()))) {
                    dups[0]++;
                }
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
        int[] index = {0};
        Consumer<Document> seeds = d -> {
            for (int k = 0; k < multiplicity[index[0]]; k++) {
                batch.add(d);
            }
            index[0]++;
            if (batch.size() >= BATCH) {
                gen.generate(List.copyOf(batch), sink);
                batch.clear();
            }
        };
        try (gen) {
            Shards.forEachDocument(store, input.keys(), seeds);
            if (!batch.isEmpty()) {
                gen.generate(List.copyOf(batch), sink);
            }
        }
        synthetic.close();
        rejected.close();
        long generated = synthetic.total();

        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        if (generated > 0) {
            values.put("distinct_2", Numbers.round(div.distinct(2)));
            values.put("duplicate_rate", Numbers.round((double) dups[0] / generated));
            values.put("near_duplicate_rate", Numbers.round(lsh.nearDuplicateRate()));
            evidence.put("duplicate_rate", new Evidence.Proportion(dups[0], generated));
            evidence.put("near_duplicate_rate", new Evidence.Proportion(lsh.size() - lsh.clusterCount(), lsh.size()));
        }
        List<GateResult> gates = Gate.evaluate(STAGE, values, evidence, cfg.gates());
        List<GateResult> stop = Gate.failed(gates, "stop");
        if (!stop.isEmpty()) {
            throw new PipelineFailure(STAGE, "gate failed: " + stop.get(0).describe());
        }
        List<GateResult> quarantine = Gate.failed(gates, "quarantine");
        List<String> syntheticKeys = synthetic.keys();
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
        counts.put("lines_read", linesRead);
        counts.put("malformed", malformed.total());
        counts.put("real", real);
        counts.put("synthetic_target", target);
        counts.put("synthetic_generated", generated);
        counts.put("synthetic_quarantined", gateQuarantined);
        counts.put("generation_rejected", rejected.total());
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("input", input.keys());
        keys.put("synthetic", syntheticKeys);
        keys.put("quarantine_malformed", malformed.keys());
        keys.put("quarantine_rejected", rejected.keys());
        keys.put("quarantine_synthetic", gateQuarantineKeys);
        Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("name", gen.name());
        generator.put("parameters", gen.parameters());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", STAGE);
        m.put("run_id", req.runId());
        m.put("inputs", inputStats);
        m.put("counts", counts);
        m.put("keys", keys);
        m.put("generator", generator);
        if (gen instanceof UsageReporting u && u.usage() != null) {
            m.put("usage", u.usage().toMap());
        }
        if (gen instanceof RefiningGenerator r) {
            m.put("refinement", r.report());
        }
        m.put("batch_metrics", values);
        m.put("gates", gates);
        m.put("timing_ms", (System.nanoTime() - t0) / 1_000_000);
        Manifest.write(store, marker, m);
        return event(req, marker, m);
    }

    private static SyntheticGenerated event(RunRequested req, String marker, Map<String, Object> m) {
        return new SyntheticGenerated(req.runId(), req.config(), marker, Manifest.count(m, "real"),
                Manifest.count(m, "malformed"), Manifest.count(m, "synthetic_generated"));
    }

    /**
     * Number of synthetic documents to generate for {@code real} real ones: the ratio r is capped at
     * 1 - min-real-fraction; accumulate adds r/(1-r) x real, replace substitutes r x real.
     */
    public static int syntheticTarget(long real, RunConfig cfg) {
        double r = Math.min(cfg.syntheticRatio(), 1 - cfg.minRealFraction());
        double n = "replace".equals(cfg.blendStrategy()) ? r * real : r / (1 - r) * real;
        return (int) Math.floor(n + 1e-9);
    }

    /** How many times each real document (by input order) seeds a synthetic one: a seeded permutation, wrapping when target &gt; real. */
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

    /**
     * Opens an input: {@code store:<key>} is an object in the run's store; otherwise a local file when one exists at
     * that path, else an object key in the store (e.g. {@code incoming/corpus.jsonl} in an S3 bucket).
     */
    private static InputStream open(ObjectStore store, String in) throws IOException {
        String key = in.startsWith("store:") ? in.substring("store:".length()) : null;
        Path p = null;
        if (key == null) {
            try {
                p = Path.of(in);
            } catch (java.nio.file.InvalidPathException e) {
                p = null;
            }
            if (p == null || !Files.isRegularFile(p)) {
                key = in;
            }
        }
        if (key != null) {
            boolean exists;
            try {
                exists = store.exists(key);
            } catch (IllegalArgumentException e) {
                exists = false;
            }
            if (!exists) {
                throw new PipelineFailure(STAGE, "input file not found: " + in);
            }
            return Compression.decoding(key, store.open(key));
        }
        if (Files.size(p) == 0) {
            throw new PipelineFailure(STAGE, "input file is empty: " + in);
        }
        return Compression.decoding(in, Files.newInputStream(p));
    }
}

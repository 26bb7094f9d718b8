package dev.tailguard.core.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.collapse.AnchorRef;
import dev.tailguard.core.collapse.AnchorStore;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.JsonlWriter;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code tailguard calibrate} (issue 11 item 7): runs the real pipeline ({@link Pipeline#run}, the embedded chain of
 * generate → score → blend → report on a local store) recursively on chains whose truth is known, and collects
 * every run's {@code report.json} {@code collapse_risk}. Generation 1 names the calibration anchor explicitly;
 * every later generation takes the previous generation's blended output as its input and finds the anchor through
 * its lineage (the parent run's report), exactly as a user's recursive run would.
 *
 * <p>Runs are idempotent: rerunning with the same plan and output folder re-reads finished runs instead of
 * repeating them. Calibration runs have no gates: they measure the blend, they do not stop it.
 */
public final class Calibrator {

    private final CalibrationPlan plan;
    private final PrintStream log;
    private ObjectStore store;
    private Path inputs;

    private Calibrator(CalibrationPlan plan, PrintStream log) {
        this.plan = plan;
        this.log = log;
    }

    /**
     * Runs every chain of the plan and writes {@code calibration.json} and {@code calibration.html} to its output
     * folder.
     *
     * @param log progress lines (may be null)
     * @throws IOException              when the corpus or the store cannot be read or written
     * @throws IllegalArgumentException when the corpus is malformed or too small (the message names the line or the
     *                                  sizes)
     */
    public static CalibrationResult run(CalibrationPlan plan, PrintStream log) throws IOException {
        return new Calibrator(plan, log).runAll();
    }

    private CalibrationResult runAll() throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(plan.out());
        store = new LocalObjectStore(plan.out().resolve("store"));
        inputs = Files.createDirectories(plan.out().resolve("inputs"));
        CorpusSplit split = CorpusSplit.of(plan.input(), plan.anchorShare(), plan.minAnchorWindows(),
                plan.freshShare());
        AnchorRef anchor = AnchorStore.write(store, split.anchor());
        say(String.format(Locale.ROOT, "anchor %s: %d documents / %d tokens / %d windows (share %.3f); real %d documents / %d "
                        + "tokens; fresh pool %d documents", anchor.key(), anchor.documents(), anchor.tokens(),
                split.anchorWindows(), split.anchorShare(), split.real().size(), split.realTokens(), split.fresh().size()));
        Path real = write("real.jsonl", split.real());
        List<ChainPoint> points = new ArrayList<>();
        for (Chain c : plan.chains()) {
            int seeds = c == Chain.CONTROL ? plan.controlSeeds() : plan.seeds();
            int gens = switch (c) {
                case CONTROL -> plan.controlGenerations();
                case TRIGRAM -> 1;
                default -> plan.generations();
            };
            for (long s = 1; s <= seeds; s++) {
                for (ChainPoint p : chain(c, s, gens, real, anchor.key(), split)) {
                    points.add(p);
                    // written after every point, so an interrupted calibration leaves what it measured
                    write(CalibrationResult.of(plan, split, anchor, points, (System.nanoTime() - t0) / 1e9));
                }
            }
        }
        CalibrationResult result = CalibrationResult.of(plan, split, anchor, points, (System.nanoTime() - t0) / 1e9);
        write(result);
        return result;
    }

    private void write(CalibrationResult result) throws IOException {
        Files.write(plan.out().resolve("calibration.json"), Json.pretty(result));
        Files.writeString(plan.out().resolve("calibration.html"), CalibrationHtml.render(result));
    }

    private List<ChainPoint> chain(Chain c, long seed, int generations, Path real, String anchorKey,
                                   CorpusSplit split) throws IOException {
        List<ChainPoint> out = new ArrayList<>();
        List<String> input = List.of(real.toString());
        for (int g = 1; g <= generations; g++) {
            String runId = "cal-" + c.key() + "-s" + seed + "-g" + g;
            List<String> synthetic = switch (c) {
                case CONTROL -> List.of(write(runId + "-fresh.jsonl", fresh(split.fresh(), seed, g)).toString());
                case SALAD -> List.of(write(runId + "-salad.jsonl", salad(input, seed, g)).toString());
                default -> List.of();
            };
            long t0 = System.nanoTime();
            RunReported r = Pipeline.run(new RunRequested(runId, input, config(c, seed), synthetic,
                    g == 1 ? anchorKey : null), store, GeneratorSelector.NGRAM_ONLY, plan.workers(),
                    TaskLimits.DEFAULTS);
            ChainPoint p = point(c, seed, g, r, (System.nanoTime() - t0) / 1e9);
            say(String.format(Locale.ROOT, "%-10s seed %2d gen %d: %-12s reasons %s (%.1f s)", c.key(), seed, g,
                    p.level(), p.reasons(), p.seconds()));
            out.add(p);
            input = blendedKeys(runId);
        }
        return out;
    }

    /** The chain's run configuration: a deployment-side setting of calibrate, never an event's. */
    RunConfig config(Chain c, long seed) {
        RunConfig d = RunConfig.defaults(seed);
        if (c != Chain.REPLACE) {
            return d;
        }
        double ratio = plan.replaceRatio();
        return new RunConfig(seed, ratio, d.generator(), d.order(), d.temperature(), d.topK(), "replace",
                Math.max(1e-6, 1 - ratio), d.shardSize(), d.maxLineBytes(), d.compression(), d.maxSyntheticTokens(),
                List.of());
    }

    /** A seeded 80% draw of the fresh pool (at least one document); ids get the generation after the first. */
    static List<Document> fresh(List<Document> pool, long seed, int generation) {
        List<Document> shuffled = new ArrayList<>(pool);
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + generation);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Document t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        int n = Math.max(1, (int) Math.round(0.8 * shuffled.size()));
        List<Document> out = new ArrayList<>();
        for (Document d : shuffled.subList(0, n)) {
            String id = generation == 1 ? d.id() : d.id() + "~g" + generation;
            out.add(new Document(id, d.text(), d.source(), Map.of()));
        }
        return out;
    }

    /** Word salad from this generation's input: half its token count (more than one blend budget needs). */
    private List<Document> salad(List<String> input, long seed, int generation) throws IOException {
        List<Document> docs = new ArrayList<>();
        for (String in : input) {
            if (in.startsWith("store:")) {
                Shards.forEachDocument(store, List.of(in.substring("store:".length())), docs::add);
            } else {
                docs.addAll(CorpusSplit.read(Path.of(in)));
            }
        }
        WordSalad w = new WordSalad(docs);
        return w.sample(w.tokens() / 2, "salad-s" + seed + "-g" + generation, seed * 7919L + generation);
    }

    private List<String> blendedKeys(String runId) throws IOException {
        List<String> out = new ArrayList<>();
        for (String k : store.list("runs/" + runId + "/blended/")) {
            if (k.contains("part-")) {
                out.add("store:" + k);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("run " + runId + " blended nothing: the chain cannot continue");
        }
        return out;
    }

    private ChainPoint point(Chain c, long seed, int g, RunReported r, double seconds) throws IOException {
        JsonNode report;
        try (InputStream in = store.open(r.report())) {
            report = Json.MAPPER.readTree(in);
        }
        return read(c, seed, g, r.runId(), report, r.blended(), r.syntheticRatio(), seconds);
    }

    /** A chain point from a run's {@code report.json}. */
    static ChainPoint read(Chain c, long seed, int g, String runId, JsonNode report, long blended, double ratio,
                           double seconds) {
        JsonNode risk = report.path("collapse_risk");
        Map<String, String> fired = new java.util.LinkedHashMap<>();
        for (JsonNode r : risk.path("reasons")) {
            fired.put(r.path("signal").asText(), r.path("level").asText());
        }
        List<SignalReading> signals = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = risk.path("signals").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            signals.add(new SignalReading(e.getKey(), s.path("value").asDouble(), s.path("ci").path(0).asDouble(),
                    s.path("ci").path(1).asDouble(), s.path("baseline").asDouble(), s.path("comparable").asBoolean(),
                    fired.get(e.getKey())));
        }
        List<String> missing = new ArrayList<>();
        risk.path("missing").forEach(m -> missing.add(m.asText()));
        JsonNode note = risk.path("note");
        return new ChainPoint(c.key(), seed, g, runId, c.collapsing(), risk.path("level").asText("absent"),
                new ArrayList<>(fired.keySet()), signals, missing, note.isNull() || note.isMissingNode() ? null
                : note.asText(), risk.path("anchor_source").asText(null), blended, ratio, seconds);
    }

    private Path write(String name, List<Document> docs) throws IOException {
        Path p = inputs.resolve(name);
        try (JsonlWriter w = JsonlWriter.create(p)) {
            for (Document d : docs) {
                w.write(Documents.toMap(d));
            }
        }
        return p;
    }

    private void say(String line) {
        if (log != null) {
            log.println("calibrate: " + line);
            log.flush();
        }
    }
}

package dev.tailguard.core.pipeline;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The score plan's exact duplicates are written per task (issue 12: a task reads only its own range's duplicates,
 * not the run's), with the same {@code exact_duplicate_of} values whatever the task split.
 */
class ScoreDuplicatesTest {

    @TempDir
    Path dir;

    /**
     * Ten sample documents, then for each an exact copy ({@code copy-a-<i>}) and a re-cased, re-punctuated copy
     * ({@code copy-b-<i>}), then six more rounds of exact copies ({@code copy-c<r>-<i>}, past the plan's first batch):
     * whichever of them the anchor holds out, duplicates remain in the scored input.
     */
    private Path input() throws IOException {
        List<String> lines = TestCorpus.sample(10);
        List<String> out = new ArrayList<>(lines);
        for (int i = 0; i < lines.size(); i++) {
            out.add(TestCorpus.copy(lines.get(i), "copy-a-" + i, t -> t));
            out.add(TestCorpus.copy(lines.get(i), "copy-b-" + i, t -> t.toUpperCase(Locale.ROOT) + " !!"));
        }
        // more exact copies, so that some fall in a later plan batch than the text they copy (ScoreStage.PLAN_BATCH)
        out.addAll(TestCorpus.exactCopies(lines, 6, "copy-c"));
        Path f = dir.resolve("dups.jsonl");
        Files.write(f, out, StandardCharsets.UTF_8);
        return f;
    }

    /** The run of both tests: the input with its copies, a small n-gram run. */
    private RunRequested request() throws IOException {
        RunConfig cfg = new RunConfig(5, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 2, TestCorpus.MAX_LINE_BYTES,
                "none", 300, List.of());
        return new RunRequested("run-dups", List.of(input().toString()), cfg);
    }

    /** The expected duplicates: in run order (the scored real input, then the synthetic batch), first id per key. */
    private static Map<String, String> expected(LocalObjectStore store) {
        Map<String, Object> gen = Manifest.read(store, new RunLayout("run-dups").manifest("synthetic"));
        Map<String, String> firstByKey = new LinkedHashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(Manifest.keys(gen, "input"));
        keys.addAll(Manifest.keys(gen, "synthetic"));
        Shards.forEachDocument(store, keys, d -> {
            String first = firstByKey.putIfAbsent(dev.tailguard.core.dedup.ExactDedup.key(d.text()), d.id());
            if (first != null) {
                out.put(d.id(), first);
            }
        });
        return out;
    }

    /** Every score record's {@code exact_duplicate_of}, by id. */
    private static Map<String, Object> duplicateOf(LocalObjectStore store, Path root) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> keys;
        try (Stream<Path> s = Files.list(root.resolve("scores"))) {
            keys = s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".jsonl")).sorted()
                    .map(n -> "runs/run-dups/scores/" + n).toList();
        }
        Shards.forEachObject(store, keys, m -> out.put((String) m.get("id"), m.get("exact_duplicate_of")));
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachTaskGetsOnlyItsOwnDuplicatesAndTheValuesDoNotDependOnTheSplit() throws IOException {
        RunRequested req = request();
        Map<String, Map<String, Object>> byLimits = new LinkedHashMap<>();
        for (TaskLimits limits : List.of(TaskLimits.DEFAULTS, new TaskLimits(3, 40_000))) {
            Path out = dir.resolve("out-" + limits.maxRecords());
            LocalObjectStore store = new LocalObjectStore(out);
            Pipeline.run(req, store, GeneratorSelector.NGRAM_ONLY, 2, limits);
            Path root = out.resolve("runs/run-dups");
            byLimits.put("" + limits.maxRecords(), duplicateOf(store, root));

            List<Path> files;
            try (Stream<Path> s = Files.list(root.resolve("work/score"))) {
                files = s.filter(p -> p.getFileName().toString().startsWith(ScoreStage.DUPLICATES)).sorted().toList();
            }
            Map<String, Object> plan = Json.MAPPER.readValue(root.resolve("work/score/plan.json").toFile(), Map.class);
            List<?> tasks = (List<?>) plan.get("tasks");
            assertThat(files).as("one duplicates object per task").hasSize(tasks.size());
            Map<String, String> union = new LinkedHashMap<>();
            for (int i = 0; i < tasks.size(); i++) {
                ScoreStage.Duplicates d = Json.MAPPER.readValue(
                        root.resolve("work/score/" + ScoreStage.DUPLICATES + i + ".json").toFile(), ScoreStage.Duplicates.class);
                assertThat(d.task()).isEqualTo(i);
                assertThat(d.schema()).isEqualTo(3);
                // the plan counts the tokens of the real duplicates, which their task does not measure
                d.firstOf().keySet().stream().filter(id -> id.startsWith("copy-"))
                        .forEach(id -> assertThat(d.tokens()).containsKey(id));
                assertThat(d.firstOf().size()).isLessThanOrEqualTo(limits.maxRecords());
                union.putAll(d.firstOf());
            }
            Map<String, String> expected = expected(store);
            assertThat(expected).hasSizeGreaterThanOrEqualTo(10);
            assertThat(union).isEqualTo(expected);
            Map<String, Object> scored = byLimits.get("" + limits.maxRecords());
            expected.forEach((dup, first) -> assertThat(scored).containsEntry(dup, first));
        }
        // the real side is the same documents whatever the split (the synthetic ids carry their generate task)
        assertThat(real(byLimits.get("3"))).isEqualTo(real(byLimits.get("" + TaskLimits.DEFAULTS.maxRecords())))
                .containsEntry("copy-a-0", "sotu-1790_george_washington_n");
    }

    private static Map<String, Object> real(Map<String, Object> byId) {
        Map<String, Object> out = new LinkedHashMap<>();
        byId.forEach((id, first) -> {
            if (id.startsWith("sotu-") || id.startsWith("copy-")) {
                out.put(id, first);
            }
        });
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRealExactDuplicateIsQuarantinedUnmeasuredAndCounted() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("out-unmeasured"));
        Pipeline.run(request(), store, GeneratorSelector.NGRAM_ONLY, 2, TaskLimits.DEFAULTS);
        Map<String, Object> sc = Manifest.read(store, new RunLayout("run-dups").manifest("scores"));
        Map<String, String> dups = expected(store);
        Map<String, Map<String, Object>> real = new LinkedHashMap<>();
        Shards.forEachObject(store, Manifest.keys(sc, "scores_real"), m -> real.put((String) m.get("id"), m));
        Map<String, String> docs = new LinkedHashMap<>();
        Map<String, Object> gen = Manifest.read(store, new RunLayout("run-dups").manifest("synthetic"));
        Shards.forEachDocument(store, Manifest.keys(gen, "input"), d -> docs.put(d.id(), d.text()));
        long realDups = real.keySet().stream().filter(dups::containsKey).count();
        assertThat(realDups).isGreaterThanOrEqualTo(10);
        real.forEach((id, rec) -> {
            if (dups.containsKey(id)) {
                assertThat(rec).containsEntry("measured", false).containsEntry("exact_duplicate_of", dups.get(id))
                        .containsEntry("decision", "quarantine")
                        .containsEntry("reason", "exact_duplicate: same normalised text as " + dups.get(id))
                        .containsEntry("tokens", dev.tailguard.core.text.Tokenizer.words(docs.get(id)).size())
                        .doesNotContainKeys("perplexity", "distinct_2");
            } else {
                assertThat(rec).doesNotContainKey("measured").containsKeys("perplexity", "distinct_2");
            }
        });
        Map<String, Object> counts = (Map<String, Object>) sc.get("counts");
        assertThat(((Number) counts.get("real_" + ScoreStage.DUPLICATES_NOT_MEASURED)).longValue()).isEqualTo(realDups);
        // nothing lost: every unmeasured duplicate is in the quarantine with its reason and text
        Map<String, Map<String, Object>> quarantined = new LinkedHashMap<>();
        Shards.forEachObject(store, Manifest.keys(sc, "quarantine_real"), m -> quarantined.put(String.valueOf(m.get("id")), m));
        real.keySet().stream().filter(dups::containsKey).forEach(id -> assertThat(quarantined).containsKey(id));
        // the ingest's per-fold token totals are what the score plan counted, so it trained the reference models in its pass
        var ingested = GenerateStage.read(store, "runs/run-dups/work/generate/" + GenerateStage.INGESTED,
                GenerateStage.Ingested.class);
        var info = CorpusArtifacts.info(store, new dev.tailguard.core.pipeline.runner.WorkLayout("run-dups"));
        assertThat(ingested.foldTokens()).containsExactlyElementsOf(
                info.folds().stream().map(ReferenceModels.FoldInfo::corpusTokens).toList());
        // the plan tokenises an exact copy (same raw text) once: the 13-gram set and the token total are still
        // those of every real document
        java.util.Set<Long> grams = new java.util.HashSet<>();
        long tokens = 0;
        for (String text : docs.values()) {
            long[] th = dev.tailguard.core.collections.NgramHash.tokens(dev.tailguard.core.text.Tokenizer.words(text));
            tokens += th.length;
            for (long g : dev.tailguard.core.corpus.GramSetWriter.grams(th, info.gramK())) {
                grams.add(g);
            }
        }
        assertThat(docs.keySet()).anyMatch(id -> id.startsWith("copy-a-"));
        assertThat(info.realTokens()).isEqualTo(tokens);
        assertThat(info.realGrams()).isEqualTo(grams.size());
    }

    @Test
    void anUnmeasuredDuplicateWithoutThePlansCountIsCountedByItsTask() {
        var doc = new dev.tailguard.core.doc.Document("d2", "One two, three. Four!", "t", Map.of());
        var reason = new dev.tailguard.core.quality.DropReason.ExactDuplicate("d1");
        assertThat(ScoreStage.unmeasuredDuplicate(doc, "real", reason, null)).containsEntry("tokens",
                dev.tailguard.core.text.Tokenizer.words(doc.text()).size()).containsEntry("exact_duplicate_of", "d1");
        assertThat(ScoreStage.unmeasuredDuplicate(doc, "real", reason, 7)).containsEntry("tokens", 7);
    }
}

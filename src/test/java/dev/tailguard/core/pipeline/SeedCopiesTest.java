package dev.tailguard.core.pipeline;

import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.generate.GeneratorSelector;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exact copies of an earlier input text neither count in the synthetic target nor seed a synthetic document: the
 * score stage drops them, and a duplicated text would otherwise seed once per copy, only for the blend to quarantine
 * the synthetic documents beyond its ratio cap.
 */
class SeedCopiesTest {

    @TempDir
    Path dir;

    @Test
    void flagsCopiesInInputOrderAndRoundTrips() throws IOException {
        SeedCopies c = new SeedCopies();
        List<Boolean> flags = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // texts 0..69 are new; from 70 on every text repeats one of the first 70
            flags.add(c.add(NgramHash.textKey("text number " + (i % 70))));
        }
        assertThat(flags.subList(0, 70)).containsOnly(false);
        assertThat(flags.subList(70, 200)).containsOnly(true);
        assertThat(c.copies()).isEqualTo(130);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("s"));
        c.write(store, "k");
        long[] bits = SeedCopies.read(store, "k", 130, 200);
        for (int i = 0; i < 200; i++) {
            assertThat(SeedCopies.isCopy(bits, i)).isEqualTo(flags.get(i));
            long before = flags.subList(0, i).stream().filter(b -> b).count();
            assertThat(SeedCopies.copiesBefore(bits, i)).as("copies before %d", i).isEqualTo(before);
        }
        assertThatThrownBy(() -> SeedCopies.read(store, "k", 130, 201)).hasMessageContaining("201");
        assertThatThrownBy(() -> SeedCopies.read(store, "k", 129, 200)).hasMessageContaining("marks 130 copies");
        // no copy: nothing written, nothing read
        SeedCopies none = new SeedCopies();
        none.add(NgramHash.textKey("a"));
        none.add(NgramHash.textKey("b"));
        none.write(store, "none");
        assertThat(store.exists("none")).isFalse();
        assertThat(SeedCopies.read(store, "none", 0, 2)).isNull();
        assertThat(SeedCopies.isCopy(null, 1)).isFalse();
        assertThat(SeedCopies.copiesBefore(null, 2)).isZero();
    }

    /** Twelve sample documents, then three rounds of exact copies of them under new ids. */
    private Path input() throws IOException {
        List<String> lines = TestCorpus.sample(12);
        List<String> out = new ArrayList<>(lines);
        out.addAll(TestCorpus.exactCopies(lines, 3, "copy-"));
        Path f = dir.resolve("copies.jsonl");
        Files.write(f, out, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void copiesNeitherCountInTheTargetNorSeed() throws IOException {
        RunConfig cfg = new RunConfig(5, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 2, TestCorpus.MAX_LINE_BYTES,
                "none", 300, List.of());
        LocalObjectStore store = new LocalObjectStore(dir.resolve("out"));
        Pipeline.run(new RunRequested("run-copies", List.of(input().toString()), cfg), store,
                GeneratorSelector.NGRAM_ONLY, 2, new TaskLimits(5, 40_000));
        Map<String, Object> gen = Manifest.read(store, new RunLayout("run-copies").manifest("synthetic"));
        // the copies among the scored input (the anchor holds some documents out), counted independently
        Set<String> texts = new HashSet<>();
        Set<String> copyIds = new HashSet<>();
        long[] real = {0};
        Shards.forEachDocument(store, Manifest.keys(gen, "input"), d -> {
            real[0]++;
            if (!texts.add(d.text())) {
                copyIds.add(d.id());
            }
        });
        assertThat(copyIds).as("copies left in the input").hasSizeGreaterThanOrEqualTo(10);
        var ingested = GenerateStage.read(store, "runs/run-copies/work/generate/" + GenerateStage.INGESTED,
                GenerateStage.Ingested.class);
        assertThat(ingested.seedCopies()).isEqualTo(copyIds.size());
        assertThat(ingested.distinct()).isEqualTo(real[0] - copyIds.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) gen.get("counts");
        int target = GenerateStage.syntheticTarget(real[0] - copyIds.size(), cfg);
        assertThat(((Number) counts.get("synthetic_target")).intValue()).isEqualTo(target);
        List<Object> seeds = new ArrayList<>();
        Shards.forEachDocument(store, Manifest.keys(gen, "synthetic"), d -> {
            seeds.addAll((List<?>) d.metadata().get(Provenance.SEED_IDS));
        });
        assertThat(seeds).as("one seed per synthetic document").hasSize(target).doesNotContainAnyElementsOf(copyIds);
    }

    @Test
    void withCopiesTheOutputDoesNotDependOnTheWorkersOrTheSplit() throws IOException {
        RunConfig cfg = new RunConfig(5, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 2, TestCorpus.MAX_LINE_BYTES,
                "none", 300, List.of());
        Path in = input();
        Map<String, String> first = null;
        for (int w : new int[] {1, 4}) {
            Path out = dir.resolve("split-w" + w);
            Pipeline.run(new RunRequested("run-split", List.of(in.toString()), cfg), new LocalObjectStore(out),
                    GeneratorSelector.NGRAM_ONLY, w, new TaskLimits(5, 40_000));
            Map<String, String> snap = dev.tailguard.testing.RunSnapshot.of(out.resolve("runs/run-split"));
            assertThat(snap).containsKey("work/generate/" + SeedCopies.ARTIFACT);
            assertThat(snap.keySet()).filteredOn(k -> k.startsWith("work/generate/done/")).hasSizeGreaterThan(2);
            if (first == null) {
                first = snap;
            } else {
                assertThat(snap).isEqualTo(first);
            }
        }
    }

    @Test
    void withoutCopiesNothingIsWrittenAndEveryDocumentMaySeed() throws IOException {
        List<String> lines = TestCorpus.sample(12);
        Path f = dir.resolve("plain.jsonl");
        Files.write(f, lines, StandardCharsets.UTF_8);
        RunConfig cfg = new RunConfig(5, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 2, TestCorpus.MAX_LINE_BYTES,
                "none", 300, List.of());
        LocalObjectStore store = new LocalObjectStore(dir.resolve("plain"));
        Pipeline.run(new RunRequested("run-plain", List.of(f.toString()), cfg), store, GeneratorSelector.NGRAM_ONLY, 2,
                TaskLimits.DEFAULTS);
        var ingested = GenerateStage.read(store, "runs/run-plain/work/generate/" + GenerateStage.INGESTED,
                GenerateStage.Ingested.class);
        assertThat(ingested.seedCopies()).isZero();
        assertThat(ingested.distinct()).isEqualTo(ingested.real());
        assertThat(store.exists("runs/run-plain/work/generate/" + SeedCopies.ARTIFACT)).isFalse();
        Map<String, Object> gen = Manifest.read(store, new RunLayout("run-plain").manifest("synthetic"));
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) gen.get("counts");
        assertThat(((Number) counts.get("synthetic_target")).intValue())
                .isEqualTo(GenerateStage.syntheticTarget(ingested.real(), cfg));
    }
}

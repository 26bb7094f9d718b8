package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.pipeline.runner.TaskSpec;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blend plan hands each task only its own range's per-document decisions ({@link BlendStage.TaskDecisions}):
 * a task reads what concerns its documents, not the whole corpus's decisions (which made every task's work and heap
 * grow with the corpus, and the stage quadratic in it). Left-out real ids come from scoring (exact copies) and from
 * {@code replace} (real documents whose rewrites are blended instead).
 */
class BlendTaskDecisionsTest {

    private static final String RUN = "run-blend-tasks";

    @TempDir
    Path dir;

    private Path input() throws IOException {
        List<String> lines = TestCorpus.sample(14);
        List<String> out = new ArrayList<>(lines);
        out.addAll(TestCorpus.exactCopies(lines.subList(0, 6), 1, "copy-"));
        Path f = dir.resolve("in.jsonl");
        Files.write(f, out, StandardCharsets.UTF_8);
        return f;
    }

    private static RunConfig replace() {
        return new RunConfig(5, 0.3, "ngram", 3, 1.0, 0, "replace", 0.5, 2, TestCorpus.MAX_LINE_BYTES, "none", 300,
                List.of());
    }

    private LocalObjectStore run(String name, TaskLimits limits) throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve(name));
        Pipeline.run(new RunRequested(RUN, List.of(input().toString()), replace()), store,
                GeneratorSelector.NGRAM_ONLY, 2, limits);
        return store;
    }

    @Test
    void eachTaskGetsExactlyTheDecisionsOfItsOwnRange() throws IOException {
        LocalObjectStore store = run("small", new TaskLimits(4, 40_000));
        WorkLayout work = new WorkLayout(RUN);
        StagePlan plan;
        try (InputStream in = store.open(work.plan(BlendStage.STAGE))) {
            plan = Json.MAPPER.readValue(in, StagePlan.class);
        }
        List<TaskSpec> real = plan.tasks().stream().filter(t -> "real".equals(t.side())).toList();
        List<TaskSpec> synthetic = plan.tasks().stream().filter(t -> "synthetic".equals(t.side())).toList();
        assertThat(real).as("real tasks").hasSizeGreaterThan(2);
        assertThat(synthetic).as("synthetic tasks").isNotEmpty();

        Map<String, Object> gen = Manifest.read(store, new RunLayout(RUN).manifest("synthetic"));
        Set<String> inputIds = new HashSet<>();
        Shards.forEachDocument(store, Manifest.keys(gen, "input"), d -> inputIds.add(d.id()));
        Map<String, Object> blended = Manifest.read(store, new RunLayout(RUN).manifest("blended"));
        Set<String> blendedReal = new HashSet<>();
        Set<String> blendedSynthetic = new HashSet<>();
        Shards.forEachDocument(store, Manifest.keys(blended, "blended"), d ->
                ("real".equals(d.meta(Provenance.KIND)) ? blendedReal : blendedSynthetic).add(d.id()));

        Set<String> leftOut = new HashSet<>();
        for (TaskSpec t : plan.tasks()) {
            BlendStage.TaskDecisions mine = GenerateStage.read(store, BlendStage.taskDecisions(work, t.index()),
                    BlendStage.TaskDecisions.class);
            assertThat(mine.task()).isEqualTo(t.index());
            Set<String> range = new HashSet<>();
            TaskRanges.forEachDocument(store, t, d -> range.add(d.id()));
            if ("real".equals(t.side())) {
                assertThat(mine.decision()).isEmpty();
                assertThat(range).as("task %d holds its left-out ids", t.index()).containsAll(mine.realLeftOut());
                leftOut.addAll(mine.realLeftOut());
            } else {
                assertThat(mine.realLeftOut()).isEmpty();
                assertThat(range).as("task %d holds its candidates", t.index()).containsAll(mine.decision().keySet());
                mine.decision().forEach((id, dec) -> assertThat(blendedSynthetic.contains(id))
                        .as("candidate %s blended iff its decision says so", id).isEqualTo(dec == BlendPlan.BLEND));
            }
        }
        // every real input document is either blended or left out by its task, never both
        assertThat(leftOut).doesNotContainAnyElementsOf(blendedReal);
        Set<String> union = new TreeSet<>(leftOut);
        union.addAll(blendedReal);
        assertThat(union).isEqualTo(new TreeSet<>(inputIds));
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) blended.get("counts");
        assertThat(((Number) counts.get("real_unused")).longValue()).as("replace left real documents unused")
                .isPositive();
        assertThat(leftOut).as("exact copies left out by scoring").anyMatch(id -> id.startsWith("copy-"));
        assertThat(leftOut).as("real documents left unused by replace").anyMatch(id -> !id.startsWith("copy-"));
    }

    /** The real side of the blend is the same however the run is split (synthetic ids name their generate task). */
    @Test
    void theRealSideOfTheBlendDoesNotDependOnHowTheRunIsSplit() throws IOException {
        Set<String> first = null;
        for (TaskLimits limits : List.of(new TaskLimits(3, 40_000), TaskLimits.DEFAULTS)) {
            LocalObjectStore store = run("split-" + limits.maxRecords(), limits);
            Map<String, Object> blended = Manifest.read(store, new RunLayout(RUN).manifest("blended"));
            Set<String> lines = new TreeSet<>();
            Shards.forEachDocument(store, Manifest.keys(blended, "blended"), d -> {
                if ("real".equals(d.meta(Provenance.KIND))) {
                    lines.add(d.id() + "\t" + d.meta(Provenance.CONTENT_SHA256));
                }
            });
            assertThat(lines).isNotEmpty();
            if (first == null) {
                first = lines;
            } else {
                assertThat(lines).isEqualTo(first);
            }
        }
    }
}

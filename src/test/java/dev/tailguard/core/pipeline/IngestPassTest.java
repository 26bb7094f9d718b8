package dev.tailguard.core.pipeline;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.LiveDocuments;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.ForwardingObjectStore;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generate plan's single ingest pass: live progress, lineage found on the way, order kept across threads. */
class IngestPassTest {

    @TempDir
    Path dir;

    private static RunConfig config() {
        return new RunConfig(5, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 2, TestCorpus.MAX_LINE_BYTES, "none", 300,
                List.of());
    }

    private List<String> sample(int n) throws IOException {
        return Files.readAllLines(Path.of("samples/sotu-sample.jsonl"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.length() < TestCorpus.MAX_LINE_BYTES).limit(n).toList();
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    private GenerateStage.Ingested generate(ObjectStore store, String runId, Path input) {
        FrozenRun.of(runId, List.of(input.toString()), config(), TaskLimits.DEFAULTS).freeze(store);
        StageChain.inline(StageChain.runner(store, GeneratorSelector.NGRAM_ONLY), runId, GenerateStage.STAGE);
        return GenerateStage.read(store, new WorkLayout(runId).artifact(GenerateStage.STAGE, GenerateStage.INGESTED),
                GenerateStage.Ingested.class);
    }

    @Test
    void theIngestCountAdvancesPerLineWhileThePlanRuns() throws IOException {
        Path input = write("in.jsonl", sample(20));
        String runId = "run-live-ingest";
        List<Long> seenAtShardWrites = new ArrayList<>();
        ObjectStore store = new ForwardingObjectStore(new LocalObjectStore(dir.resolve("store"))) {
            @Override
            public void put(String key, Path file) throws IOException {
                if (key.contains("/input/part-")) {
                    seenAtShardWrites.add(LiveDocuments.process().documents(runId, GenerateStage.INGEST_PROGRESS));
                }
                super.put(key, file);
            }
        };
        GenerateStage.Ingested in = generate(store, runId, input);
        // shards of 2 documents: each shard write happens mid-plan, after more lines than the one before
        assertThat(seenAtShardWrites).hasSizeGreaterThan(3);
        assertThat(seenAtShardWrites.get(0)).isPositive();
        assertThat(seenAtShardWrites).isSorted();
        assertThat(seenAtShardWrites.get(seenAtShardWrites.size() - 1)).isGreaterThan(seenAtShardWrites.get(0));
        assertThat(LiveDocuments.process().documents(runId, GenerateStage.INGEST_PROGRESS)).isEqualTo(in.linesRead());
    }

    @Test
    void aLateDocumentOfSyntheticOriginRedoesThePassWithoutTheFrozenAnchor() throws IOException {
        List<String> lines = new ArrayList<>(sample(20));
        lines.set(17, lines.get(17).replace("\"metadata\": {", "\"metadata\": {\"generation\": 2, "));
        assertThat(lines.get(17)).contains("\"generation\": 2");
        Path input = write("lineage.jsonl", lines);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("lineage"));
        GenerateStage.Ingested in = generate(store, "run-lineage", input);
        assertThat(in.anchor().source()).isEqualTo(AnchorUse.NONE);
        assertThat(in.anchor().heldOut()).isZero();
        assertThat(in.real()).isEqualTo(20);
        List<String> ids = new ArrayList<>();
        Shards.forEachDocument(store, store.list(new RunLayout("run-lineage").prefix("input")), d -> ids.add(d.id()));
        assertThat(ids).hasSize(20).doesNotHaveDuplicates();
        assertThat(in.input()).hasSize(10);
    }

    @Test
    void theFirstOfTwoLinesWithTheSameIdWinsAcrossReaderBatches() throws IOException {
        List<String> base = sample(3);
        List<String> lines = new ArrayList<>();
        // more lines than one hand-over batch, the duplicate far after the original
        for (int i = 0; i < ParsedLines.BATCH * 2 + 10; i++) {
            lines.add(base.get(i % 3).replaceFirst("\"id\":\\s*\"[^\"]*\"", "\"id\":\"doc-" + i + "\""));
        }
        lines.add(base.get(0).replaceFirst("\"id\":\\s*\"[^\"]*\"", "\"id\":\"doc-5\""));
        Path input = write("dups.jsonl", lines);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("dups"));
        GenerateStage.Ingested in = generate(store, "run-dups", input);
        assertThat(in.linesRead()).isEqualTo(lines.size());
        assertThat(in.bad()).isEqualTo(1);
        List<String> reasons = new ArrayList<>();
        List<Long> lineNos = new ArrayList<>();
        dev.tailguard.core.io.JsonlObjects.forEach(store, in.malformed(), java.util.Map.class, (m, src, no) -> {
            reasons.add(String.valueOf(m.get("detail")));
            lineNos.add(((Number) m.get("line")).longValue());
        });
        assertThat(reasons).singleElement().asString().contains("duplicate id \"doc-5\"");
        assertThat(lineNos).containsExactly((long) lines.size());
    }

    @Test
    void aMissingSecondInputFailsAfterTheFirstIsReadAndStopsTheReader() throws IOException {
        Path first = write("first.jsonl", sample(5));
        LocalObjectStore store = new LocalObjectStore(dir.resolve("missing"));
        FrozenRun.of("run-missing", List.of(first.toString(), dir.resolve("absent.jsonl").toString()), config(),
                TaskLimits.DEFAULTS).freeze(store);
        assertThatThrownBy(() -> StageChain.inline(StageChain.runner(store, GeneratorSelector.NGRAM_ONLY), "run-missing",
                GenerateStage.STAGE)).isInstanceOf(PipelineFailure.class).hasMessageContaining("absent.jsonl");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("tailguard-ingest-reader")
                && t.isAlive());
    }
}

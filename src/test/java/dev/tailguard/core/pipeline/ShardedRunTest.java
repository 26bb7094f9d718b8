package dev.tailguard.core.pipeline;

import dev.tailguard.testing.DyingStage;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.ShardedStage;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.StageOutcome;
import dev.tailguard.core.pipeline.runner.StageRunner;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plan → tasks → merge: worker-count independence, idempotent redelivery, a task killed midway. */
class ShardedRunTest {

    /** Small tasks so that every stage has several. */
    static final TaskLimits SMALL = new TaskLimits(3, 40_000);

    @TempDir
    static Path dir;
    static Path input;

    static RunConfig config() {
        return new RunConfig(5, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 2, TestCorpus.MAX_LINE_BYTES, "none", 300,
                List.of());
    }

    @BeforeAll
    static void corpus() throws IOException {
        input = TestCorpus.write(dir, 14);
    }

    private static RunRequested req() {
        return new RunRequested("run-shard", List.of(input.toString()), config());
    }

    @Test
    void blendedOutputIsByteIdenticalFor1And2And4Workers() throws IOException {
        Map<Integer, Map<String, String>> byWorkers = new LinkedHashMap<>();
        for (int w : new int[] {1, 2, 4}) {
            Path out = dir.resolve("w" + w);
            RunReported r = Pipeline.run(req(), new LocalObjectStore(out), GeneratorSelector.NGRAM_ONLY, w, SMALL);
            assertThat(r.status()).isEqualTo("succeeded");
            byWorkers.put(w, dev.tailguard.testing.RunSnapshot.of(out.resolve("runs/run-shard")));
        }
        Map<String, String> one = byWorkers.get(1);
        assertThat(one.keySet()).filteredOn(k -> k.startsWith("blended/part-")).hasSizeGreaterThan(2);
        assertThat(one.keySet()).filteredOn(k -> k.startsWith("work/score/done/")).hasSizeGreaterThan(2);
        assertThat(byWorkers.get(2)).isEqualTo(one);
        assertThat(byWorkers.get(4)).isEqualTo(one);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSplitKeepsTheSingleTaskRunsRealSideAndTargets() throws IOException {
        Path a = dir.resolve("one-task");
        Path b = dir.resolve("many-tasks");
        Pipeline.run(req(), new LocalObjectStore(a), GeneratorSelector.NGRAM_ONLY, 1, TaskLimits.DEFAULTS);
        Pipeline.run(req(), new LocalObjectStore(b), GeneratorSelector.NGRAM_ONLY, 2, SMALL);
        Map<String, Object> ra = report(a);
        Map<String, Object> rb = report(b);
        Map<String, Object> ca = (Map<String, Object>) ra.get("counts");
        Map<String, Object> cb = (Map<String, Object>) rb.get("counts");
        for (String k : List.of("lines_read", "malformed", "real", "real_quarantined", "synthetic_target")) {
            assertThat(cb.get(k)).as(k).isEqualTo(ca.get(k));
        }
        assertThat(blendedTexts(b, "real")).isEqualTo(blendedTexts(a, "real")).isNotEmpty();
        assertThat(blendedTexts(b, "synthetic")).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void redeliveredTaskAndMergeEventsWriteNothingAndGiveTheSameNextEvent() throws IOException {
        Path out = dir.resolve("redeliver");
        LocalObjectStore store = new LocalObjectStore(out);
        Pipeline.run(req(), store, GeneratorSelector.NGRAM_ONLY, 2, SMALL);
        Map<String, Long> before = mtimes(out);
        StageRunner runner = StageChain.runner(store, GeneratorSelector.NGRAM_ONLY);

        for (String stage : List.of(GenerateStage.STAGE, ScoreStage.STAGE, BlendStage.STAGE)) {
            StageRunner.Handled task = runner.handle(StageEvent.task("run-shard", stage, 1));
            assertThat(task.next()).isEmpty();
            StageRunner.Handled merge = runner.handle(StageEvent.merge("run-shard", stage));
            assertThat(merge.merged().next()).isNotNull();
            assertThat(merge.next()).containsExactly(StageEvent.plan("run-shard", merge.merged().next()));
            StageRunner.Handled plan = runner.handle(StageEvent.plan("run-shard", stage));
            assertThat(plan.next()).containsExactly(StageEvent.merge("run-shard", stage));
        }
        StageRunner.Handled report = runner.handle(StageEvent.merge("run-shard", ReportStage.STAGE));
        assertThat(report.finished().status()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(mtimes(out)).isEqualTo(before);
    }

    @Test
    void aTaskKilledAfterPartialWritesIsRedoneWithIdenticalOutputs() throws IOException {
        Path clean = dir.resolve("clean");
        Pipeline.run(req(), new LocalObjectStore(clean), GeneratorSelector.NGRAM_ONLY, 1, SMALL);

        Path out = dir.resolve("killed");
        LocalObjectStore store = new LocalObjectStore(out);
        FrozenRun.of("run-shard", req().inputs(), config(), SMALL).freeze(store);
        AtomicBoolean killed = new AtomicBoolean();
        List<ShardedStage> stages = new ArrayList<>();
        for (ShardedStage s : StageChain.stages(GeneratorSelector.NGRAM_ONLY)) {
            // score task 1 runs for real (outputs on disk), then throws before the completion marker, once
            stages.add(!s.name().equals(ScoreStage.STAGE) ? s : new DyingStage(s, t -> {
                if (t.index() == 1 && killed.compareAndSet(false, true)) {
                    throw new IllegalStateException("killed");
                }
            }));
        }
        StageRunner runner = new StageRunner(store, stages);
        Deque<StageEvent> queue = new ArrayDeque<>(List.of(StageEvent.plan("run-shard", GenerateStage.STAGE)));
        StageOutcome end = null;
        int crashes = 0;
        while (!queue.isEmpty()) {
            StageEvent ev = queue.poll();
            try {
                StageRunner.Handled h = runner.handle(ev);
                queue.addAll(h.next());
                if (h.finished() != null) {
                    end = h.finished();
                }
            } catch (IllegalStateException e) {
                assertThat(e).hasMessage("killed");
                assertThat(store.exists("runs/run-shard/work/score/done/00001.json")).isFalse();
                crashes++;
                queue.add(ev); // redelivery
            }
        }
        assertThat(crashes).isEqualTo(1);
        assertThat(end).isNotNull();
        assertThat(end.status()).isEqualTo(StageOutcome.SUCCEEDED);
        assertThat(dev.tailguard.testing.RunSnapshot.of(out.resolve("runs/run-shard"))).isEqualTo(dev.tailguard.testing.RunSnapshot.of(clean.resolve("runs/run-shard")));
    }

    @Test
    void laterRequestsGetTheFrozenConfigurationBack() {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("frozen"));
        FrozenRun first = FrozenRun.of("run-f", List.of("a.jsonl"), config(), SMALL).freeze(store);
        RunConfig other = RunConfig.defaults(99);
        FrozenRun again = FrozenRun.of("run-f", List.of("b.jsonl"), other, TaskLimits.DEFAULTS).freeze(store);
        assertThat(again).isEqualTo(first);
        assertThat(again.config().seed()).isEqualTo(5);
        assertThatThrownBy(() -> FrozenRun.load(store, "run-never")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never started");
    }

    private static Map<String, Object> report(Path out) throws IOException {
        return Json.MAPPER.readValue(out.resolve("runs/run-shard/report/report.json").toFile(), new TypeReference<>() {
        });
    }

    private static List<String> blendedTexts(Path out, String kind) throws IOException {
        List<String> texts = new ArrayList<>();
        LocalObjectStore s = new LocalObjectStore(out);
        dev.tailguard.core.io.Shards.forEachDocument(s, s.list("runs/run-shard/blended/part-"), d -> {
            if (kind.equals(d.meta(dev.tailguard.core.doc.Provenance.KIND))) {
                texts.add(kind.equals("real") ? d.text() : d.id());
            }
        });
        texts.sort(null);
        return texts;
    }

    private static Map<String, Long> mtimes(Path root) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis() * 1000 + Files.size(p));
            }
        }
        return m;
    }

}

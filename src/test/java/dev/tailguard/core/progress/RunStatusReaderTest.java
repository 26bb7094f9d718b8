package dev.tailguard.core.progress;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskSpec;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RunStatusReader} on a finished run and on a hand-built half-way store; {@link ProgressWatcher} feeding a bar. */
class RunStatusReaderTest {

    @TempDir
    Path dir;

    @Test
    void finishedRunShowsEveryStageDoneAndTheVerdict() throws IOException {
        Path input = TestCorpus.write(dir, 10);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("out"));
        Pipeline.run(new RunRequested("run-status", List.of(input.toString()), RunConfig.defaults(7)), store);

        RunStatus s = new RunStatusReader(store).read("run-status").orElseThrow();
        assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(s.stage()).isEqualTo("report");
        assertThat(s.stages()).extracting(StageProgress::stage).containsExactly("generate", "score", "blend", "report");
        assertThat(s.stages()).allMatch(p -> p.state().equals(StageProgress.DONE) && p.tasksDone() == p.tasksTotal()
                && p.documentsDone() == p.documentsTotal());
        assertThat(s.stages().get(0).documentsTotal()).isPositive();
        assertThat(s.verdict()).isNotNull();
        assertThat(s.verdict().collapseRisk()).isIn("low", "medium", "high", "unmeasurable");
        assertThat(s.verdict().syntheticRatio()).isBetween(0.0, 0.3);
        Map<String, Object> json = Json.MAPPER.readValue(Json.write(s), new TypeReference<>() {
        });
        assertThat(json).containsKeys("run_id", "status", "stage", "stages", "verdict");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<?>) json.get("stages")).get(0);
        assertThat(first).containsKeys("tasks_done", "documents_total");
    }

    @Test
    void halfWayStoreShowsTaskGranularProgressAndUnknownRunIsEmpty() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("half"));
        WorkLayout w = new WorkLayout("run-half");
        store.put(w.config(), "{}".getBytes(StandardCharsets.UTF_8));
        store.put(w.plan("generate"), Json.pretty(new StagePlan(1, "run-half", "generate", List.of(
                new TaskSpec(0, "real", List.of("a"), 0, 30, 0), new TaskSpec(1, "real", List.of("a"), 30, 70, 30)))));
        store.put(w.done("generate", 1), "{}".getBytes(StandardCharsets.UTF_8));

        RunStatus s = new RunStatusReader(store).read("run-half").orElseThrow();
        assertThat(s.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(s.stage()).isEqualTo("generate");
        assertThat(s.stages().get(0)).isEqualTo(new StageProgress("generate", StageProgress.RUNNING, 1, 2, 70, 100));
        assertThat(s.stages().get(1)).isEqualTo(StageProgress.pending("score"));
        assertThat(s.verdict()).isNull();

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long[] now = {0};
        TerminalProgress bar = new TerminalProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), false, 0, () -> now[0]);
        RunStatusReader reader = new RunStatusReader(store);
        ProgressWatcher watcher = ProgressWatcher.manual(() -> reader.read("run-half"), bar);
        watcher.poll();
        store.put(w.done("generate", 0), "{}".getBytes(StandardCharsets.UTF_8));
        now[0] = 1_000_000_000L;
        watcher.poll(); // every task done, merge pending: no line
        store.put(w.merged("generate"), "{}".getBytes(StandardCharsets.UTF_8));
        now[0] = 2_000_000_000L;
        watcher.poll();
        watcher.poll(); // a finished stage is reported once
        assertThat(buf.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
                "generate [##############------]  70%  70/100 docs  0.0 docs/s",
                "generate [####################] 100%  100/100 docs  50.0 docs/s");

        assertThat(new RunStatusReader(store).read("run-nothing")).isEmpty();
        assertThatThrownBy(() -> new RunStatusReader(store).read("../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failedReportGivesTheFailedStageAndReason() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("failed"));
        store.put("runs/run-f/report/report.json", Json.pretty(Map.of("run_id", "run-f", "status", "failed",
                "failed_stage", "score", "reason", "gate failed: score.pii-rate.max")));
        RunStatus s = new RunStatusReader(store).read("run-f").orElseThrow();
        assertThat(s.status()).isEqualTo(RunStatus.FAILED);
        assertThat(s.stage()).isEqualTo("score");
        assertThat(s.reason()).contains("pii-rate");
        assertThat(s.verdict()).isNull();
    }

    @Test
    void runStoppedByTheCollapseGateKeepsItsVerdict() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("stopped"));
        store.put("runs/run-s/report/report.json", Json.pretty(Map.of("run_id", "run-s", "status", "failed",
                "failed_stage", "report", "reason", "gate failed: report.collapse_risk_level.max: 2.0 > 1.0",
                "synthetic_ratio", 0.3, "collapse_risk", Map.of("level", "high", "reasons", List.of(Map.of(
                        "signal", "c2st_auc", "level", "high", "value", 0.87, "ci", List.of(0.85, 0.89), "threshold", 0.85))))));
        RunStatus s = new RunStatusReader(store).read("run-s").orElseThrow();
        assertThat(s.status()).isEqualTo(RunStatus.FAILED);
        assertThat(s.stage()).isEqualTo("report");
        assertThat(s.verdict().collapseRisk()).isEqualTo("high");
        assertThat(s.verdict().reasons()).singleElement().satisfies(r -> {
            assertThat(r.signal()).isEqualTo("c2st_auc");
            assertThat(r.ci()).containsExactly(0.85, 0.89);
        });
    }

    @Test
    void messagesPollBeforeEachLineAndClearTheBarOnATty() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long[] now = {0};
        TerminalProgress bar = new TerminalProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), true, 1, () -> now[0]);
        int[] polls = {0};
        PrintStream lines = bar.messages(() -> polls[0]++);
        bar.update("score", 5, 10);
        lines.printf("[2/4] score    done%n");
        assertThat(polls[0]).isEqualTo(1);
        assertThat(buf.toString(StandardCharsets.UTF_8)).endsWith("\r\u001b[K[2/4] score    done\n");
    }
}

package dev.tailguard.core.progress;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.GenerateStage;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.runner.LiveDocuments;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskSpec;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * The two long phases without tasks: the generate stage's plan (input lines ingested, counted under
 * {@link GenerateStage#INGEST_PROGRESS}) and the report stage's merge (blended documents read, against blend's blended
 * count). Both reach {@link RunStatus} (phase, documents done) and the terminal through {@link ProgressWatcher}.
 */
class PhaseProgressTest {

    @TempDir
    Path dir;

    LocalObjectStore store;
    LiveDocuments live;
    WorkLayout work;
    long now;
    ByteArrayOutputStream buf;

    @BeforeEach
    void setUp() throws IOException {
        store = new LocalObjectStore(dir.resolve("store"));
        live = new LiveDocuments();
        work = new WorkLayout("run-phase");
        store.put(work.config(), "{}".getBytes(StandardCharsets.UTF_8));
        buf = new ByteArrayOutputStream();
    }

    private ProgressWatcher watcher(boolean tty) {
        TerminalProgress bar = new TerminalProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), tty, 5,
                () -> now);
        RunStatusReader reader = new RunStatusReader(store);
        return ProgressWatcher.manual(() -> reader.read("run-phase"), bar, live);
    }

    private void ingest(long lines) {
        try (LiveDocuments.Scope s = live.enter("run-phase", GenerateStage.INGEST_PROGRESS)) {
            for (long i = 0; i < lines; i++) {
                LiveDocuments.tick();
            }
        }
    }

    private void readBlended(long docs) {
        try (LiveDocuments.Scope s = live.enter("run-phase", "report")) {
            for (long i = 0; i < docs; i++) {
                LiveDocuments.tick();
            }
        }
    }

    private void planGenerate() throws IOException {
        store.put(work.plan("generate"), Json.pretty(new StagePlan(1, "run-phase", "generate", List.of(
                new TaskSpec(0, "real", List.of("a"), 0, 100, 0)))));
    }

    private void planReport(long blended) throws IOException {
        for (String s : List.of("generate", "score", "blend")) {
            store.put(work.plan(s), Json.pretty(new StagePlan(1, "run-phase", s, List.of(
                    new TaskSpec(0, "real", List.of("a"), 0, 10, 0)))));
            store.put(work.done(s, 0), "{}".getBytes(StandardCharsets.UTF_8));
            store.put(work.merged(s), "{}".getBytes(StandardCharsets.UTF_8));
        }
        store.put(new RunLayout("run-phase").manifest("blended"),
                Json.pretty(Map.of("counts", Map.of("blended", blended))));
        store.put(work.plan("report"), Json.pretty(new StagePlan(1, "run-phase", "report", List.of())));
    }

    @Test
    void statusShowsTheGeneratePlanAsIngestedLinesWithAnUnknownTotal() throws IOException {
        RunStatusReader reader = new RunStatusReader(store);
        RunStatus before = reader.read("run-phase").orElseThrow().withLive(live);
        assertThat(before.stages().get(0)).isEqualTo(StageProgress.pending("generate"));
        assertThat(before.phase()).isNull();

        ingest(1234);
        RunStatus s = reader.read("run-phase").orElseThrow().withLive(live);
        assertThat(s.stage()).isEqualTo("generate");
        assertThat(s.phase()).isEqualTo(StageProgress.PLAN);
        StageProgress g = s.stages().get(0);
        assertThat(g.state()).isEqualTo(StageProgress.RUNNING);
        assertThat(g.documentsDone()).isEqualTo(1234);
        assertThat(g.totalKnown()).isFalse();
        assertThat(s.stages().get(1)).isEqualTo(StageProgress.pending("score"));

        Map<String, Object> json = Json.MAPPER.readValue(Json.write(s), new TypeReference<>() {
        });
        assertThat(json).containsEntry("phase", "plan");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<?>) json.get("stages")).get(0);
        assertThat(first).containsEntry("phase", "plan").containsEntry("documents_done", 1234)
                .containsEntry("documents_total", -1);

        planGenerate();
        RunStatus tasks = reader.read("run-phase").orElseThrow().withLive(live);
        assertThat(tasks.phase()).isEqualTo(StageProgress.TASKS);
        assertThat(tasks.stages().get(0).documentsDone()).as("ingest lines are not generate's task documents")
                .isZero();
    }

    @Test
    void statusShowsTheReportMergeAgainstTheBlendedCount() throws IOException {
        planReport(400);
        RunStatusReader reader = new RunStatusReader(store);
        readBlended(150);
        RunStatus s = reader.read("run-phase").orElseThrow().withLive(live);
        assertThat(s.stage()).isEqualTo("report");
        assertThat(s.phase()).isEqualTo(StageProgress.MERGE);
        assertThat(s.stages().get(3)).isEqualTo(new StageProgress("report", StageProgress.RUNNING, 0, 0, 150, 400,
                StageProgress.MERGE));
        readBlended(1000); // a re-read never passes the total
        assertThat(reader.read("run-phase").orElseThrow().withLive(live).stages().get(3).documentsDone())
                .isEqualTo(400);

        store.put(work.merged("report"), "{}".getBytes(StandardCharsets.UTF_8));
        StageProgress done = reader.read("run-phase").orElseThrow().withLive(live).stages().get(3);
        assertThat(done.state()).isEqualTo(StageProgress.DONE);
        assertThat(done.phase()).isNull();
        assertThat(done.documentsDone()).isEqualTo(400).isEqualTo(done.documentsTotal());
    }

    @Test
    void nonTtyPrintsThrottledPlainLinesForTheIngestThenEndsItWhenTasksStart() throws IOException {
        ProgressWatcher w = watcher(false);
        w.poll(); // nothing ingested yet: no line
        ingest(100);
        w.poll();
        now = 1_000_000_000L;
        ingest(100);
        w.poll(); // within the 5 s interval: no line spam
        now = 10_000_000_000L;
        ingest(800);
        w.poll();
        planGenerate();
        now = 12_000_000_000L;
        w.poll();
        w.poll(); // the plan's end is printed once
        assertThat(buf.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
                "generate plan  100 docs  0.0 docs/s",
                "generate plan  1000 docs  100.0 docs/s",
                "generate plan [####################] 100%  1000/1000 docs  83.3 docs/s",
                "generate [--------------------]   0%  0/100 docs  0.0 docs/s");
    }

    @Test
    void ttyRedrawsTheReportMergeWithRateAndEtaAndEndsWithOneLine() throws IOException {
        planReport(400);
        ProgressWatcher w = watcher(true);
        w.poll(); // merge not reading yet: no line
        readBlended(100);
        now = 10_000_000_000L;
        w.poll();
        readBlended(100);
        now = 20_000_000_000L;
        w.poll();
        store.put(work.merged("report"), "{}".getBytes(StandardCharsets.UTF_8));
        now = 40_000_000_000L;
        w.poll();
        w.poll();
        String out = buf.toString(StandardCharsets.UTF_8);
        String report = out.substring(out.indexOf("\rreport"));
        assertThat(report).startsWith("\rreport [#####---------------]  25%  100/400 docs  0.0 docs/s\u001b[K");
        assertThat(report).contains("\rreport [##########----------]  50%  200/400 docs  20.0 docs/s  ETA 0:10\u001b[K");
        assertThat(report).endsWith("\rreport [####################] 100%  400/400 docs  13.3 docs/s\u001b[K\n");
        assertThat(report.chars().filter(c -> c == '\n').count()).as("the report ends one redrawn line").isEqualTo(1);
    }

    @Test
    void aPhaseMustFitTheState() {
        assertThatThrownBy(() -> new StageProgress("score", StageProgress.DONE, 1, 1, 1, 1, StageProgress.TASKS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phase");
        assertThatThrownBy(() -> new StageProgress("score", StageProgress.RUNNING, 0, 1, 0, 1, "resting"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StageProgress("score", StageProgress.RUNNING, 1, 1, 10, 10).phase())
                .isEqualTo(StageProgress.MERGE);
    }
}

package dev.tailguard.core.progress;

import dev.tailguard.core.pipeline.runner.LiveDocuments;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-document progress between task markers: the live counters, the watcher's overlay on the store's task-granular
 * status, and what the terminal shows from it (documents/s and ETA; a redrawn line on a TTY, plain lines otherwise).
 */
class LiveProgressTest {

    long now;

    @Test
    void countsOnlyInsideAScopeAndRestoresTheOuterScope() {
        LiveDocuments live = new LiveDocuments();
        LiveDocuments.tick(); // outside any scope: not counted anywhere
        try (LiveDocuments.Scope outer = live.enter("run-a", "score")) {
            LiveDocuments.tick();
            try (LiveDocuments.Scope inner = live.enter("run-a", "blend")) {
                LiveDocuments.tick();
                LiveDocuments.tick();
            }
            LiveDocuments.tick();
        }
        LiveDocuments.tick();
        assertThat(live.documents("run-a", "score")).isEqualTo(2);
        assertThat(live.documents("run-a", "blend")).isEqualTo(2);
        assertThat(live.documents("run-b", "score")).isZero();
    }

    @Test
    void keepsABoundedNumberOfCounters() {
        LiveDocuments live = new LiveDocuments();
        for (int i = 0; i <= LiveDocuments.MAX_STAGES; i++) {
            try (LiveDocuments.Scope s = live.enter("run-" + i, "score")) {
                LiveDocuments.tick();
            }
        }
        assertThat(live.documents("run-0", "score")).as("oldest dropped").isZero();
        assertThat(live.documents("run-" + LiveDocuments.MAX_STAGES, "score")).isEqualTo(1);
    }

    @Test
    void overlayRaisesOnlyRunningStagesAndNeverPassesTheTotal() {
        LiveDocuments live = new LiveDocuments();
        try (LiveDocuments.Scope t = live.enter("run-live", "score")) {
            for (int i = 0; i < 70; i++) {
                LiveDocuments.tick();
            }
        }
        try (LiveDocuments.Scope t = live.enter("run-live", "blend")) {
            LiveDocuments.tick(); // blend is still pending in the store: not shown
        }
        RunStatus s = oneRunningTask(0).withLive(live);
        assertThat(s.stages()).extracting(StageProgress::documentsDone).containsExactly(80L, 70L, 0L, 0L);
        assertThat(s.stages().get(1).tasksDone()).isZero();
        assertThat(oneRunningTask(100).withLive(live).stages().get(1).documentsDone()).isEqualTo(100);
        try (LiveDocuments.Scope t = live.enter("run-live", "score")) {
            for (int i = 0; i < 500; i++) {
                LiveDocuments.tick();
            }
        }
        assertThat(oneRunningTask(100).withLive(live).stages().get(1).documentsDone()).isEqualTo(200);
    }

    /** One task of 200 documents, no marker yet: the store says 0 done, the running task has read 50, then 150. */
    private static RunStatus oneRunningTask(long storeDone) {
        return new RunStatus("run-live", RunStatus.RUNNING, "score", List.of(
                new StageProgress("generate", StageProgress.DONE, 1, 1, 80, 80),
                new StageProgress("score", StageProgress.RUNNING, storeDone > 0 ? 1 : 0, 2, storeDone, 200),
                StageProgress.pending("blend"), StageProgress.pending("report")), null, null);
    }

    @Test
    void nonTtyPrintsPlainLinesWithRateAndEtaWhileOneLargeTaskRuns() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TerminalProgress bar = new TerminalProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), false, 5, () -> now);
        LiveDocuments live = new LiveDocuments();
        RunStatus[] status = {oneRunningTask(0)};
        ProgressWatcher w = ProgressWatcher.manual(() -> Optional.of(status[0]), bar, live);
        try (LiveDocuments.Scope task = live.enter("run-live", "score")) {
            now = 0;
            w.poll(); // generate finished; score starts at 0/200
            for (int i = 0; i < 50; i++) {
                LiveDocuments.tick();
            }
            now = 10_000_000_000L;
            w.poll();
            for (int i = 0; i < 100; i++) {
                LiveDocuments.tick();
            }
            now = 12_000_000_000L;
            w.poll(); // within 5 s of the last line: throttled
            now = 20_000_000_000L;
            status[0] = oneRunningTask(100); // the store may lag behind the live count: the larger wins
            w.poll();
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).containsExactly(
                "generate [####################] 100%  80/80 docs  0.0 docs/s",
                "score [--------------------]   0%  0/200 docs  0.0 docs/s",
                "score [#####---------------]  25%  50/200 docs  5.0 docs/s  ETA 0:30",
                "score [###############-----]  75%  150/200 docs  7.5 docs/s  ETA 0:07");
        assertThat(buf.toString(StandardCharsets.UTF_8)).doesNotContain("\r", "\u001b");
    }

    @Test
    void ttyRedrawsOneLineWithRateAndEtaAndNeverPassesTheTotal() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TerminalProgress bar = new TerminalProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), true, 5, () -> now);
        LiveDocuments live = new LiveDocuments();
        RunStatus[] status = {oneRunningTask(0)};
        ProgressWatcher w = ProgressWatcher.manual(() -> Optional.of(status[0]), bar, live);
        try (LiveDocuments.Scope task = live.enter("run-live", "score")) {
            now = 0;
            w.poll();
            for (int i = 0; i < 40; i++) {
                LiveDocuments.tick();
            }
            now = 4_000_000_000L;
            w.poll();
            for (int i = 0; i < 300; i++) { // a task run again after a killed attempt reads its documents twice
                LiveDocuments.tick();
            }
            now = 8_000_000_000L;
            w.poll();
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        assertThat(s).contains("\rscore [####----------------]  20%  40/200 docs  10.0 docs/s  ETA 0:16\u001b[K");
        assertThat(s).contains("\rscore [####################] 100%  200/200 docs  25.0 docs/s\u001b[K");
        assertThat(s).doesNotContain("340/200");
        // the finished generate stage is the only line ended; the score bar is redrawn in place
        assertThat(s.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }
}

package dev.tailguard.cli.tools;

import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.pipeline.runner.ShardedStage;
import dev.tailguard.core.pipeline.runner.StageOutcome;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskResult;
import dev.tailguard.core.pipeline.runner.TaskSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PhaseClockTest {

    /** A stage whose steps only sleep: plan 30 ms, each task 20 ms, merge 40 ms. */
    private static class Sleeper implements ShardedStage {
        @Override
        public String name() {
            return "sleep";
        }

        @Override
        public List<TaskSpec> plan(RunContext ctx) {
            pause(30);
            return List.of();
        }

        @Override
        public TaskResult task(RunContext ctx, TaskSpec task) {
            pause(20);
            return null;
        }

        @Override
        public StageOutcome merge(RunContext ctx, StagePlan plan, List<TaskResult> results) {
            pause(40);
            return null;
        }

        private static void pause(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void eachPhaseIsTimedAndTasksOnTwoThreadsOverlap() throws Exception {
        PhaseClock clock = new PhaseClock();
        // both tasks meet inside task() before sleeping, so they overlap however late a thread starts (a loaded
        // machine started the second thread after the first had finished, and the span then exceeded the sum)
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        ShardedStage s = clock.wrap(List.of(new Sleeper() {
            @Override
            public TaskResult task(RunContext ctx, TaskSpec task) {
                try {
                    together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other task did not start", e);
                }
                return super.task(ctx, task);
            }
        })).get(0);
        assertThat(s.name()).isEqualTo("sleep");
        s.plan(null);
        Thread a = new Thread(() -> s.task(null, null));
        Thread b = new Thread(() -> s.task(null, null));
        a.start();
        b.start();
        a.join();
        b.join();
        s.merge(null, null, List.of());
        Map<String, Number> p = clock.seconds().get("sleep");
        assertThat(p.get("plan").doubleValue()).isGreaterThanOrEqualTo(0.030);
        assertThat(p.get("merge").doubleValue()).isGreaterThanOrEqualTo(0.040);
        assertThat(p.get("tasks").intValue()).isEqualTo(2);
        assertThat(p.get("tasks_sum").doubleValue()).isGreaterThanOrEqualTo(0.040);
        assertThat(p.get("tasks_span").doubleValue()).isGreaterThanOrEqualTo(0.020)
                .isLessThanOrEqualTo(p.get("tasks_sum").doubleValue());
    }

    @Test
    void theHeapProbeCountsAReachableArray() {
        byte[] live;
        try (HeapProbe probe = new HeapProbe(Duration.ofSeconds(60))) {
            long before = probe.maxLive();
            live = new byte[64 << 20];
            probe.sample();
            assertThat(probe.samples()).isGreaterThanOrEqualTo(1);
            assertThat(probe.maxLive()).isGreaterThanOrEqualTo(64L << 20).isGreaterThan(before);
        }
        assertThat(live).hasSize(64 << 20);
    }

    @Test
    void currentNamesThePhasesInProgress() throws Exception {
        PhaseClock clock = new PhaseClock();
        java.util.concurrent.CountDownLatch inTask = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        String[] seenInPlan = new String[1];
        ShardedStage s = clock.wrap(List.of(new Sleeper() {
            @Override
            public List<TaskSpec> plan(RunContext ctx) {
                seenInPlan[0] = clock.current();
                return List.of();
            }

            @Override
            public TaskResult task(RunContext ctx, TaskSpec task) {
                inTask.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        })).get(0);
        assertThat(clock.current()).isEqualTo(PhaseClock.IDLE);
        s.plan(null);
        assertThat(seenInPlan[0]).isEqualTo("sleep.plan");
        assertThat(clock.current()).isEqualTo(PhaseClock.IDLE);
        Thread t = new Thread(() -> s.task(null, null));
        t.start();
        inTask.await();
        assertThat(clock.current()).isEqualTo("sleep.task");
        release.countDown();
        t.join();
        assertThat(clock.current()).isEqualTo(PhaseClock.IDLE);
    }

    @Test
    void theHeapProbeAttributesEachProbeToItsPhaseAndWritesAHistogramAtThePeak(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String[] phase = {"a.plan"};
        byte[] live;
        try (HeapProbe probe = new HeapProbe(Duration.ofSeconds(60), () -> phase[0], dir)) {
            probe.sample();
            phase[0] = "b.merge";
            live = new byte[32 << 20];
            probe.sample();
            Map<String, HeapProbe.PhaseLive> phases = probe.phases();
            assertThat(phases.keySet()).contains("a.plan", "b.merge");
            assertThat(phases.get("b.merge").samples()).isEqualTo(1);
            assertThat(phases.get("b.merge").maxLive()).isGreaterThanOrEqualTo(32L << 20)
                    .isGreaterThan(phases.get("a.plan").maxLive());
            assertThat(probe.peakPhase()).isEqualTo("b.merge");
            assertThat(probe.missed()).isZero();
        }
        assertThat(live).hasSize(32 << 20);
        String histogram = java.nio.file.Files.readString(dir.resolve("b.merge.txt"));
        assertThat(histogram).startsWith("# phase b.merge, live set at the end of the probe's full GC ").contains("[B");
    }

    @Test
    void theHistogramTotalIsReadFromItsLastLine() {
        String h = " num     #instances         #bytes  class name (module)\n"
                + "   1:         25060      115963232  [J (java.base@17.0.15)\n"
                + "Total        572751      178017392\n";
        assertThat(HeapProbe.histogramTotal(h)).isEqualTo(178_017_392L);
        assertThat(HeapProbe.histogramTotal("no histogram")).isEqualTo(-1);
    }
}

package dev.tailguard.cli.tools;

import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.pipeline.runner.ShardedStage;
import dev.tailguard.core.pipeline.runner.StageOutcome;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskResult;
import dev.tailguard.core.pipeline.runner.TaskSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Wall-clock seconds of each stage's phases for {@code bench scale}: wraps the stages so the runner's plan, task and
 * merge calls are timed where they run. Per stage: {@code plan} and {@code merge} (seconds inside the call),
 * {@code tasks_span} (first task start to last task end: what the run waits for) and {@code tasks_sum} (the tasks'
 * seconds added up; {@code tasks_sum / tasks_span} is the parallelism the task phase achieved) and {@code tasks}
 * (count). {@link #current()} names the phases in progress, so a {@link HeapProbe} can say in which phase the live
 * set peaks. Only measures; the stages' outputs are untouched. Thread-safe.
 */
final class PhaseClock {

    /** One stage's accumulated phase times (nanoseconds). */
    private static final class Phases {
        long plan;
        long merge;
        long taskSum;
        long firstTaskStart = Long.MAX_VALUE;
        long lastTaskEnd = Long.MIN_VALUE;
        int tasks;
    }

    private final Map<String, Phases> stages = new LinkedHashMap<>();
    /** Phases in progress ({@code stage.plan}, {@code stage.task}, {@code stage.merge}) and how many calls each. */
    private final Map<String, Integer> active = new TreeMap<>();

    /**
     * The phases in progress right now, e.g. {@code score.task} or {@code generate.plan+score.task} when two overlap,
     * sorted and joined by {@code +}; {@value #IDLE} when none is (between stages, before the first, after the last).
     */
    synchronized String current() {
        return active.isEmpty() ? IDLE : String.join("+", active.keySet());
    }

    /** What {@link #current()} answers while no phase runs. */
    static final String IDLE = "idle";

    private synchronized void enter(String phase) {
        active.merge(phase, 1, Integer::sum);
    }

    private synchronized void exit(String phase) {
        active.computeIfPresent(phase, (k, n) -> n == 1 ? null : n - 1);
    }

    /** The stages, each wrapped so its phases are timed by this clock. */
    List<ShardedStage> wrap(List<ShardedStage> delegates) {
        return delegates.stream().map(d -> (ShardedStage) new Timed(d)).toList();
    }

    /**
     * Seconds per stage and phase, in the order the stages first ran:
     * {@code {stage: {plan, tasks_span, tasks_sum, tasks, merge}}}.
     */
    synchronized Map<String, Map<String, Number>> seconds() {
        Map<String, Map<String, Number>> out = new LinkedHashMap<>();
        stages.forEach((name, p) -> {
            Map<String, Number> m = new LinkedHashMap<>();
            m.put("plan", p.plan / 1e9);
            m.put("tasks_span", p.tasks == 0 ? 0.0 : (p.lastTaskEnd - p.firstTaskStart) / 1e9);
            m.put("tasks_sum", p.taskSum / 1e9);
            m.put("tasks", p.tasks);
            m.put("merge", p.merge / 1e9);
            out.put(name, m);
        });
        return out;
    }

    private synchronized Phases phases(String stage) {
        return stages.computeIfAbsent(stage, k -> new Phases());
    }

    private final class Timed implements ShardedStage {
        private final ShardedStage d;

        Timed(ShardedStage d) {
            this.d = d;
        }

        @Override
        public String name() {
            return d.name();
        }

        @Override
        public List<TaskSpec> plan(RunContext ctx) {
            String phase = d.name() + ".plan";
            enter(phase);
            long t0 = System.nanoTime();
            try {
                return d.plan(ctx);
            } finally {
                exit(phase);
                long dt = System.nanoTime() - t0;
                Phases p = phases(d.name());
                synchronized (PhaseClock.this) {
                    p.plan += dt;
                }
            }
        }

        @Override
        public List<String> taskOutputPrefixes(RunContext ctx, TaskSpec task) {
            return d.taskOutputPrefixes(ctx, task);
        }

        @Override
        public TaskResult task(RunContext ctx, TaskSpec task) {
            return time(() -> d.task(ctx, task));
        }

        private TaskResult time(Supplier<TaskResult> task) {
            String phase = d.name() + ".task";
            enter(phase);
            long t0 = System.nanoTime();
            try {
                return task.get();
            } finally {
                exit(phase);
                long t1 = System.nanoTime();
                Phases p = phases(d.name());
                synchronized (PhaseClock.this) {
                    p.taskSum += t1 - t0;
                    p.firstTaskStart = Math.min(p.firstTaskStart, t0);
                    p.lastTaskEnd = Math.max(p.lastTaskEnd, t1);
                    p.tasks++;
                }
            }
        }

        @Override
        public StageOutcome merge(RunContext ctx, StagePlan plan, List<TaskResult> results) {
            String phase = d.name() + ".merge";
            enter(phase);
            long t0 = System.nanoTime();
            try {
                return d.merge(ctx, plan, results);
            } finally {
                exit(phase);
                long dt = System.nanoTime() - t0;
                Phases p = phases(d.name());
                synchronized (PhaseClock.this) {
                    p.merge += dt;
                }
            }
        }
    }
}

package dev.tailguard.core.pipeline.runner;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The embedded {@link EventPublisher}: a pool of {@code workers} threads ({@code tailguard.workers}) handles stage
 * events in-process; every event a step produces is published back to the pool. {@link #runChain} follows the
 * stages to the run's end; {@link #runStage} stops after one stage's merge (the functions chain stages themselves).
 * The first failure completes the returned future exceptionally. Outputs do not depend on the worker count: tasks
 * are fixed by the frozen plan and name their outputs by task index.
 */
public final class EmbeddedWorkers implements EventPublisher, AutoCloseable {

    /** What a run waits for: the end of the chain, or one stage's merge. */
    private record Target(String stageOnly, CompletableFuture<StageOutcome> done) {
    }

    private final StageRunner runner;
    private final ExecutorService pool;
    private final Map<String, Target> runs = new ConcurrentHashMap<>();
    private final Consumer<StageOutcome> progress;

    /**
     * @param runner   the stage runner
     * @param workers  worker threads (&gt; 0)
     * @param progress called with each stage's merge outcome
     */
    public EmbeddedWorkers(StageRunner runner, int workers, Consumer<StageOutcome> progress) {
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be > 0, got " + workers);
        }
        this.runner = Objects.requireNonNull(runner);
        this.progress = Objects.requireNonNull(progress);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "tailguard-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(workers, tf);
    }

    /** Runs a (frozen) run from {@code firstStage} to its end; completes with the final outcome. */
    public CompletableFuture<StageOutcome> runChain(String runId, String firstStage) {
        return start(runId, firstStage, null);
    }

    /** Runs one stage of a (frozen) run; completes with that stage's merge outcome. */
    public CompletableFuture<StageOutcome> runStage(String runId, String stage) {
        return start(runId, stage, stage);
    }

    private CompletableFuture<StageOutcome> start(String runId, String stage, String stageOnly) {
        boolean[] fresh = {false};
        Target t = runs.compute(runId, (id, cur) -> {
            if (cur != null && !cur.done().isDone()) {
                if (java.util.Objects.equals(cur.stageOnly(), stageOnly)) {
                    return cur; // a repeated request joins the one in flight
                }
                throw new IllegalStateException("run " + runId + " is already running another step in this process");
            }
            fresh[0] = true;
            return new Target(stageOnly, new CompletableFuture<>());
        });
        if (!fresh[0]) {
            return t.done();
        }
        t.done().whenComplete((r, e) -> runs.remove(runId, t));
        publish(StageEvent.plan(runId, stage));
        return t.done();
    }

    @Override
    public void publish(StageEvent event) {
        pool.execute(() -> handle(event));
    }

    private void handle(StageEvent event) {
        Target t = runs.get(event.runId());
        if (t == null || t.done().isDone()) {
            return;
        }
        if (t.stageOnly() != null && !t.stageOnly().equals(event.stage())) {
            // a late event of an earlier stage of this run (its merge is done): handling it under this target
            // would re-plan the stage this target runs and duplicate its tasks
            return;
        }
        try {
            StageRunner.Handled h = runner.handle(event);
            if (h.merged() != null) {
                progress.accept(h.merged());
                if (h.finished() != null || event.stage().equals(t.stageOnly())) {
                    t.done().complete(h.merged());
                    return;
                }
            }
            h.next().forEach(this::publish);
        } catch (RuntimeException | Error e) {
            t.done().completeExceptionally(e);
        }
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}

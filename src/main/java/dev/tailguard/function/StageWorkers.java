package dev.tailguard.function;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.PipelineFailure;
import dev.tailguard.core.pipeline.StageChain;
import dev.tailguard.core.pipeline.runner.EmbeddedWorkers;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.StageOutcome;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.ObjectStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The process's stage workers: {@code tailguard.workers} threads (default: available processors) that run the tasks
 * of a stage in parallel, and the freezing of a run's configuration at its start ({@code runs/<id>/config.json}).
 */
@ApplicationScoped
public class StageWorkers {

    private final ObjectStore store;
    private final TaskLimits limits;
    private final int workers;
    private final EmbeddedWorkers pool;
    private final GeneratorSelector generators;
    private final dev.tailguard.core.pipeline.StageSettings settings;
    private final dev.tailguard.core.pipeline.runner.StageRunner runner;

    public StageWorkers(ObjectStore store, GeneratorSelector generators, TailguardConfig config,
                        dev.tailguard.core.collapse.CollapseServices collapse) {
        this.store = store;
        this.limits = new TaskLimits(config.tasks().maxRecords(), config.tasks().maxBytes(),
                config.reference().maxTrainingTokens());
        this.workers = config.workers().orElse(Runtime.getRuntime().availableProcessors());
        if (workers <= 0) {
            throw new IllegalArgumentException("tailguard.workers must be > 0, got " + workers);
        }
        org.eclipse.microprofile.config.Config mp = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        dev.tailguard.core.pipeline.StageSettings settings = new dev.tailguard.core.pipeline.StageSettings(
                dev.tailguard.core.pipeline.GenerateSettings.from(k -> mp.getOptionalValue(k, String.class)),
                config.card().settings(), collapse);
        this.generators = generators;
        this.settings = settings;
        this.runner = StageChain.runner(store, generators, settings);
        this.pool = new EmbeddedWorkers(runner, workers, o -> { });
    }

    /** The stage runner over this process's store with the deployment's stage settings (any transport uses it). */
    public dev.tailguard.core.pipeline.runner.StageRunner runner() {
        return runner;
    }

    /** A stage runner with the deployment's stage settings over another store (a replica of the same deployment). */
    public dev.tailguard.core.pipeline.runner.StageRunner runner(ObjectStore other) {
        return StageChain.runner(other, generators, settings);
    }

    /** Worker threads of this process. */
    public int workers() {
        return workers;
    }

    /** Freezes a run at its start (the first freeze of a run id wins) and returns the frozen run. */
    public FrozenRun freeze(String runId, List<String> inputs, dev.tailguard.core.pipeline.RunConfig config) {
        return FrozenRun.of(runId, inputs, config, limits).freeze(store);
    }

    /** Freezes a run from its request (synthetic batch and anchor included); the first freeze of a run id wins. */
    public FrozenRun freeze(dev.tailguard.core.pipeline.RunRequested req) {
        return FrozenRun.of(req, limits).freeze(store);
    }

    /**
     * The frozen run of an event's run id; a run that was never started is a permanent failure.
     *
     * @throws PipelineFailure when the run has no frozen configuration
     */
    public FrozenRun frozen(String runId, String stage) {
        try {
            return FrozenRun.load(store, runId);
        } catch (IllegalStateException e) {
            throw new PipelineFailure(stage, e.getMessage());
        }
    }

    /** Runs one stage of a frozen run on the workers and waits for its merge. */
    public StageOutcome runStage(String runId, String stage) {
        try {
            return pool.runStage(runId, stage).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + stage + " of " + runId, e);
        }
    }

    @PreDestroy
    void stop() {
        pool.close();
    }
}

package dev.tailguard.core.pipeline;

import dev.tailguard.core.collapse.CollapseServices;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.runner.EmbeddedWorkers;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.ObjectStore;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The four stages chained in-process on one store, without CloudEvents (for tests and library use; the embedded
 * {@code run} command goes through the Funqy functions instead), on a pool of worker threads. A
 * {@link PipelineFailure} writes the failure report before it is rethrown.
 */
public final class Pipeline {

    private Pipeline() {
    }

    /** Runs generate → score → blend → report on one worker. */
    public static RunReported run(RunRequested req, ObjectStore store) {
        return run(req, store, GeneratorSelector.NGRAM_ONLY);
    }

    /** Runs generate → score → blend → report with the generators the selector provides, on one worker. */
    public static RunReported run(RunRequested req, ObjectStore store, GeneratorSelector selector) {
        return run(req, store, selector, 1, TaskLimits.DEFAULTS);
    }

    /**
     * Freezes the run and runs its four stages as tasks on {@code workers} threads. Outputs are byte-identical for any
     * worker count.
     */
    public static RunReported run(RunRequested req, ObjectStore store, GeneratorSelector selector, int workers,
                                  TaskLimits limits) {
        return run(req, store, selector, StageSettings.defaults(), workers, limits);
    }

    /** {@link #run(RunRequested, ObjectStore, GeneratorSelector, int, TaskLimits)} with the generate stage's settings. */
    public static RunReported run(RunRequested req, ObjectStore store, GeneratorSelector selector,
                                  GenerateSettings generate, int workers, TaskLimits limits) {
        return run(req, store, selector, StageSettings.defaults().withGenerate(generate), workers, limits);
    }

    /** As above, measuring collapse with {@code collapse} (settings and embedding model). */
    public static RunReported run(RunRequested req, ObjectStore store, GeneratorSelector selector, int workers,
                                  TaskLimits limits, CollapseServices collapse) {
        return run(req, store, selector, StageSettings.defaults().withCollapse(collapse), workers, limits);
    }

    /** Runs a request through the four stages with the deployment's stage settings. */
    public static RunReported run(RunRequested req, ObjectStore store, GeneratorSelector selector,
                                  StageSettings settings, int workers, TaskLimits limits) {
        FrozenRun run = FrozenRun.of(req, limits).freeze(store);
        try (EmbeddedWorkers w = new EmbeddedWorkers(StageChain.runner(store, selector, settings), workers, o -> { })) {
            w.runChain(run.runId(), StageChain.FIRST).get();
            return ReportStage.event(run, store);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

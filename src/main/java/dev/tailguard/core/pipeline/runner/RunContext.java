package dev.tailguard.core.pipeline.runner;

import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.store.ObjectStore;

/**
 * What a stage step sees: the frozen run and the store.
 *
 * @param run   the frozen run configuration
 * @param store the object store
 */
public record RunContext(FrozenRun run, ObjectStore store) {

    /** Run id. */
    public String runId() {
        return run.runId();
    }

    /** Run configuration. */
    public RunConfig config() {
        return run.config();
    }

    /** Output layout. */
    public RunLayout layout() {
        return new RunLayout(run.runId());
    }

    /** Bookkeeping layout. */
    public WorkLayout work() {
        return new WorkLayout(run.runId());
    }
}

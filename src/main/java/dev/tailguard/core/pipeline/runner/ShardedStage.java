package dev.tailguard.core.pipeline.runner;

import java.util.List;

/**
 * One stage as plan → tasks → merge. Each step must be idempotent: a redelivered step rewrites the same bytes under
 * the same keys (outputs are named by task index), so a task killed midway is simply run again.
 */
public interface ShardedStage {

    /** Stage name (also its {@code work/<stage>/} folder). */
    String name();

    /**
     * Prepares what every task shares (written to the store) and splits the work into bounded tasks. May return no
     * task (the merge then runs at once).
     */
    List<TaskSpec> plan(RunContext ctx);

    /**
     * Key prefixes only this task writes under (e.g. {@code runs/<id>/synthetic/part-00003-}). After a task ran
     * (first delivery or after a killed attempt) and before its completion marker, the runner deletes every object
     * under them that this attempt did not write, and before it runs every temporary file there older than
     * {@link StageRunner#TEMPORARY_LEASE}, so a resumed run leaves no orphan shard of the killed attempt and a
     * concurrent duplicate never deletes a live attempt's output. Default: none.
     */
    default List<String> taskOutputPrefixes(RunContext ctx, TaskSpec task) {
        return List.of();
    }

    /** Runs one task: writes its outputs and returns its partial state. */
    TaskResult task(RunContext ctx, TaskSpec task);

    /** Combines the partial states (in task order), writes the stage manifest and says what comes next. */
    StageOutcome merge(RunContext ctx, StagePlan plan, List<TaskResult> results);
}

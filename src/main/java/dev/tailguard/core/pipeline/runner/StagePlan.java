package dev.tailguard.core.pipeline.runner;

import java.util.List;

/**
 * A stage's plan, written create-once by its plan step.
 *
 * @param schema version ({@link #SCHEMA})
 * @param runId  run id
 * @param stage  stage name
 * @param tasks  the tasks, index = position
 */
public record StagePlan(int schema, String runId, String stage, List<TaskSpec> tasks) {

    /** Current schema version. */
    public static final int SCHEMA = 1;

    public StagePlan {
        tasks = List.copyOf(tasks);
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).index() != i) {
                throw new IllegalArgumentException("task " + i + " has index " + tasks.get(i).index());
            }
        }
    }
}

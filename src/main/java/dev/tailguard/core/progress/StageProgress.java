package dev.tailguard.core.progress;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One stage's progress as the object store shows it (task-level: a task counts when its completion marker exists).
 *
 * @param stage          stage name ({@code generate}, {@code score}, {@code blend}, {@code report})
 * @param state          {@link #PENDING} (not planned yet), {@link #RUNNING} (planned, not merged) or {@link #DONE}
 * @param tasksDone      tasks whose completion marker exists
 * @param tasksTotal     tasks in the stage's plan (0 before the plan exists)
 * @param documentsDone  records of the completed tasks
 * @param documentsTotal records of all planned tasks (0 before the plan exists)
 */
public record StageProgress(String stage, String state, @JsonProperty("tasks_done") int tasksDone,
                            @JsonProperty("tasks_total") int tasksTotal,
                            @JsonProperty("documents_done") long documentsDone,
                            @JsonProperty("documents_total") long documentsTotal) {

    /** Not planned yet. */
    public static final String PENDING = "pending";
    /** Planned, tasks running or merge pending. */
    public static final String RUNNING = "running";
    /** Merged. */
    public static final String DONE = "done";

    public StageProgress {
        if (!PENDING.equals(state) && !RUNNING.equals(state) && !DONE.equals(state)) {
            throw new IllegalArgumentException("unknown stage state '" + state + "'");
        }
        if (tasksDone < 0 || tasksDone > tasksTotal || documentsDone < 0 || documentsDone > documentsTotal) {
            throw new IllegalArgumentException("stage " + stage + ": done must be within [0, total]");
        }
    }

    /** A stage nobody has planned yet. */
    public static StageProgress pending(String stage) {
        return new StageProgress(stage, PENDING, 0, 0, 0, 0);
    }

    /** Fraction of the planned documents done in [0, 1] (1 when done, 0 when pending). */
    public double fraction() {
        if (DONE.equals(state)) {
            return 1.0;
        }
        return documentsTotal == 0 ? 0.0 : (double) documentsDone / documentsTotal;
    }
}

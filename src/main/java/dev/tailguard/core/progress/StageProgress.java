package dev.tailguard.core.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One stage's progress as the object store shows it (task-level: a task counts when its completion marker exists).
 *
 * @param stage          stage name ({@code generate}, {@code score}, {@code blend}, {@code report})
 * @param state          {@link #PENDING} (not planned yet), {@link #RUNNING} (planned, not merged) or {@link #DONE}
 * @param tasksDone      tasks whose completion marker exists
 * @param tasksTotal     tasks in the stage's plan (0 before the plan exists)
 * @param documentsDone  records of the completed tasks
 * @param documentsTotal records of all planned tasks (0 before the plan exists); for a stage without tasks the
 *                       documents its merge reads (the report: the blended count of blend's manifest); negative
 *                       ({@link #UNKNOWN}) when not known (the generate plan's ingest)
 * @param phase          what a running stage is doing: {@link #PLAN} (planning before any task exists: the generate
 *                       stage's ingest, anchor freeze and generator training; {@code documents_done} = input lines
 *                       read), {@link #TASKS} (tasks running) or {@link #MERGE} (every task done, or a stage without
 *                       tasks such as the report, reading its input in the merge); null when pending or done
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageProgress(String stage, String state, @JsonProperty("tasks_done") int tasksDone,
                            @JsonProperty("tasks_total") int tasksTotal,
                            @JsonProperty("documents_done") long documentsDone,
                            @JsonProperty("documents_total") long documentsTotal,
                            String phase) {

    /** Not planned yet. */
    public static final String PENDING = "pending";
    /** Planned, tasks running or merge pending. */
    public static final String RUNNING = "running";
    /** Merged. */
    public static final String DONE = "done";

    /** Phase of a running stage: planning, no task exists yet. */
    public static final String PLAN = "plan";
    /** Phase of a running stage: tasks running. */
    public static final String TASKS = "tasks";
    /** Phase of a running stage: merging (all tasks done, or a stage without tasks reading its input). */
    public static final String MERGE = "merge";
    /** {@link #documentsTotal()} when the total is not known. */
    public static final long UNKNOWN = -1;

    public StageProgress {
        if (!PENDING.equals(state) && !RUNNING.equals(state) && !DONE.equals(state)) {
            throw new IllegalArgumentException("unknown stage state '" + state + "'");
        }
        if (tasksDone < 0 || tasksDone > tasksTotal || documentsDone < 0
                || documentsTotal >= 0 && documentsDone > documentsTotal) {
            throw new IllegalArgumentException("stage " + stage + ": done must be within [0, total]");
        }
        if (RUNNING.equals(state) != (phase != null)
                || phase != null && !PLAN.equals(phase) && !TASKS.equals(phase) && !MERGE.equals(phase)) {
            throw new IllegalArgumentException("stage " + stage + ": phase '" + phase + "' does not fit state " + state);
        }
    }

    /**
     * Progress with the phase derived from the tasks: a running stage is in {@link #TASKS} while tasks remain, else in
     * {@link #MERGE}.
     */
    public StageProgress(String stage, String state, int tasksDone, int tasksTotal, long documentsDone,
                         long documentsTotal) {
        this(stage, state, tasksDone, tasksTotal, documentsDone, documentsTotal,
                !RUNNING.equals(state) ? null : tasksDone < tasksTotal ? TASKS : MERGE);
    }

    /** Whether {@link #documentsTotal()} is known. */
    public boolean totalKnown() {
        return documentsTotal >= 0;
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
        return documentsTotal <= 0 ? 0.0 : (double) documentsDone / documentsTotal;
    }
}

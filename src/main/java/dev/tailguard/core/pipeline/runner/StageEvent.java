package dev.tailguard.core.pipeline.runner;

import dev.tailguard.core.pipeline.RunLayout;

import java.util.Objects;

/**
 * The one event of the shard-parallel protocol. It carries references only: the run, the stage, the step and the
 * task index; everything else (configuration, inputs, the plan) is read from the store, where the run's configuration
 * was frozen at run start ({@code runs/<id>/config.json}). {@link #dataref()} names the object the handler reads
 * first (the CloudEvents {@code dataref} extension when sent over HTTP or Kafka).
 *
 * @param schema version of this record ({@link #SCHEMA})
 * @param runId  run id
 * @param stage  stage name ({@code generate}, {@code score}, {@code blend}, {@code report})
 * @param step   plan, task or merge
 * @param task   task index for {@link Step#TASK}; -1 otherwise
 */
public record StageEvent(int schema, String runId, String stage, Step step, int task) {

    /** Current schema version. */
    public static final int SCHEMA = 1;
    /** CloudEvent type of stage events. */
    public static final String TYPE = "dev.tailguard.stage.step";

    public StageEvent {
        new RunLayout(runId);
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(step, "step");
        if (schema != SCHEMA) {
            throw new IllegalArgumentException("unsupported stage event schema " + schema + " (supported: " + SCHEMA + ")");
        }
        if ((step == Step.TASK) != (task >= 0)) {
            throw new IllegalArgumentException("task index " + task + " does not fit step " + step);
        }
    }

    /** The plan step of a stage. */
    public static StageEvent plan(String runId, String stage) {
        return new StageEvent(SCHEMA, runId, stage, Step.PLAN, -1);
    }

    /** One task of a stage. */
    public static StageEvent task(String runId, String stage, int task) {
        return new StageEvent(SCHEMA, runId, stage, Step.TASK, task);
    }

    /** The merge step of a stage. */
    public static StageEvent merge(String runId, String stage) {
        return new StageEvent(SCHEMA, runId, stage, Step.MERGE, -1);
    }

    /** A deterministic event id: redelivery and re-publication carry the same id. */
    public String id() {
        return runId + "/" + stage + "/" + step.name().toLowerCase() + (task >= 0 ? "/" + task : "");
    }

    /** The store object this step reads first: the frozen config for a plan, the stage plan otherwise. */
    public String dataref() {
        WorkLayout w = new WorkLayout(runId);
        return step == Step.PLAN ? w.config() : w.plan(stage);
    }
}

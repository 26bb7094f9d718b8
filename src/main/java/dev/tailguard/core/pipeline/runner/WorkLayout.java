package dev.tailguard.core.pipeline.runner;

import dev.tailguard.core.pipeline.RunLayout;

/**
 * Keys of the runner's bookkeeping under {@code runs/<id>/}: the frozen configuration {@code config.json}, and per
 * stage under {@code work/<stage>/}: {@code plan.json}, {@code done/<task>.json} (completion marker holding the task's
 * partial state), {@code merge.trigger} (create-once fan-in marker) and {@code merged.json} (the merge's outcome).
 */
public record WorkLayout(String runId) {

    public WorkLayout {
        new RunLayout(runId);
    }

    /** The run's frozen configuration. */
    public String config() {
        return "runs/" + runId + "/config.json";
    }

    /** {@code runs/<id>/work/<stage>/}. */
    public String stage(String stage) {
        return "runs/" + runId + "/work/" + stage + "/";
    }

    /** The stage plan. */
    public String plan(String stage) {
        return stage(stage) + "plan.json";
    }

    /** Prefix of the completion markers. */
    public String donePrefix(String stage) {
        return stage(stage) + "done/";
    }

    /** Completion marker of one task. */
    public String done(String stage, int task) {
        return donePrefix(stage) + String.format("%05d.json", task);
    }

    /** Create-once fan-in marker: whoever creates it publishes the merge. */
    public String mergeTrigger(String stage) {
        return stage(stage) + "merge.trigger";
    }

    /** The merge outcome (written last by the merge). */
    public String merged(String stage) {
        return stage(stage) + "merged.json";
    }

    /** A stage's shared artifact (written by its plan step). */
    public String artifact(String stage, String name) {
        return stage(stage) + name;
    }
}

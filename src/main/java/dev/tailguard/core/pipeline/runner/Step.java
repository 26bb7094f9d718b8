package dev.tailguard.core.pipeline.runner;

/** What a {@link StageEvent} asks a worker to do for one stage of one run. */
public enum Step {
    /** Prepare shared artifacts and split the stage into tasks (once per stage; create-once plan). */
    PLAN,
    /** Run one task of the plan (writes its outputs, its partial state and a create-once completion marker). */
    TASK,
    /** Fan-in: combine every task's partial state, write the stage manifest and emit the next stage's event. */
    MERGE
}

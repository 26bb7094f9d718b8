package dev.tailguard.core.pipeline.runner;

/**
 * What a stage's merge decided, stored in {@code merged.json} so a redelivered merge answers the same.
 *
 * @param schema   version ({@link #SCHEMA})
 * @param stage    the stage that merged
 * @param manifest key of the stage manifest it wrote
 * @param next     the next stage to plan, or null when the run ends or pauses
 * @param status   {@link #CONTINUE}, {@link #PAUSED} (waits for human review) or {@link #SUCCEEDED}
 */
public record StageOutcome(int schema, String stage, String manifest, String next, String status) {

    /** Current schema version. */
    public static final int SCHEMA = 1;
    public static final String CONTINUE = "continue";
    public static final String PAUSED = "paused";
    public static final String SUCCEEDED = "succeeded";

    /** The run goes on with the next stage. */
    public static StageOutcome next(String stage, String manifest, String next) {
        return new StageOutcome(SCHEMA, stage, manifest, next, CONTINUE);
    }

    /** The run ends (or pauses) with this stage. */
    public static StageOutcome end(String stage, String manifest, String status) {
        return new StageOutcome(SCHEMA, stage, manifest, null, status);
    }
}

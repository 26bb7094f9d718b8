package dev.tailguard.core.pipeline;

/** CloudEvent types of the pipeline, in order. */
public final class Events {
    public static final String RUN_REQUESTED = "dev.tailguard.run.requested";
    public static final String SYNTHETIC_GENERATED = "dev.tailguard.synthetic.generated";
    public static final String SYNTHETIC_SCORED = "dev.tailguard.synthetic.scored";
    public static final String DATASET_BLENDED = "dev.tailguard.dataset.blended";
    public static final String RUN_REPORTED = "dev.tailguard.run.reported";
    /** CloudEvent source prefix; the stage name is appended. */
    public static final String SOURCE = "dev.tailguard/";

    private Events() {
    }
}

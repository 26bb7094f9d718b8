package dev.tailguard.core.pipeline;

/** A run cannot continue: bad or missing input, a stop gate, a broken invariant. The message is one line. */
public class PipelineFailure extends RuntimeException {

    private final String stage;

    public PipelineFailure(String stage, String message) {
        super(message);
        this.stage = stage;
    }

    /** The stage that failed. */
    public String stage() {
        return stage;
    }
}

package dev.tailguard.function;

/** A stage failed; the failure report has been written. */
public class StageFailedException extends RuntimeException {

    private final String stage;

    public StageFailedException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    /**
     * Whether retrying cannot help (missing or invalid input, a stop gate, an invalid event, a run never started):
     * answered with a non-retryable 422; other failures (I/O, a crashed worker) are transient and answered 5xx.
     */
    public boolean permanent() {
        return getCause() instanceof dev.tailguard.core.pipeline.PipelineFailure
                || getCause() instanceof IllegalArgumentException;
    }

    /** The failed stage. */
    public String stage() {
        return stage;
    }
}

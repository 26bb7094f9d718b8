package dev.tailguard.function;

/** A stage failed; the failure report has been written. */
public class StageFailedException extends RuntimeException {

    private final String stage;

    public StageFailedException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    /** The failed stage. */
    public String stage() {
        return stage;
    }
}

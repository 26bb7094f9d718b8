package dev.tailguard.messaging;

/**
 * Called by the Kafka adapter around each attempt to run a stage. The default does nothing; tests replace it (a CDI
 * alternative) to make an attempt fail before the stage runs, or after it has written its output (as a crash before
 * publishing would), and observe the retry.
 */
public interface StageFaults {

    /**
     * @param stage   {@code generate}, {@code score}, {@code blend} or {@code report}
     * @param eventId the id of the incoming CloudEvent
     * @param attempt 1 for the first attempt
     */
    void beforeAttempt(String stage, String eventId, int attempt);

    /** Called after the stage returned, before its output event is published; same parameters. */
    default void afterStage(String stage, String eventId, int attempt) {
    }
}

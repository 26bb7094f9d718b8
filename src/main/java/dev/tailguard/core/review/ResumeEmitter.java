package dev.tailguard.core.review;

/**
 * Resumes the paused pipeline after a decision. The pipeline adapter implements it with its own dispatcher or
 * CloudEvent emitter; {@link ReviewQueue} calls {@link #approved} at most once per batch (guarded by a
 * compare-and-set claim) and {@link #rejected} after the batch was quarantined.
 */
public interface ResumeEmitter {

    /** Emits the event that lets the blend stage consume the approved batch. Throws to signal a retryable failure. */
    void approved(ReviewBatch batch, Decision decision) throws Exception;

    /** Lets the run continue without the rejected batch (already quarantined). Default: nothing. */
    default void rejected(ReviewBatch batch, Decision decision) throws Exception {
    }

    /** An emitter that does nothing (review queue without a pipeline, e.g. tests of the API). */
    ResumeEmitter NONE = (batch, decision) -> { };
}

package dev.tailguard.cloud.wiring;

import java.io.IOException;

import dev.tailguard.core.pipeline.RunRequested;

/**
 * Delivers {@code dev.tailguard.run.requested} to the pipeline: in-process ({@link InProcessRuns}), over HTTP to
 * {@code $K_SINK} ({@link HttpRunEmitter}) or over Kafka ({@link KafkaRunEmitter}). The event id is the run id, so a
 * repeated request is absorbed by the idempotent stages.
 */
public interface RunEmitter {

    /** Sends the request; returns once it is handed over (the run itself proceeds asynchronously). */
    void emit(RunRequested request) throws IOException;

    /** Where requests go, for logs and errors. */
    String describe();
}

package dev.tailguard.core.trigger;

import java.io.IOException;

/**
 * Hook to the pipeline: emit {@code dev.tailguard.run.requested} for an accepted incoming object. Implemented by the
 * pipeline (HTTP to the Broker, or Kafka); must be idempotent per {@code runId} since notifications are delivered
 * at least once.
 */
@FunctionalInterface
public interface RunRequester {

    /**
     * @param runId deterministic id from {@link RunIds#forObject(ObjectCreated)}
     * @param input the created object ({@code bucket}/{@code key} to read the corpus from)
     */
    void requestRun(String runId, ObjectCreated input) throws IOException;
}

package dev.tailguard.core.pipeline;

import java.util.List;

/**
 * Data of {@code dev.tailguard.run.requested}.
 *
 * @param runId  run id (key prefix {@code runs/<runId>/})
 * @param inputs input locations: object keys in the store, or local file paths
 * @param config the run configuration
 */
public record RunRequested(String runId, List<String> inputs, RunConfig config) {
}

package dev.tailguard.core.pipeline;

import java.util.List;

/**
 * Data of {@code dev.tailguard.run.requested}.
 *
 * @param runId   run id (key prefix {@code runs/<runId>/})
 * @param inputs  input locations: object keys in the store, or local file paths (only under
 *                {@code tailguard.input.allowed-roots} when the event comes from outside the process)
 * @param config  the run configuration; in an event from outside the process only the deployment's own
 *                configuration for the profile is accepted ({@link RunRequestPolicy})
 * @param profile the deployment run profile ({@code tailguard.profiles.<name>.*}) to use; null = the default
 */
public record RunRequested(String runId, List<String> inputs, RunConfig config, String profile) {

    /** A request without a profile. */
    public RunRequested(String runId, List<String> inputs, RunConfig config) {
        this(runId, inputs, config, null);
    }
}

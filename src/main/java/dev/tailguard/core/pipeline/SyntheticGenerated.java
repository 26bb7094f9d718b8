package dev.tailguard.core.pipeline;

/**
 * Data of {@code dev.tailguard.synthetic.generated}.
 *
 * @param runId              run id
 * @param config             run configuration
 * @param manifest           key of the generate stage manifest (lists input, synthetic and quarantine shards)
 * @param real               valid real documents
 * @param malformed          malformed input lines
 * @param syntheticGenerated synthetic documents generated
 */
public record SyntheticGenerated(String runId, RunConfig config, String manifest, long real, long malformed,
                                 long syntheticGenerated) {
}

package dev.tailguard.core.pipeline;

/**
 * Data of {@code dev.tailguard.synthetic.scored}.
 *
 * @param runId                run id
 * @param config               run configuration
 * @param manifest             key of the score stage manifest
 * @param realPassed           real documents that passed the quality policy
 * @param syntheticPassed      synthetic documents that passed
 * @param realQuarantined      real documents quarantined by scoring
 * @param syntheticQuarantined synthetic documents quarantined so far (generation and scoring)
 */
public record SyntheticScored(String runId, RunConfig config, String manifest, long realPassed, long syntheticPassed,
                              long realQuarantined, long syntheticQuarantined) {
}

package dev.tailguard.core.pipeline;

/**
 * Data of {@code dev.tailguard.dataset.blended}.
 *
 * @param runId            run id
 * @param config           run configuration
 * @param manifest         key of the blend stage manifest
 * @param blended          documents in the blended set
 * @param realBlended      real documents blended
 * @param syntheticBlended synthetic documents blended
 */
public record DatasetBlended(String runId, RunConfig config, String manifest, long blended, long realBlended,
                             long syntheticBlended) {
}

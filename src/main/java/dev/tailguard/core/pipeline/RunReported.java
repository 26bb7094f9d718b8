package dev.tailguard.core.pipeline;

/**
 * Data of {@code dev.tailguard.run.reported}.
 *
 * @param runId          run id
 * @param status         {@code succeeded}
 * @param report         key of report.json
 * @param blended        documents in the blended set
 * @param syntheticRatio synthetic share of the blended set
 */
public record RunReported(String runId, String status, String report, long blended, double syntheticRatio) {
}

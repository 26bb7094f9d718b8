package dev.tailguard.core.pipeline;

/**
 * A run profile of the deployment ({@code tailguard.profiles.<name>.*}): the only thing a {@code run.requested}
 * event may choose. A profile changes what a run generates (seed, synthetic ratio, generator) and may raise
 * strictness (require human review); it never lowers the deployment's policy or resource bounds (gates, shard size,
 * line limit, token cap, real-data floor), which always come from the deployment. Null fields keep the deployment's
 * value.
 *
 * @param seed           random seed ({@code seed})
 * @param syntheticRatio synthetic share ({@code synthetic-ratio})
 * @param generator      generator name ({@code generator})
 * @param reviewRequired {@code review-required}: only {@code true} is allowed (a profile may require review, never
 *                       waive it)
 */
public record RunProfile(Long seed, Double syntheticRatio, String generator, Boolean reviewRequired) {

    public RunProfile {
        if (Boolean.FALSE.equals(reviewRequired)) {
            throw new IllegalArgumentException("a run profile may require review (review-required=true) but never"
                    + " waive it; remove review-required=false");
        }
    }

    /** The deployment's configuration with this profile applied (validated by {@link RunConfig}). */
    public RunConfig applyTo(RunConfig d) {
        return new RunConfig(seed == null ? d.seed() : seed, syntheticRatio == null ? d.syntheticRatio() : syntheticRatio,
                generator == null ? d.generator() : generator, d.order(), d.temperature(), d.topK(), d.blendStrategy(),
                d.minRealFraction(), d.shardSize(), d.maxLineBytes(), d.compression(), d.maxSyntheticTokens(), d.gates(),
                Boolean.TRUE.equals(reviewRequired) ? Boolean.TRUE : d.reviewRequired(), d.outputFormats());
    }
}

package dev.tailguard.core.pipeline;

import dev.tailguard.core.generate.GenerationFailedException;

import java.util.Map;

/**
 * The generate stage stopped because its generator did ({@link GenerationFailedException}: the LLM circuit breaker
 * opened, or too few documents). A permanent failure: retrying the same event against the same endpoint and
 * settings cannot succeed, so adapters answer it like any other {@link PipelineFailure} (a non-retryable 4xx, never a
 * 5xx that a broker would redeliver). The message names the causes with their counts.
 */
public final class GenerationStopped extends PipelineFailure {

    private final GenerationFailedException.Reason reason;
    private final Map<String, Long> counts;

    /** The stage failure for a generator's failure. */
    public GenerationStopped(GenerationFailedException cause) {
        super(GenerateStage.STAGE, cause.getMessage());
        initCause(cause);
        this.reason = cause.reason();
        this.counts = cause.counts();
    }

    /** Why generation stopped. */
    public GenerationFailedException.Reason reason() {
        return reason;
    }

    /** Documents accepted, chunks not sent and rejections per reason. */
    public Map<String, Long> counts() {
        return counts;
    }
}

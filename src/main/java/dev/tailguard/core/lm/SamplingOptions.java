package dev.tailguard.core.lm;

/**
 * Sampling options.
 *
 * @param temperature softmax temperature applied to the model distribution (must be &gt; 0; 1 = unchanged)
 * @param topK keep only the k most probable continuations (0 = off)
 * @param maxTokens stop a sentence after this many tokens (0 = no limit)
 */
public record SamplingOptions(double temperature, int topK, int maxTokens) {
    /** Exact sampling from the model: temperature 1, no top-k, no length limit. */
    public static final SamplingOptions DEFAULT = new SamplingOptions(1.0, 0, 0);

    public SamplingOptions {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive finite number, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, got " + topK);
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= 0, got " + maxTokens);
        }
    }

    /** True when this is exact sampling from the model distribution. */
    public boolean exact() {
        return temperature == 1.0 && topK == 0;
    }
}

package dev.tailguard.cloud.crd;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Desired run. Defaults (applied by the API server from the CRD schema): generator {@code ngram} order 3 seed 0,
 * blend ratio 0.3 {@code accumulate} with min real fraction 0.7, no gates, no compression.
 *
 * @param inputs    input object keys in the configured bucket
 * @param generator generator and its parameters
 * @param blend     blend ratio and strategy
 * @param gates     quality gates
 * @param output    output shard settings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record SyntheticDataRunSpec(List<String> inputs, Generator generator, Blend blend, List<Gate> gates,
                                   Output output) {

    /** Generator name, n-gram order, seed, token cap and free-form parameters. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Generator(String name, Integer order, Long seed, Integer maxSyntheticTokens,
                            Map<String, Object> parameters) {
    }

    /** Synthetic share, strategy ({@code accumulate|replace|verified-accumulate}) and real floor. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Blend(Double syntheticRatio, String strategy, Double minRealFraction) {
    }

    /** One gate bound: stage, metric, min and/or max, {@code quarantine|stop}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Gate(String stage, String metric, Double min, Double max, String onFail) {
    }

    /** Output compression ({@code none|zstd}) and shard size. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Output(String compression, Integer shardSize) {
    }
}

package dev.tailguard.core.config;

/**
 * The run defaults, in one place. {@code core.pipeline.RunConfig#defaults} parses these, the adapters' typed configuration
 * ({@code dev.tailguard.function.TailguardConfig}) names them in its {@code @WithDefault}s, and
 * {@code application.properties} no longer repeats them. Strings, so that annotations can use them.
 */
public final class RunDefaults {

    /** {@code tailguard.seed}. */
    public static final String SEED = "42";
    /**
     * {@code tailguard.synthetic-ratio}: Kang et al. 2025 (collapse-anchors section 3), about 30% rephrased data is the
     * converging optimum.
     */
    public static final String SYNTHETIC_RATIO = "0.3";
    /** {@code tailguard.generate.generator}. */
    public static final String GENERATOR = "ngram";
    /** {@code tailguard.generate.order}. */
    public static final String ORDER = "3";
    /** {@code tailguard.generate.temperature}. */
    public static final String TEMPERATURE = "1.0";
    /** {@code tailguard.generate.top-k} (0 = no cut). */
    public static final String TOP_K = "0";
    /** {@code tailguard.generate.max-tokens}: synthetic tokens per run. */
    public static final String MAX_SYNTHETIC_TOKENS = "5000";
    /** {@code tailguard.blend.strategy}. */
    public static final String BLEND_STRATEGY = "accumulate";
    /** {@code tailguard.blend.min-real-fraction}: the real-data floor of the blend, never broken. */
    public static final String MIN_REAL_FRACTION = "0.7";
    /** {@code tailguard.output.shard-size}: records per output shard. */
    public static final String SHARD_SIZE = "1000";
    /** {@code tailguard.input.max-line-bytes}: 8 MiB. */
    public static final String MAX_LINE_BYTES = "8388608";
    /** {@code tailguard.output.compression}: {@code none} or {@code zstd}. */
    public static final String COMPRESSION = "none";

    private RunDefaults() {
    }
}

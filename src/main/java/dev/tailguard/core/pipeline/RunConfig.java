package dev.tailguard.core.pipeline;

import dev.tailguard.core.config.RunDefaults;
import dev.tailguard.core.gate.Gate;
import dev.tailguard.core.gate.GateSpec;

import java.util.List;

/**
 * Everything that determines a run's outputs. Travels inside every event so each stage is reproducible from its
 * event alone.
 *
 * @param seed               random seed
 * @param syntheticRatio     target synthetic share of the blended set (default 0.3, Kang et al., collapse-anchors §3)
 * @param generator          generator name ({@code ngram})
 * @param order              n-gram order of the generator and the reference LM (2..6, default 3)
 * @param temperature        sampling temperature of the generator (1 = exact sampling)
 * @param topK               top-k cut-off of the generator (0 = off)
 * @param blendStrategy      {@code accumulate}, {@code replace} or {@code verified-accumulate}
 * @param minRealFraction    floor on the real share of the blended set (default 0.7), never broken
 * @param shardSize          records per output shard
 * @param maxLineBytes       input lines above this size are quarantined (default 8 MiB)
 * @param compression        {@code none} or {@code zstd} for output shards
 * @param maxSyntheticTokens cap on tokens per synthetic document
 * @param gates              configured gate bounds
 * @param reviewRequired     per-run override of {@code tailguard.review.required} (null = the deployment's setting)
 * @param outputFormats      formats of the published blended dataset ({@code tailguard.output.format}: {@code jsonl},
 *                           {@code parquet} or both, in order; null or empty = {@code jsonl}). The JSONL shards under
 *                           {@code blended/} are always written (the report stage reads them); {@code parquet} adds
 *                           {@code data/train-NNNNN-of-MMMMM.parquet} files, and the dataset card lists exactly the
 *                           formats named here
 */
public record RunConfig(long seed, double syntheticRatio, String generator, int order, double temperature, int topK,
                        String blendStrategy,
                        double minRealFraction, int shardSize, long maxLineBytes, String compression,
                        int maxSyntheticTokens, List<GateSpec> gates, Boolean reviewRequired,
                        List<String> outputFormats) {

    /** Blend strategies. */
    public static final List<String> STRATEGIES = List.of("accumulate", "replace", "verified-accumulate");
    /** Generator names (which ones a build provides is up to its {@code GeneratorSelector}). */
    public static final List<String> GENERATORS = List.of("ngram", "rules", "llm");
    /** Output formats of the blended dataset ({@code tailguard.output.format}). */
    public static final List<String> OUTPUT_FORMATS = List.of("jsonl", "parquet");

    public RunConfig {
        gates = gates == null ? List.of() : List.copyOf(gates);
        outputFormats = outputFormats(outputFormats);
        if (!(syntheticRatio >= 0 && syntheticRatio < 1)) {
            throw new IllegalArgumentException("synthetic ratio must be in [0, 1), got " + syntheticRatio);
        }
        if (!(minRealFraction > 0 && minRealFraction <= 1)) {
            throw new IllegalArgumentException("min-real-fraction must be in (0, 1], got " + minRealFraction);
        }
        if (!STRATEGIES.contains(blendStrategy)) {
            throw new IllegalArgumentException("blend strategy must be one of " + STRATEGIES + ", got " + blendStrategy);
        }
        if (!GENERATORS.contains(generator)) {
            throw new IllegalArgumentException("unknown generator '" + generator + "' (known: " + GENERATORS + ")");
        }
        if (order < 2 || order > 6) {
            throw new IllegalArgumentException("order must be 2..6, got " + order);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature) || topK < 0) {
            throw new IllegalArgumentException("temperature must be > 0 and top-k >= 0");
        }
        if (shardSize <= 0 || maxLineBytes <= 0 || maxSyntheticTokens <= 0) {
            throw new IllegalArgumentException("shard size, max line bytes and max synthetic tokens must be > 0");
        }
        if (!"none".equals(compression) && !"zstd".equals(compression)) {
            throw new IllegalArgumentException("compression must be none or zstd, got " + compression);
        }
        Gate.validate(gates);
    }

    /** A configuration that publishes JSONL only. */
    public RunConfig(long seed, double syntheticRatio, String generator, int order, double temperature, int topK,
                     String blendStrategy, double minRealFraction, int shardSize, long maxLineBytes, String compression,
                     int maxSyntheticTokens, List<GateSpec> gates, Boolean reviewRequired) {
        this(seed, syntheticRatio, generator, order, temperature, topK, blendStrategy, minRealFraction, shardSize,
                maxLineBytes, compression, maxSyntheticTokens, gates, reviewRequired, null);
    }

    /** A configuration that leaves human review to the deployment's {@code tailguard.review.required}. */
    public RunConfig(long seed, double syntheticRatio, String generator, int order, double temperature, int topK,
                     String blendStrategy, double minRealFraction, int shardSize, long maxLineBytes, String compression,
                     int maxSyntheticTokens, List<GateSpec> gates) {
        this(seed, syntheticRatio, generator, order, temperature, topK, blendStrategy, minRealFraction, shardSize,
                maxLineBytes, compression, maxSyntheticTokens, gates, null, null);
    }

    /** Defaults ({@link RunDefaults}) with the given seed and no gates. */
    public static RunConfig defaults(long seed) {
        return new RunConfig(seed, Double.parseDouble(RunDefaults.SYNTHETIC_RATIO), RunDefaults.GENERATOR,
                Integer.parseInt(RunDefaults.ORDER), Double.parseDouble(RunDefaults.TEMPERATURE),
                Integer.parseInt(RunDefaults.TOP_K), RunDefaults.BLEND_STRATEGY,
                Double.parseDouble(RunDefaults.MIN_REAL_FRACTION), Integer.parseInt(RunDefaults.SHARD_SIZE),
                Long.parseLong(RunDefaults.MAX_LINE_BYTES), RunDefaults.COMPRESSION,
                Integer.parseInt(RunDefaults.MAX_SYNTHETIC_TOKENS), List.of());
    }

    /** Whether output shards are zstd-compressed. */
    public boolean zstd() {
        return "zstd".equals(compression);
    }

    /** This configuration publishing the blended dataset in the given formats (validated). */
    public RunConfig withOutputFormats(List<String> formats) {
        return new RunConfig(seed, syntheticRatio, generator, order, temperature, topK, blendStrategy, minRealFraction,
                shardSize, maxLineBytes, compression, maxSyntheticTokens, gates, reviewRequired, formats);
    }

    /** Whether the blended dataset is published as Parquet too. */
    public boolean parquetOutput() {
        return outputFormats.contains("parquet");
    }

    private static List<String> outputFormats(List<String> formats) {
        if (formats == null || formats.isEmpty()) {
            return List.of("jsonl");
        }
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String f : formats) {
            String v = f == null ? "" : f.trim().toLowerCase(java.util.Locale.ROOT);
            if (!OUTPUT_FORMATS.contains(v)) {
                throw new IllegalArgumentException("tailguard.output.format: unknown format '" + f + "' (known: "
                        + OUTPUT_FORMATS + ")");
            }
            out.add(v);
        }
        return List.copyOf(out);
    }
}

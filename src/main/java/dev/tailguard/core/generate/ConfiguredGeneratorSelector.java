package dev.tailguard.core.generate;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link GeneratorSelector} of a full build: {@code ngram} comes from the pipeline's supplier (trained on the run's
 * input); {@code rules} and {@code llm} are built by {@link Generators#create} from a {@link GeneratorSpec} read from
 * the application configuration ({@code tailguard.generate.*}, including {@code tailguard.generate.llm.*}). The
 * generator name and the seed of the run override {@code tailguard.generate.generator} and
 * {@code tailguard.generate.seed}; {@code tailguard.generate.parent-run} is recorded as {@code parent_run}.
 */
public final class ConfiguredGeneratorSelector implements GeneratorSelector {

    private static final String P = "tailguard.generate.";
    private final Function<String, Optional<String>> config;

    /** @param config looks up a configuration property by its full name */
    public ConfiguredGeneratorSelector(Function<String, Optional<String>> config) {
        this.config = config;
    }

    /** A selector over a fixed map of properties (tests, library use). */
    public static ConfiguredGeneratorSelector of(Map<String, String> properties) {
        Map<String, String> copy = Map.copyOf(properties);
        return new ConfiguredGeneratorSelector(k -> Optional.ofNullable(copy.get(k)));
    }

    @Override
    public Generator select(String name, String runId, long seed, Map<String, Object> params, Supplier<Generator> ngram) {
        if (NgramGenerator.NAME.equals(name)) {
            return ngram.get();
        }
        String seedText = Long.toString(seed);
        Function<String, Optional<String>> run = k -> switch (k) {
            case P + "generator" -> Optional.ofNullable(name);
            case P + "seed" -> Optional.of(seedText);
            default -> config.apply(k);
        };
        String parentRun = config.apply(P + "parent-run").filter(s -> !s.isBlank()).orElse(null);
        GeneratorSpec spec = GeneratorSpec.fromConfig(run, runId, parentRun);
        return Generators.create(spec, s -> ngram.get());
    }
}

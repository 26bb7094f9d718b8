package dev.tailguard.core.generate;

import dev.tailguard.core.generate.llm.ChatClientFactory;

import java.util.ArrayList;
import java.util.List;
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
    private final ChatClientFactory chatClients;

    /**
     * @param config      looks up a configuration property by its full name
     * @param chatClients builds the chat client of the {@code llm} generator (the adapter layer's
     *                    {@code dev.tailguard.llm.OpenAiClient::new})
     */
    public ConfiguredGeneratorSelector(Function<String, Optional<String>> config, ChatClientFactory chatClients) {
        this.config = config;
        this.chatClients = chatClients;
    }

    /** A selector over a fixed map of properties (tests, library use). */
    public static ConfiguredGeneratorSelector of(Map<String, String> properties, ChatClientFactory chatClients) {
        Map<String, String> copy = Map.copyOf(properties);
        return new ConfiguredGeneratorSelector(k -> Optional.ofNullable(copy.get(k)), chatClients);
    }

    @Override
    public Generator select(String name, String runId, long seed, Map<String, Object> params, Supplier<Generator> ngram) {
        Generator g = build(name, runId, seed, ngram);
        RefinementPolicy policy = refinementPolicy();
        return policy == null ? g : new RefiningGenerator(g, policy);
    }

    /**
     * The refinement loop's policy from {@code tailguard.generate.refinement.*}, or null when no diversity gate is
     * configured. The gate: {@code min-distinct2} (distinct-2 floor) and/or {@code max-near-duplicate-rate}
     * (ceiling); {@code max-rounds} (default 2) regeneration rounds per batch, each adding {@code temperature-step}
     * (default 0.2, capped at {@code max-temperature}, default 1.5) and {@code top-k-step} (default 0, capped at
     * {@code max-top-k}, default: no cap) and moving to the next of
     * {@code style-mixes} ({@code wrap-easy:1,wrap-qa:1;wrap-hard:1}). Raising temperature and top-k counters the
     * tail loss of low-temperature / small-k sampling (collapse-anchors section 6).
     */
    public RefinementPolicy refinementPolicy() {
        Optional<Double> floor = dbl("refinement.min-distinct2");
        Optional<Double> ceiling = dbl("refinement.max-near-duplicate-rate");
        if (floor.isEmpty() && ceiling.isEmpty()) {
            return null;
        }
        int topKStep = (int) (double) dbl("refinement.top-k-step").orElse(0.0);
        int maxTopK = (int) (double) dbl("refinement.max-top-k").orElse(0.0);
        List<Map<String, Double>> mixes = new ArrayList<>();
        config.apply(P + "refinement.style-mixes").ifPresent(v -> {
            for (String mix : v.split(";")) {
                if (!mix.isBlank()) {
                    mixes.add(GeneratorSpec.styleMix(mix));
                }
            }
        });
        return new RefinementPolicy(floor.orElse(0.0), ceiling.orElse(1.0),
                (int) (double) dbl("refinement.max-rounds").orElse(2.0), dbl("refinement.temperature-step").orElse(0.2),
                dbl("refinement.max-temperature").orElse(1.5), topKStep, maxTopK <= 0 ? Integer.MAX_VALUE : maxTopK, mixes);
    }

    private Optional<Double> dbl(String key) {
        return config.apply(P + key).filter(s -> !s.isBlank()).map(v -> {
            try {
                return Double.parseDouble(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(P + key + ": cannot parse '" + v + "'");
            }
        });
    }

    private Generator build(String name, String runId, long seed, Supplier<Generator> ngram) {
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
        return Generators.create(spec, s -> ngram.get(), chatClients);
    }
}

package dev.tailguard.core.generate;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Chooses a run's generator by name ({@code tailguard.generate.generator}). The generate stage passes a supplier of
 * the {@code ngram} sampler, which it trains on the run's real input only when asked for. Extension point for the
 * {@code rules} and {@code llm} generators: a selector that builds them and delegates {@code ngram} to the supplier.
 */
@FunctionalInterface
public interface GeneratorSelector {

    /**
     * @param name    the configured generator name
     * @param runId   the run id (recorded in provenance)
     * @param seed    the run seed
     * @param params  generator settings from the run configuration (temperature, top_k, max_tokens, order)
     * @param ngram   builds the n-gram sampler trained on the run's real input
     * @throws IllegalArgumentException when the name is unknown or its settings are invalid
     */
    Generator select(String name, String runId, long seed, Map<String, Object> params, Supplier<Generator> ngram);

    /** Only the built-in {@code ngram} generator. */
    GeneratorSelector NGRAM_ONLY = (name, runId, seed, params, ngram) -> {
        if (!NgramGenerator.NAME.equals(name)) {
            throw new IllegalArgumentException("generator '" + name + "' is not available in this build (available: ngram)");
        }
        return ngram.get();
    };
}

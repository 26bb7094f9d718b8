package dev.tailguard.core.sim;

import java.util.List;

/**
 * One strategy and seed: generations 0..N in order. When a generation could not be built (for example
 * {@code verified} accepted no sentence), {@code generations} stops before it and {@code failure} says why.
 *
 * @param strategy    strategy label
 * @param seed        the seed value
 * @param generations measured generations, 0 first
 * @param failure     null, or why the chain stopped early
 * @param finalOutputSentencePerplexity per-sentence perplexity, under the generation-0 model, of the output of the
 *                    last measured generation (for the drift histogram, §7)
 */
public record ChainResult(String strategy, long seed, List<GenerationResult> generations, String failure,
                          double[] finalOutputSentencePerplexity) {

    public ChainResult {
        generations = List.copyOf(generations);
    }
}

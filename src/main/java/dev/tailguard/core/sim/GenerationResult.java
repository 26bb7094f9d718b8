package dev.tailguard.core.sim;

import java.util.List;
import java.util.Map;

/**
 * Everything measured for one strategy, seed and generation. Model metrics describe generation k's model (trained on
 * its training text); output metrics describe a sample of one token budget drawn from that model — the synthetic
 * set generation k hands on (for generation 0: the first synthetic set, identical across strategies for a seed).
 *
 * @param generation         k (0 = trained on the real training split)
 * @param heldoutPerplexity  held-out real text under the model, OOVs included as KenLM {@code query} counts them
 * @param heldoutPerplexityExcludingOovs the same without OOV tokens
 * @param heldoutOovs        held-out tokens outside the model's vocabulary
 * @param vocabSize          word types of the model (its training text), {@code <s>}, {@code </s>}, {@code <unk>} excluded
 * @param countsOfCounts     per order 1..N: n1..n4, the number of n-grams with adjusted count 1..4
 * @param discountFallback   whether any order needed the fallback discounts (a count-of-count was zero)
 * @param trainingTokens     tokens the model was trained on
 * @param distinct1          output distinct-1 (distinct / total unigrams, within sentences)
 * @param distinct2          output distinct-2
 * @param compressionRatio   output raw/gzip byte ratio of the space-joined sentences
 * @param tailCoverage       share of the real training tail n-gram types (count ≤ k) present in the output
 * @param typeRecall         share of the real training n-gram types present in the output
 * @param driftPerplexity    perplexity of the output under the generation-0 model (Shumailov's drift perplexity,
 *                           §7: generated text drifts toward lower values while a tail appears)
 * @param nearDuplicateRate  share of output sentences that are MinHash near-duplicates (FineWeb parameters) of an
 *                           earlier output sentence
 * @param outputTokens       tokens in the output sample
 * @param truncatedSentences output sentences cut at the sampling cap (10 × the longest real training sentence)
 * @param acceptanceRate     for {@code verified}: accepted / offered candidate documents (≥ 50-word groups of
 *                           sampled sentences) when building this generation's training text (NaN for other
 *                           strategies and for generation 0)
 * @param rejections         for {@code verified}: rejected candidate documents per gate reason (empty otherwise)
 * @param budgetMet          false when {@code verified} hit its draw cap before filling the token budget
 */
public record GenerationResult(int generation, double heldoutPerplexity, double heldoutPerplexityExcludingOovs,
                               long heldoutOovs, long vocabSize, List<long[]> countsOfCounts, boolean discountFallback,
                               long trainingTokens, double distinct1, double distinct2, double compressionRatio,
                               double tailCoverage, double typeRecall, double driftPerplexity, double nearDuplicateRate, long outputTokens, long truncatedSentences,
                               double acceptanceRate, Map<String, Long> rejections, boolean budgetMet) {

    /** Scalar metrics by their JSON name, in report order. */
    public static final List<String> SCALARS = List.of("heldout_perplexity", "vocab_size", "tail_coverage",
            "type_recall", "distinct_1", "distinct_2", "compression_ratio", "near_duplicate_rate", "drift_perplexity",
            "heldout_perplexity_excluding_oovs", "heldout_oovs", "training_tokens", "output_tokens",
            "truncated_sentences", "verified_acceptance_rate");

    /** A scalar metric by its JSON name (see {@link #SCALARS}); booleans are 0/1. */
    public double scalar(String name) {
        return switch (name) {
            case "heldout_perplexity" -> heldoutPerplexity;
            case "heldout_perplexity_excluding_oovs" -> heldoutPerplexityExcludingOovs;
            case "heldout_oovs" -> heldoutOovs;
            case "vocab_size" -> vocabSize;
            case "tail_coverage" -> tailCoverage;
            case "type_recall" -> typeRecall;
            case "distinct_1" -> distinct1;
            case "distinct_2" -> distinct2;
            case "compression_ratio" -> compressionRatio;
            case "near_duplicate_rate" -> nearDuplicateRate;
            case "drift_perplexity" -> driftPerplexity;
            case "training_tokens" -> trainingTokens;
            case "output_tokens" -> outputTokens;
            case "truncated_sentences" -> truncatedSentences;
            case "verified_acceptance_rate" -> acceptanceRate;
            case "discount_fallback" -> discountFallback ? 1 : 0;
            default -> throw new IllegalArgumentException("unknown metric " + name);
        };
    }

    /** n1..n4 of the given order (1-based). */
    public long[] countsOfCounts(int order) {
        return countsOfCounts.get(order - 1).clone();
    }
}

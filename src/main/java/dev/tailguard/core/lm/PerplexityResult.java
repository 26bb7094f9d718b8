package dev.tailguard.core.lm;

/**
 * Held-out evaluation as KenLM's {@code query -v summary} reports it.
 *
 * @param perplexityIncludingOovs 10^(-log10Sum / tokens)
 * @param perplexityExcludingOovs same, leaving out OOV tokens and their probabilities
 * @param oovs number of out-of-vocabulary tokens (scored as {@code <unk>})
 * @param tokens number of scored tokens, including one {@code </s>} per sentence
 * @param log10Sum total log10 probability including OOVs
 */
public record PerplexityResult(double perplexityIncludingOovs, double perplexityExcludingOovs, long oovs, long tokens,
                               double log10Sum) {
}

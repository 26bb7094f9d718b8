package dev.tailguard.core.lm;

/**
 * Per-order statistics of a trained model, as {@code lmplz} reports them.
 *
 * @param order n-gram order (1-based)
 * @param ngrams number of n-grams of this order (unigrams include {@code <unk>}, {@code <s>}, {@code </s>})
 * @param d1 discount for adjusted count 1
 * @param d2 discount for adjusted count 2
 * @param d3plus discount for adjusted counts 3 and more
 * @param discountFallback true when a count-of-count was zero (or a discount out of range) and KenLM's
 *     {@code --discount_fallback} values 0.5, 1, 1.5 were used
 * @param countsOfCounts n1..n4: number of n-grams of this order with adjusted count 1..4
 */
public record OrderStats(int order, long ngrams, double d1, double d2, double d3plus, boolean discountFallback,
                         long[] countsOfCounts) {
}

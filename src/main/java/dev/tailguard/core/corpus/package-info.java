/**
 * Synthetic-versus-real statistics: tail coverage, type recall, verbatim memorisation, unigram KL, metadata drift,
 * reverse perplexity ({@link dev.tailguard.core.corpus.SyntheticComparison}, {@link
 * dev.tailguard.core.corpus.ReversePerplexity}).
 */
package dev.tailguard.core.corpus;

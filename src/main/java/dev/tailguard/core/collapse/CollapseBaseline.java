package dev.tailguard.core.collapse;

/**
 * Generation-0 values of the signals that need the real input itself (the rest are recomputed from
 * {@link Anchor#realCounts()}).
 *
 * @param docLog10      per anchor document: total log10 probability under the KN model of the real input
 * @param docTokens     per anchor document: scored tokens (words plus one {@code </s>} per sentence)
 * @param c2st          classifier test of anchor windows against real-input windows; null when too few windows
 * @param embedding     embedding precision/recall of real-input windows against the anchor; null without a model
 */
public record CollapseBaseline(double[] docLog10, long[] docTokens, C2st.Result c2st, Manifold.Result embedding) {
}

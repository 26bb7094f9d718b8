package dev.tailguard.core.collapse;

/**
 * Generation-0 values of the signals that need the real input itself (the rest are recomputed from
 * {@link Anchor#realCounts()}).
 *
 * @param docLog10      per anchor document: total log10 probability under the KN model of the real input
 * @param docTokens     per anchor document: scored tokens (words plus one {@code </s>} per sentence)
 * @param c2st          classifier test of anchor windows against real-input windows; null when too few windows
 * @param embedding     embedding precision/recall of real-input windows against the anchor; null without a model
 * @param lmTrainingTokens tokens the baseline LM was trained on (its {@link LmSample}); 0 in anchors frozen before
 *                      the cap, whose LM saw the whole real input ({@link Anchor#realTokens()})
 */
public record CollapseBaseline(double[] docLog10, long[] docTokens, C2st.Result c2st, Manifold.Result embedding,
                               long lmTrainingTokens) {

    /** A baseline whose LM was trained on the whole real input (no cap). */
    public CollapseBaseline(double[] docLog10, long[] docTokens, C2st.Result c2st, Manifold.Result embedding) {
        this(docLog10, docTokens, c2st, embedding, 0L);
    }

    /** Tokens the baseline LM was trained on, given the real input's size (for anchors without the field). */
    long lmTrainingTokens(long realTokens) {
        return lmTrainingTokens > 0 ? lmTrainingTokens : realTokens;
    }
}

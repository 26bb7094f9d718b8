package dev.tailguard.core.collapse;

/**
 * Settings of the collapse signals. They are frozen into the anchor, so every generation is measured exactly like
 * its generation-0 baseline.
 *
 * @param order        n-gram order of the Kneser–Ney LM behind anchor perplexity ({@code tailguard.collapse.order})
 * @param tailMaxCount a type of the anchor is a tail type when its anchor count is ≤ this
 *                     ({@code tailguard.collapse.tail-max-count})
 * @param windowTokens tokens per window for the classifier test and the embedding sample
 *                     ({@code tailguard.collapse.window-tokens})
 * @param maxWindows   windows per side in the classifier test ({@code tailguard.collapse.c2st.max-windows})
 * @param folds        cross-validation folds of the classifier test ({@code tailguard.collapse.c2st.folds})
 * @param permutations label permutations for the classifier test's null ({@code tailguard.collapse.c2st.permutations})
 * @param maxChunks    embedded windows per side ({@code tailguard.collapse.embedding.max-chunks})
 * @param k            neighbours of the k-NN manifolds ({@code tailguard.collapse.embedding.k}; Kynkäänniemi et al.
 *                     2019 use 3)
 * @param bootstrap    bootstrap replicates ({@code tailguard.collapse.bootstrap})
 * @param seed         seed of every resampling ({@code tailguard.collapse.seed})
 * @param lmMaxTokens  training-token cap of the perplexity LM, applied alike to the generation-0 baseline (real
 *                     input) and to the measured blended output ({@link LmSample}: documents with the smallest id
 *                     hash up to this many tokens), so its memory is bounded whatever the corpus size
 *                     ({@code tailguard.collapse.lm-max-tokens}); 0 = no cap (anchors frozen before the cap)
 */
public record CollapseConfig(int order, int tailMaxCount, int windowTokens, int maxWindows, int folds,
                             int permutations, int maxChunks, int k, int bootstrap, long seed, long lmMaxTokens) {

    /**
     * Default {@link #lmMaxTokens()}: 2,000,000 tokens, the same budget as the score stage's reference LM
     * ({@code tailguard.reference.max-training-tokens}); an order-3 model of that size fits a 512 MB worker.
     */
    public static final long DEFAULT_LM_MAX_TOKENS = 2_000_000L;

    /** Settings with the default LM training cap ({@link #DEFAULT_LM_MAX_TOKENS}). */
    public CollapseConfig(int order, int tailMaxCount, int windowTokens, int maxWindows, int folds,
                          int permutations, int maxChunks, int k, int bootstrap, long seed) {
        this(order, tailMaxCount, windowTokens, maxWindows, folds, permutations, maxChunks, k, bootstrap, seed,
                DEFAULT_LM_MAX_TOKENS);
    }

    public CollapseConfig {
        require(order >= 2 && order <= 6, "order must be in 2..6, got " + order);
        require(tailMaxCount >= 1, "tail-max-count must be >= 1, got " + tailMaxCount);
        require(windowTokens >= 8, "window-tokens must be >= 8, got " + windowTokens);
        require(maxWindows >= 20, "c2st.max-windows must be >= 20, got " + maxWindows);
        require(folds >= 2 && folds <= 20, "c2st.folds must be in 2..20, got " + folds);
        require(permutations >= 0, "c2st.permutations must be >= 0, got " + permutations);
        require(maxChunks >= 8, "embedding.max-chunks must be >= 8, got " + maxChunks);
        require(k >= 1, "embedding.k must be >= 1, got " + k);
        require(bootstrap >= 100, "bootstrap must be >= 100, got " + bootstrap);
        require(lmMaxTokens == 0 || lmMaxTokens >= 1000, "lm-max-tokens must be 0 (no cap) or >= 1000, got "
                + lmMaxTokens);
    }

    /**
     * Defaults: order 3, tail ≤ 2, 64-token windows, 512 windows, 5 folds, 50 permutations, 256 chunks, k = 3, LM cap
     * {@link #DEFAULT_LM_MAX_TOKENS}.
     */
    public static CollapseConfig defaults() {
        return new CollapseConfig(3, 2, 64, 512, 5, 50, 256, 3, 1000, 1L);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("tailguard.collapse." + message);
        }
    }
}

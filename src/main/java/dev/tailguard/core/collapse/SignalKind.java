package dev.tailguard.core.collapse;

/** The measured collapse signals and the direction in which each one is bad. */
public enum SignalKind {
    /** Perplexity of the anchor under a Kneser–Ney LM trained on the blended output; a rise is bad (both sides). */
    ANCHOR_PERPLEXITY(true),
    /** Rarefied recall of the anchor's vocabulary in the blended output; a fall is bad (homogenisation). */
    VOCABULARY_RECALL(false),
    /** Rarefied recall of the anchor's tail types in the blended output; a fall is bad (homogenisation). */
    TAIL_RECALL(false),
    /** Cross-validated AUC separating synthetic from anchor windows; a rise is bad (off-distribution). */
    C2ST_AUC(true),
    /** Share of synthetic embeddings inside the anchor's k-NN manifold; a fall is bad (off-distribution). */
    EMBEDDING_PRECISION(false),
    /** Share of anchor embeddings inside the synthetic k-NN manifold; a fall is bad (lost diversity). */
    EMBEDDING_RECALL(false);

    private final boolean higherIsWorse;

    SignalKind(boolean higherIsWorse) {
        this.higherIsWorse = higherIsWorse;
    }

    /** Whether larger values mean more collapse risk. */
    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    /** Lower-case name used in JSON ({@code anchor_perplexity}, ...). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

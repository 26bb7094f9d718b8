package dev.tailguard.core.collapse;

import java.util.List;

/**
 * Port to a sentence-embedding model (the adapter {@code dev.tailguard.embed.MiniLmEmbedder} wraps
 * all-MiniLM-L6-v2). Implementations are deterministic: the same text gives the same vector.
 */
public interface Embedder {

    /** Model name stored with every embedding sample, so samples of different models are never compared. */
    String model();

    /** Embeds each text; returns one L2-normalised vector per text, in order. */
    List<float[]> embed(List<String> texts);
}

package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.LongCountMap;
import dev.tailguard.core.collections.NgramHash;
import java.util.List;

/**
 * Moving-average type-token ratio (Covington &amp; McFall): the mean, over every window of {@code window}
 * consecutive tokens, of distinct tokens / window. TTR is only comparable at a fixed token count (collapse-anchors
 * §7); MATTR fixes it at the window size. A document shorter than the window gets its plain TTR; an empty one 0.
 */
public final class Mattr {

    /** Default window (tokens). */
    public static final int DEFAULT_WINDOW = 50;

    private Mattr() {
    }

    /** MATTR of the tokens with the given window. */
    public static double of(List<String> tokens, int window) {
        return ofHashes(NgramHash.tokens(tokens), window);
    }

    /** MATTR over precomputed token hashes. */
    public static double ofHashes(long[] th, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1: " + window);
        }
        if (th.length == 0) {
            return 0.0;
        }
        int w = Math.min(window, th.length);
        LongCountMap counts = new LongCountMap(w);
        int types = 0;
        for (int i = 0; i < w; i++) {
            if (counts.add(th[i], 1) == 1) {
                types++;
            }
        }
        double sum = types;
        for (int i = w; i < th.length; i++) {
            if (counts.add(th[i - w], -1) == 0) {
                types--;
            }
            if (counts.add(th[i], 1) == 1) {
                types++;
            }
            sum += types;
        }
        return sum / (th.length - w + 1) / w;
    }
}

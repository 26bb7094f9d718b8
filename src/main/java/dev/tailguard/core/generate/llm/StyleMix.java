package dev.tailguard.core.generate.llm;

import dev.tailguard.core.generate.SyntheticRecord;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Weighted choice of a prompt id per chunk, a pure function of (seed, seed id, chunk index). */
public final class StyleMix {

    private final TreeMap<String, Double> weights;
    private final double total;
    private final long seed;

    public StyleMix(Map<String, Double> weights, long seed) {
        this.weights = new TreeMap<>(weights);
        this.weights.values().removeIf(w -> w <= 0);
        this.total = this.weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("style mix has no positive weight: " + weights);
        }
        this.seed = seed;
    }

    public String pick(String seedId, int chunk) {
        long h = SyntheticRecord.stableHash(seedId + "\u0000" + chunk) ^ (seed * 0x9E3779B97F4A7C15L);
        double r = new SplittableRandom(h).nextDouble() * total;
        String last = null;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            last = e.getKey();
            r -= e.getValue();
            if (r < 0) {
                return last;
            }
        }
        return last;
    }

    /** Prompt ids with positive weight, sorted. */
    public java.util.Set<String> ids() {
        return weights.keySet();
    }
}

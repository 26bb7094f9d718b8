package dev.tailguard.core.pipeline;

import java.util.Arrays;
import java.util.List;

/**
 * How many documents of each kind a blend uses. With r = min(synthetic ratio, 1 - min-real-fraction):
 * <ul>
 *   <li>{@code accumulate}: all R passing real documents plus up to floor(r/(1-r)·R) synthetic ones;</li>
 *   <li>{@code verified-accumulate}: the same, but only synthetic documents whose reference perplexity is at most
 *       the batch median (the better half, Feng et al., collapse-anchors §5);</li>
 *   <li>{@code replace}: synthetic documents take the place of up to floor(r·R) real ones (their seeds first).</li>
 * </ul>
 * In every case the real share real_blended / blended is at least min-real-fraction (checked exactly).
 *
 * @param realBlended      real documents used
 * @param realUnused       passing real documents left out (replace)
 * @param decisions        per synthetic candidate, in order: {@link #BLEND}, {@link #UNVERIFIED}, {@link #OVER_CAP}, {@link #GATE}
 * @param syntheticBlended synthetic documents used
 * @param verifyThreshold  the perplexity threshold of verified-accumulate (NaN otherwise)
 */
public record BlendPlan(long realBlended, long realUnused, int[] decisions, long syntheticBlended, double verifyThreshold) {

    public static final int BLEND = 0;
    public static final int UNVERIFIED = 1;
    public static final int OVER_CAP = 2;
    public static final int GATE = 3;

    /** Plans a blend of {@code real} passing real documents and synthetic candidates with their perplexities. */
    public static BlendPlan plan(RunConfig cfg, long real, List<Double> candidatePerplexity) {
        int n = candidatePerplexity.size();
        int[] dec = new int[n];
        double threshold = Double.NaN;
        boolean verified = "verified-accumulate".equals(cfg.blendStrategy());
        if (verified && n > 0) {
            threshold = Numbers.median(candidatePerplexity.stream().mapToDouble(Double::doubleValue).toArray());
            for (int i = 0; i < n; i++) {
                if (candidatePerplexity.get(i) > threshold) {
                    dec[i] = UNVERIFIED;
                }
            }
        }
        long eligible = Arrays.stream(dec).filter(d -> d == BLEND).count();
        double r = Math.min(cfg.syntheticRatio(), 1 - cfg.minRealFraction());
        boolean replace = "replace".equals(cfg.blendStrategy());
        long cap = (long) Math.floor((replace ? r * real : r / (1 - r) * real) + 1e-9);
        long s = Math.min(eligible, cap);
        while (s > 0 && realShare(replace ? real - s : real, s) < cfg.minRealFraction()) {
            s--;
        }
        long used = 0;
        for (int i = 0; i < n; i++) {
            if (dec[i] == BLEND) {
                if (used < s) {
                    used++;
                } else {
                    dec[i] = OVER_CAP;
                }
            }
        }
        long realBlended = replace ? real - s : real;
        return new BlendPlan(realBlended, real - realBlended, dec, s, threshold);
    }

    /** A blend of the real documents only, every candidate quarantined by a gate. */
    public static BlendPlan noSynthetic(long real, int candidates) {
        int[] dec = new int[candidates];
        Arrays.fill(dec, GATE);
        return new BlendPlan(real, 0, dec, 0, Double.NaN);
    }

    private static double realShare(long real, long synthetic) {
        return real + synthetic == 0 ? 1 : (double) real / (real + synthetic);
    }

    /** synthetic_blended / blended, rounded to 6 decimals. */
    public double syntheticRatio() {
        long total = realBlended + syntheticBlended;
        return total == 0 ? 0 : Numbers.round((double) syntheticBlended / total);
    }
}

package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How many documents of each kind a blend uses, counting by <em>origin</em>: an input document of synthetic origin
 * ({@link #isSyntheticOrigin}: metadata {@code kind=synthetic} or {@code generation > 0}, i.e. an earlier run's
 * blended output) counts as synthetic for the ratio and the real-data floor, across any number of generations.
 *
 * <p>With R real-origin and S0 synthetic-origin passing input documents, f = min-real-fraction and
 * r = min(synthetic ratio, 1 − f):
 * <ul>
 *   <li>the floor caps all synthetic-origin documents of the blend at floor(R·(1−f)/f); synthetic-origin input
 *       beyond it is dropped ({@link #syntheticInputUnused}) so an input that already breaks the floor is repaired;</li>
 *   <li>{@code accumulate}: all R real-origin documents and the kept synthetic-origin input, plus at most one
 *       generation's budget b = floor(r/(1−r)·R) of new synthetic documents, computed from the <em>real-origin</em>
 *       count (Gerstgrasser et al. 2024, collapse-anchors §2: each generation adds one budget to the accumulated
 *       data). The blend grows at most linearly and never beyond R/f documents (the old rule took r/(1−r) of all
 *       input, real share 0.7^k);</li>
 *   <li>{@code verified-accumulate}: the same count, but when more candidates pass than fit, the kept ones are
 *       spread evenly over the candidates' perplexity ranks (the same share from every perplexity quantile
 *       stratum), not the lower-perplexity half: a median cut favours the head of the distribution and, in
 *       {@code simulate}, lost the tail faster than replace (Feng et al. verification, collapse-anchors §5; the
 *       stratified selection of {@code core.sim.Verifier.Stratified});</li>
 *   <li>{@code replace}: up to floor(r·(R+S0)) new synthetic documents take the place of input documents,
 *       synthetic-origin ones first (the previous generation's synthetic text is what replace turns over), then
 *       real-origin ones while the floor holds.</li>
 * </ul>
 * In every case real-origin / blended ≥ min-real-fraction (checked exactly).
 *
 * @param realBlended           real-origin input documents used
 * @param realUnused            real-origin passing input documents left out (replace)
 * @param syntheticInputBlended synthetic-origin input documents used
 * @param syntheticInputUnused  synthetic-origin passing input documents left out (floor repair or replace)
 * @param decisions             per synthetic candidate, in order: {@link #BLEND}, {@link #UNVERIFIED},
 *                              {@link #OVER_CAP}, {@link #GATE}
 * @param syntheticBlended      new synthetic documents used
 * @param budget                one generation's budget of new synthetic documents (the cap before the floor)
 */
public record BlendPlan(long realBlended, long realUnused, long syntheticInputBlended, long syntheticInputUnused,
                        int[] decisions, long syntheticBlended, long budget) {

    public static final int BLEND = 0;
    public static final int UNVERIFIED = 1;
    public static final int OVER_CAP = 2;
    public static final int GATE = 3;

    /** Whether an input document is of synthetic origin: {@code kind=synthetic} or {@code generation > 0}. */
    public static boolean isSyntheticOrigin(Document d) {
        return "synthetic".equals(d.meta(Provenance.KIND)) || d.generation() > 0;
    }

    /** Plans a blend of {@code real} passing input documents, all of real origin (a first-generation run). */
    public static BlendPlan plan(RunConfig cfg, long real, List<Double> candidatePerplexity) {
        return plan(cfg, real, 0, candidatePerplexity);
    }

    /**
     * Plans a blend.
     *
     * @param cfg                 strategy, ratio and floor
     * @param realOrigin          passing input documents of real origin (R)
     * @param syntheticOrigin     passing input documents of synthetic origin (S0)
     * @param candidatePerplexity new synthetic candidates' reference perplexities, in candidate order
     */
    public static BlendPlan plan(RunConfig cfg, long realOrigin, long syntheticOrigin, List<Double> candidatePerplexity) {
        int n = candidatePerplexity.size();
        double f = cfg.minRealFraction();
        double r = Math.min(cfg.syntheticRatio(), 1 - f);
        long floorCap = f <= 0 ? Long.MAX_VALUE : (long) Math.floor(realOrigin * (1 - f) / f + 1e-9);
        long s0 = Math.min(syntheticOrigin, floorCap);
        boolean replace = "replace".equals(cfg.blendStrategy());
        long budget = (long) Math.floor((replace ? r * (realOrigin + syntheticOrigin) : r / (1 - r) * realOrigin) + 1e-9);
        long s = Math.min(n, budget);
        long realUsed = realOrigin;
        long synInUsed = s0;
        if (replace) {
            for (; s > 0; s--) {
                long fromSyn = Math.min(s0, s);
                realUsed = realOrigin - (s - fromSyn);
                synInUsed = s0 - fromSyn;
                if (realUsed >= 0 && realShare(realUsed, synInUsed + s) >= f) {
                    break;
                }
            }
            if (s == 0) {
                realUsed = realOrigin;
                synInUsed = s0;
            }
        } else {
            s = Math.min(s, Math.max(0, floorCap - s0));
            while (s > 0 && realShare(realUsed, synInUsed + s) < f) {
                s--;
            }
        }
        int[] dec = new int[n];
        Arrays.fill(dec, OVER_CAP);
        for (int i : chosen(cfg, candidatePerplexity, (int) s)) {
            dec[i] = BLEND;
        }
        if ("verified-accumulate".equals(cfg.blendStrategy())) {
            for (int i = 0; i < n; i++) {
                dec[i] = dec[i] == BLEND ? BLEND : UNVERIFIED;
            }
        }
        return new BlendPlan(realUsed, realOrigin - realUsed, synInUsed, syntheticOrigin - synInUsed, dec, s, budget);
    }

    /** Indices of the s candidates to blend: the first s, or (verified-accumulate) s spread evenly over perplexity ranks. */
    static int[] chosen(RunConfig cfg, List<Double> perplexity, int s) {
        int n = perplexity.size();
        if (s >= n || !"verified-accumulate".equals(cfg.blendStrategy())) {
            return IntStream.range(0, Math.min(s, n)).toArray();
        }
        Integer[] byPpl = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byPpl, Comparator.comparingDouble((Integer i) -> perplexity.get(i)).thenComparingInt(i -> i));
        int[] out = new int[s];
        for (int k = 0; k < s; k++) {
            out[k] = byPpl[(int) Math.floor((k + 0.5) * n / s)];
        }
        return out;
    }

    /** A blend with every candidate quarantined by a gate (the floor still applies to the input). */
    public static BlendPlan noSynthetic(RunConfig cfg, long realOrigin, long syntheticOrigin, int candidates) {
        BlendPlan p = plan(cfg, realOrigin, syntheticOrigin, List.of());
        int[] dec = new int[candidates];
        Arrays.fill(dec, GATE);
        return new BlendPlan(p.realBlended, p.realUnused, p.syntheticInputBlended, p.syntheticInputUnused, dec, 0, p.budget);
    }

    private static double realShare(long real, long synthetic) {
        return real + synthetic == 0 ? 1 : (double) real / (real + synthetic);
    }

    /** Synthetic-origin share of the blend: (synthetic-origin input + new synthetic) / blended, rounded to 6 decimals. */
    public double syntheticRatio() {
        long total = realBlended + syntheticInputBlended + syntheticBlended;
        return total == 0 ? 0 : Numbers.round((double) (syntheticInputBlended + syntheticBlended) / total);
    }
}

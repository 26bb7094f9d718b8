package dev.tailguard.core.gate;

import dev.tailguard.core.stats.BinomialBounds;
import dev.tailguard.core.stats.Homogeneity;
import dev.tailguard.core.stats.Interval;
import dev.tailguard.core.stats.Jackknife;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the configured gates of a stage against the metrics the stage measured.
 *
 * <p>A gate whose metric comes with {@link Evidence} decides on the sample, not on the point estimate, so its
 * false-positive rate is bounded at every batch size:
 * <ul>
 *   <li>{@link Evidence.Proportion} (PII, duplicate, near-duplicate and pass rates): exact Clopper-Pearson 95%
 *       interval; {@code max} fails only when the lower bound exceeds it and {@code min} only when the upper bound is
 *       below it (false-positive rate ≤ 2.5% when the true rate sits exactly at the bound);</li>
 *   <li>{@link Evidence.Drift} (metadata-field shares): a permutation test of homogeneity on the total-variation
 *       distance per field, {@value Homogeneity#DEFAULT_PERMUTATIONS} permutations with a fixed seed; {@code max}
 *       fails only when the field's p-value ≤ {@link #ALPHA} (Bonferroni-divided over the fields of the aggregate
 *       {@code drift_tv}) <em>and</em> its TV excess over the null (TV minus the median TV of the permutations, the
 *       part not explained by sample size) exceeds the max: a difference both real and material;</li>
 *   <li>{@link Evidence.Jackknife} (batch distinct-2, 13-gram memorisation share, tail coverage): the
 *       delete-one-document jackknife t interval (95%); {@code max} fails only when its lower bound exceeds the max,
 *       {@code min} only when its upper bound is below the min ({@link #JACKKNIFE}); a {@code min} with a
 *       {@link Evidence.Jackknife#minCap()} (tail coverage) is lowered to the cap, and the result's threshold says
 *       which bound was applied;</li>
 *   <li>no evidence: the value against the bound ({@link #POINT}).</li>
 * </ul>
 */
public final class Gate {

    /**
     * Metrics each stage measures and can gate on. {@code score.memorised_span} is per document (the longest
     * verbatim span shared with the real input, {@link MemorisedSpanGate}): a document beyond its max is quarantined
     * on its own with reason {@code memorised_span}, never the batch.
     */
    public static final Map<String, Set<String>> METRICS = Map.of(
            "generate", Set.of("distinct_2", "duplicate_rate", "near_duplicate_rate"),
            "score", Set.of("synthetic_pass_rate", "real_pass_rate", "perplexity_ratio", "pii_rate",
                    "memorised_13gram_share", "memorised_span"),
            "blend", Set.of("synthetic_ratio", "real_fraction", "tail_coverage", "drift_tv"),
            "report", Set.of("distinct_2_ratio", "compression_ratio_delta", "collapse_risk_level"));

    /** Prefix of per-field drift metrics ({@code drift_tv_<metadata field>}, blend stage). */
    public static final String DRIFT_PREFIX = "drift_tv_";

    /** Significance level of every test-based gate. */
    public static final double ALPHA = 0.05;

    /** Confidence of every interval-based gate. */
    public static final double CONFIDENCE = 0.95;

    /** {@code test} of a gate decided on the value itself. */
    public static final String POINT = "point";

    /** {@code test} of a rate gate. */
    public static final String CLOPPER_PEARSON = "clopper-pearson-95";

    /** {@code test} of a batch statistic decided on its document-level jackknife interval. */
    public static final String JACKKNIFE = "jackknife-t-95";

    /** {@code test} of a drift gate. */
    public static final String PERMUTATION_TV = "permutation-tv";

    private Gate() {
    }

    /** Throws when a spec names an unknown stage or metric. */
    public static void validate(List<GateSpec> specs) {
        for (GateSpec s : specs) {
            Set<String> known = METRICS.get(s.stage());
            if (known == null) {
                throw new IllegalArgumentException("unknown gate stage '" + s.stage() + "' (known: " + METRICS.keySet() + ")");
            }
            if (!known.contains(s.metric()) && !("blend".equals(s.stage()) && s.metric().startsWith(DRIFT_PREFIX)
                    && s.metric().length() > DRIFT_PREFIX.length())) {
                throw new IllegalArgumentException("unknown gate metric '" + s.stage() + "." + s.metric() + "' (known: " + known + ")");
            }
            if ("score".equals(s.stage()) && "memorised_span".equals(s.metric())
                    && (s.min() != null || s.max() == null || s.max() < 13 || s.max() != Math.floor(s.max()))) {
                throw new IllegalArgumentException("gate score.memorised-span is per document and takes only a whole "
                        + "max >= 13 tokens (spans are found from 13-grams), got min=" + s.min() + " max=" + s.max());
            }
        }
    }

    /** Evaluates every spec of the stage on point values only (no sample evidence). */
    public static List<GateResult> evaluate(String stage, Map<String, Double> values, List<GateSpec> specs) {
        return evaluate(stage, values, Map.of(), specs);
    }

    /**
     * Evaluates every spec of the stage; a metric absent from {@code values} (not measurable, e.g. no synthetic) is
     * skipped. A metric with an entry in {@code evidence} is decided on it (see the class comment).
     */
    public static List<GateResult> evaluate(String stage, Map<String, Double> values, Map<String, Evidence> evidence,
                                            List<GateSpec> specs) {
        List<GateResult> out = new ArrayList<>();
        for (GateSpec s : specs) {
            if (!s.stage().equals(stage) || !values.containsKey(s.metric())) {
                continue;
            }
            double v = values.get(s.metric());
            Evidence e = evidence.get(s.metric());
            if (s.min() != null) {
                out.add(decide(stage, s.metric() + ".min", v, s.min(), true, s.onFail(), e));
            }
            if (s.max() != null) {
                out.add(decide(stage, s.metric() + ".max", v, s.max(), false, s.onFail(), e));
            }
        }
        return out;
    }

    /** One bound's decision. */
    static GateResult decide(String stage, String name, double v, double bound, boolean isMin, String onFail, Evidence e) {
        if (e instanceof Evidence.Proportion p) {
            Interval ci = BinomialBounds.clopperPearson(p.k(), p.n(), CONFIDENCE);
            boolean pass = isMin ? ci.hi() >= bound : ci.lo() <= bound;
            return new GateResult(stage, name, v, bound, pass, onFail, ci, p.n(), CLOPPER_PEARSON, null);
        }
        if (e instanceof Evidence.Jackknife j) {
            Interval ci = Jackknife.interval(v, j.leaveOneOut(), CONFIDENCE);
            if (isMin && j.minCap() != null && j.minCap() < bound) {
                bound = j.minCap();
            }
            boolean pass = isMin ? ci.hi() >= bound : ci.lo() <= bound;
            return new GateResult(stage, name, v, bound, pass, onFail, ci, (long) j.leaveOneOut().length, JACKKNIFE,
                    null);
        }
        if (e instanceof Evidence.Drift d && !isMin && !d.fields().isEmpty()) {
            return drift(stage, name, v, bound, onFail, d);
        }
        boolean pass = isMin ? v >= bound : v <= bound;
        return new GateResult(stage, name, v, bound, pass, onFail);
    }

    private static GateResult drift(String stage, String name, double v, double bound, String onFail, Evidence.Drift d) {
        int f = d.fields().size();
        double minAdjusted = 1;
        boolean fail = false;
        long n = 0;
        for (Evidence.FieldSamples fs : d.fields()) {
            Homogeneity.Result r = Homogeneity.test(fs.real(), fs.synthetic(), Homogeneity.DEFAULT_PERMUTATIONS,
                    fs.field().hashCode());
            double adjusted = Math.min(1, r.pValue() * f);
            minAdjusted = Math.min(minAdjusted, adjusted);
            n = Math.max(n, r.nB());
            if (adjusted <= ALPHA && r.tv() - r.nullTvMedian() > bound) {
                fail = true;
            }
        }
        return new GateResult(stage, name, v, bound, !fail, onFail, null, n, PERMUTATION_TV, minAdjusted);
    }

    /** The failed results with the given policy. */
    public static List<GateResult> failed(List<GateResult> results, String onFail) {
        return results.stream().filter(r -> !r.passed() && r.onFail().equals(onFail)).toList();
    }
}

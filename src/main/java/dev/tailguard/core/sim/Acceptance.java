package dev.tailguard.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The acceptance statements of issue 5 point 3, checked on the seed means (and, for information, on each seed):
 * <ul>
 *   <li>{@code replace}: held-out perplexity rises at every generation and ends ≥ 10% above generation 0;
 *       {@code vocab_size} and {@code tail_coverage} fall at every generation (§1, §10);</li>
 *   <li>{@code accumulate}: its perplexity rise from generation 0 to N is at most half of {@code replace}'s (§2);</li>
 *   <li>{@code blend:r}: from generation 1 on, perplexity stays within 5% of its generation-1 value (§11);</li>
 *   <li>{@code verified}: measured and described against {@code replace}; no outcome is required (§5, §11).</li>
 * </ul>
 * Statements whose strategies were not simulated are omitted.
 */
public final class Acceptance {

    /**
     * One statement.
     *
     * @param id        stable identifier
     * @param statement what is expected
     * @param held      true / false on the seed means; null when no outcome is required
     * @param measured  the numbers behind the verdict
     * @param seedsHeld how many seeds satisfy the statement on their own (−1 when not applicable)
     * @param seeds     number of seeds
     */
    public record Check(String id, String statement, Boolean held, String measured, int seedsHeld, int seeds) {

        /** "held", "did not hold" or "measured (no outcome required)". */
        public String verdict() {
            return held == null ? "measured (no outcome required)" : held ? "held" : "did not hold";
        }
    }

    /** Tolerance of the blend statement (issue 5 point 3). */
    public static final double BLEND_BAND = 0.05;
    /** Minimum final rise of replace (issue 5 point 3). */
    public static final double REPLACE_MIN_RISE = 0.10;
    /** Accumulate's rise may be at most this share of replace's (issue 5 point 3). */
    public static final double ACCUMULATE_MAX_SHARE = 0.5;

    private Acceptance() {
    }

    private interface Series {
        double[] of(String strategy, String metric);
    }

    /** Evaluates every applicable statement. */
    public static List<Check> evaluate(SimulationResult r) {
        List<String> labels = r.config().strategies().stream().map(Strategy::label).toList();
        int seeds = r.config().seeds();
        List<Series> perSeed = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            int seed = i;
            perSeed.add((st, m) -> {
                double[] v = new double[r.config().generations() + 1];
                List<GenerationResult> g = r.chains(st).get(seed).generations();
                for (int k = 0; k < v.length; k++) {
                    v[k] = k < g.size() ? g.get(k).scalar(m) : Double.NaN;
                }
                return v;
            });
        }
        Series mean = r::meanSeries;
        List<Check> out = new ArrayList<>();
        if (labels.contains("replace")) {
            out.add(check("replace_perplexity_rises", "replace: held-out perplexity rises at every generation",
                    mean, perSeed, s -> strictly(s.of("replace", "heldout_perplexity"), true),
                    s -> seq(s.of("replace", "heldout_perplexity"), 1)));
            out.add(check("replace_perplexity_ends_10pct_up",
                    "replace: held-out perplexity ends at least 10% above generation 0", mean, perSeed,
                    s -> rise(s.of("replace", "heldout_perplexity")) >= REPLACE_MIN_RISE,
                    s -> pct(rise(s.of("replace", "heldout_perplexity"))) + " (gen 0 "
                            + f(s.of("replace", "heldout_perplexity")[0], 1) + " -> gen N "
                            + f(last(s.of("replace", "heldout_perplexity")), 1) + ")"));
            out.add(check("replace_vocab_falls", "replace: vocab_size falls at every generation", mean, perSeed,
                    s -> strictly(s.of("replace", "vocab_size"), false), s -> seq(s.of("replace", "vocab_size"), 0)));
            out.add(check("replace_tail_coverage_falls", "replace: tail_coverage falls at every generation", mean,
                    perSeed, s -> strictly(s.of("replace", "tail_coverage"), false),
                    s -> seq(s.of("replace", "tail_coverage"), 3)));
        }
        if (labels.contains("replace") && labels.contains("accumulate")) {
            out.add(check("accumulate_rise_at_most_half_of_replace",
                    "accumulate: its perplexity rise from generation 0 to N is at most half of replace's", mean,
                    perSeed, s -> absRise(s.of("accumulate", "heldout_perplexity"))
                            <= ACCUMULATE_MAX_SHARE * absRise(s.of("replace", "heldout_perplexity")),
                    s -> "accumulate +" + f(absRise(s.of("accumulate", "heldout_perplexity")), 1) + " vs replace +"
                            + f(absRise(s.of("replace", "heldout_perplexity")), 1) + " (ratio "
                            + f(absRise(s.of("accumulate", "heldout_perplexity"))
                                    / absRise(s.of("replace", "heldout_perplexity")), 2) + ")"));
        }
        for (String l : labels) {
            if (l.startsWith("blend:") && r.config().generations() >= 2) {
                out.add(check(l + "_bounded", l + ": from generation 1 on, held-out perplexity stays within 5% of "
                        + "its generation-1 value", mean, perSeed,
                        s -> maxDeviationFromGen1(s.of(l, "heldout_perplexity")) <= BLEND_BAND,
                        s -> "max deviation " + pct(maxDeviationFromGen1(s.of(l, "heldout_perplexity")))
                                + ", trend " + pct(trendFromGen1(s.of(l, "heldout_perplexity")))
                                + " of gen 1 per generation; " + seq(s.of(l, "heldout_perplexity"), 1)));
            }
        }
        if (labels.contains("verified")) {
            double[] vp = mean.of("verified", "heldout_perplexity");
            StringBuilder m = new StringBuilder("perplexity " + seq(vp, 1) + " (" + pct(rise(vp)) + ")");
            m.append("; vocab_size ").append(f(mean.of("verified", "vocab_size")[0], 0)).append(" -> ")
                    .append(f(last(mean.of("verified", "vocab_size")), 0));
            m.append("; tail_coverage ").append(f(mean.of("verified", "tail_coverage")[0], 3)).append(" -> ")
                    .append(f(last(mean.of("verified", "tail_coverage")), 3));
            if (labels.contains("replace")) {
                m.append("; at gen N vs replace: perplexity ").append(f(last(vp), 1)).append(" vs ")
                        .append(f(last(mean.of("replace", "heldout_perplexity")), 1)).append(", vocab_size ")
                        .append(f(last(mean.of("verified", "vocab_size")), 0)).append(" vs ")
                        .append(f(last(mean.of("replace", "vocab_size")), 0)).append(", tail_coverage ")
                        .append(f(last(mean.of("verified", "tail_coverage")), 3)).append(" vs ")
                        .append(f(last(mean.of("replace", "tail_coverage")), 3));
            }
            out.add(new Check("verified_measured", "verified: measured and reported; no outcome required", null,
                    m.toString(), -1, seeds));
        }
        return out;
    }

    private interface Pred {
        boolean test(Series s);
    }

    private interface Text {
        String of(Series s);
    }

    private static Check check(String id, String statement, Series mean, List<Series> perSeed, Pred p, Text t) {
        int held = 0;
        for (Series s : perSeed) {
            held += p.test(s) ? 1 : 0;
        }
        return new Check(id, statement, p.test(mean), t.of(mean), held, perSeed.size());
    }

    static boolean strictly(double[] v, boolean rising) {
        for (int i = 1; i < v.length; i++) {
            if (Double.isNaN(v[i]) || Double.isNaN(v[i - 1]) || (rising ? !(v[i] > v[i - 1]) : !(v[i] < v[i - 1]))) {
                return false;
            }
        }
        return v.length > 1;
    }

    static double rise(double[] v) {
        return last(v) / v[0] - 1;
    }

    static double absRise(double[] v) {
        return last(v) - v[0];
    }

    static double maxDeviationFromGen1(double[] v) {
        double max = 0;
        for (int g = 1; g < v.length; g++) {
            if (Double.isNaN(v[g])) {
                return Double.NaN;
            }
            max = Math.max(max, Math.abs(v[g] / v[1] - 1));
        }
        return max;
    }

    static double trendFromGen1(double[] v) {
        double[] tail = new double[v.length - 1];
        for (int g = 1; g < v.length; g++) {
            tail[g - 1] = v[g] / v[1];
        }
        return Stats.slope(tail);
    }

    private static double last(double[] v) {
        return v[v.length - 1];
    }

    static String seq(double[] v, int decimals) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(f(v[i], decimals));
        }
        return sb.toString();
    }

    static String f(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", 100 * v);
    }
}

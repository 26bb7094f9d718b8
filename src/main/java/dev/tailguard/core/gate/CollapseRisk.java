package dev.tailguard.core.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collapse-risk policy: maps a run's measured metrics to {@code low}/{@code medium}/{@code high} with the reasons.
 * Metrics absent from the map are not judged. Thresholds (medium / high):
 * <ul>
 *   <li>{@code synthetic_share} &gt; 0.3 / &gt; 0.5 — Kang et al. mix ≈30% synthetic (collapse-anchors §3); beyond
 *       half, real data no longer dominates (Seddik et al., §6);</li>
 *   <li>{@code distinct_2_ratio} (synthetic / real) &lt; 0.9 / &lt; 0.7 — distinct-n falls under replace (§7);</li>
 *   <li>{@code tail_coverage} (real rare n-grams reproduced) &lt; 0.3 / &lt; 0.1 — tails vanish first (§1, §6);</li>
 *   <li>{@code near_duplicate_rate} &gt; 0.05 / &gt; 0.1 — MinHash FineWeb parameters (§9);</li>
 *   <li>{@code memorised_13gram_share} &gt; 0.05 / &gt; 0.2 — verbatim 13-gram overlap (Gopher 13-grams, §9);</li>
 *   <li>{@code max_generation} ≥ 2 / ≥ 3 — errors compound across generations (Shumailov et al., §1).</li>
 * </ul>
 * The numeric cut points other than the 0.3 synthetic share are ours (conservative), not values from a paper.
 */
public final class CollapseRisk {

    /** Levels in increasing order. */
    public static final List<String> LEVELS = List.of("low", "medium", "high");

    private CollapseRisk() {
    }

    /**
     * The verdict.
     *
     * @param level   low, medium or high
     * @param reasons one line per metric that raised the level
     */
    public record Verdict(String level, List<String> reasons) {
        /** 0 (low), 1 (medium) or 2 (high): the value the report gate {@code collapse_risk_level} checks. */
        public double levelValue() {
            return LEVELS.indexOf(level);
        }
    }

    /** Evaluates the policy on the given metrics. */
    public static Verdict assess(Map<String, Double> m) {
        int[] level = {0};
        List<String> reasons = new ArrayList<>();
        above(m, "synthetic_share", 0.3, 0.5, level, reasons);
        below(m, "distinct_2_ratio", 0.9, 0.7, level, reasons);
        below(m, "tail_coverage", 0.3, 0.1, level, reasons);
        above(m, "near_duplicate_rate", 0.05, 0.1, level, reasons);
        above(m, "memorised_13gram_share", 0.05, 0.2, level, reasons);
        Double g = m.get("max_generation");
        if (g != null && g >= 2) {
            int l = g >= 3 ? 2 : 1;
            level[0] = Math.max(level[0], l);
            reasons.add(LEVELS.get(l) + ": max_generation " + g.intValue() + " >= " + (l == 2 ? 3 : 2));
        }
        return new Verdict(LEVELS.get(level[0]), List.copyOf(reasons));
    }

    private static void above(Map<String, Double> m, String k, double medium, double high, int[] level, List<String> reasons) {
        Double v = m.get(k);
        if (v == null || v <= medium) {
            return;
        }
        int l = v > high ? 2 : 1;
        level[0] = Math.max(level[0], l);
        reasons.add(LEVELS.get(l) + ": " + k + " " + v + " > " + (l == 2 ? high : medium));
    }

    private static void below(Map<String, Double> m, String k, double medium, double high, int[] level, List<String> reasons) {
        Double v = m.get(k);
        if (v == null || v >= medium) {
            return;
        }
        int l = v < high ? 2 : 1;
        level[0] = Math.max(level[0], l);
        reasons.add(LEVELS.get(l) + ": " + k + " " + v + " < " + (l == 2 ? high : medium));
    }
}

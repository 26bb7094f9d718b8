package dev.tailguard.core.calibrate;

import dev.tailguard.core.collapse.AnchorRef;
import dev.tailguard.core.collapse.SignalKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code calibration.json}: every chain point and, per signal and for the verdict, the generation at which it first
 * fires on each chain and seed, its false alarms on the fresh-real control, and the AUC separating collapsing
 * chain points from control points.
 *
 * @param corpus         the corpus file
 * @param anchor         the calibration anchor
 * @param anchorShare    anchor share used
 * @param anchorWindows  classifier windows of the anchor
 * @param minAnchorWindows minimum anchor windows asked for
 * @param realDocuments  documents of the real input
 * @param realTokens     tokens of the real input
 * @param freshDocuments documents of the control's fresh pool
 * @param plan           the plan (generations, seeds, chains, replace ratio)
 * @param summary        one row per signal, then the verdict
 * @param acceptance     the acceptance statements, measured (null = chain not run)
 * @param points         every chain point, in run order
 * @param seconds        wall time
 */
public record CalibrationResult(String corpus, AnchorRef anchor, double anchorShare, int anchorWindows, int minAnchorWindows,
                                int realDocuments, long realTokens, int freshDocuments, PlanEcho plan,
                                List<SignalSummary> summary, Acceptance acceptance, List<ChainPoint> points,
                                double seconds) {

    /** Name of the verdict row of the summary. */
    public static final String VERDICT = "verdict";

    /**
     * The plan as written to JSON.
     *
     * @param generations        generations of replace, accumulate and salad
     * @param seeds              seeds of the collapsing chains
     * @param controlSeeds       seeds of the control
     * @param controlGenerations generations of the control
     * @param chains             chains run
     * @param replaceRatio       synthetic ratio of replace (floor 1 − ratio)
     */
    public record PlanEcho(int generations, int seeds, int controlSeeds, int controlGenerations, List<String> chains,
                           double replaceRatio) {
    }

    /**
     * One signal (or the verdict) over all chain points.
     *
     * @param signal           signal key, or {@value #VERDICT}
     * @param firstFired       per chain, per seed (in seed order): the first generation at which it fired, null when
     *                         it never did
     * @param controlAlarms    control points at which it fired
     * @param controlPoints    control points at which it was measured
     * @param auc              AUC separating collapsing points (higher badness) from control points; null when one
     *                         side is empty
     * @param collapsingPoints collapsing points at which it was measured
     */
    public record SignalSummary(String signal, Map<String, List<Integer>> firstFired, int controlAlarms,
                                int controlPoints, Double auc, int collapsingPoints) {
    }

    /**
     * The acceptance statements of issue 11, as measured; each null when its chain was not run.
     *
     * @param replaceFlaggedByGeneration2 every replace seed is medium or higher, on measured reasons, by generation 2
     * @param controlNeverFlagged         no control point is medium or higher
     * @param accumulateAtMostReplace     at every seed and generation accumulate's level is ≤ replace's
     * @param saladFlaggedAtGeneration1   every salad seed is medium or higher at generation 1
     * @param trigramFlaggedAtGeneration1 every trigram seed is medium or higher at generation 1
     */
    public record Acceptance(Boolean replaceFlaggedByGeneration2, Boolean controlNeverFlagged,
                             Boolean accumulateAtMostReplace, Boolean saladFlaggedAtGeneration1,
                             Boolean trigramFlaggedAtGeneration1) {
    }

    static CalibrationResult of(CalibrationPlan plan, CorpusSplit split, AnchorRef anchor, List<ChainPoint> points,
                                double seconds) {
        PlanEcho echo = new PlanEcho(plan.generations(), plan.seeds(), plan.controlSeeds(),
                plan.controlGenerations(), plan.chains().stream().map(Chain::key).toList(), plan.replaceRatio());
        return new CalibrationResult(plan.input().toString(), anchor, split.anchorShare(), split.anchorWindows(), plan.minAnchorWindows(),
                split.real().size(), split.realTokens(), split.fresh().size(), echo, summarise(points),
                acceptance(points), points, seconds);
    }

    /** The summary rows: one per signal kind, then the verdict. */
    static List<SignalSummary> summarise(List<ChainPoint> points) {
        List<SignalSummary> out = new ArrayList<>();
        for (SignalKind k : SignalKind.values()) {
            out.add(summary(points, k.key(), k.higherIsWorse()));
        }
        out.add(summary(points, VERDICT, true));
        return out;
    }

    private static SignalSummary summary(List<ChainPoint> points, String key, boolean higherIsWorse) {
        Map<String, Map<Long, Integer>> first = new LinkedHashMap<>();
        List<Double> bad = new ArrayList<>();
        List<Double> good = new ArrayList<>();
        int alarms = 0;
        for (ChainPoint p : points) {
            boolean verdict = VERDICT.equals(key);
            SignalReading s = verdict ? null : p.signal(key);
            Map<Long, Integer> perSeed = first.computeIfAbsent(p.chain(), c -> new LinkedHashMap<>());
            perSeed.putIfAbsent(p.seed(), null);
            if (!verdict && s == null) {
                continue;
            }
            boolean fired = verdict ? p.flagged() : s.fired() != null;
            if (fired && perSeed.get(p.seed()) == null) {
                perSeed.put(p.seed(), p.generation());
            }
            double score = verdict ? p.levelRank() : s.badness(higherIsWorse);
            if (p.collapsing()) {
                bad.add(score);
            } else {
                good.add(score);
                alarms += fired ? 1 : 0;
            }
        }
        Map<String, List<Integer>> firstFired = new LinkedHashMap<>();
        first.forEach((chain, seeds) -> firstFired.put(chain, new ArrayList<>(seeds.values())));
        return new SignalSummary(key, firstFired, alarms, good.size(), auc(bad, good), bad.size());
    }

    /** Mann–Whitney AUC: P(bad &gt; good) + ½ P(tie); null when a side is empty. */
    static Double auc(List<Double> bad, List<Double> good) {
        if (bad.isEmpty() || good.isEmpty()) {
            return null;
        }
        double wins = 0;
        for (double b : bad) {
            for (double g : good) {
                wins += b > g ? 1 : b == g ? 0.5 : 0;
            }
        }
        return wins / ((double) bad.size() * good.size());
    }

    static Acceptance acceptance(List<ChainPoint> points) {
        return new Acceptance(
                all(points, "replace", p -> p.generation() <= 2, true),
                none(points, "control"),
                accumulateAtMostReplace(points),
                all(points, "salad", p -> p.generation() == 1, false),
                all(points, "trigram", p -> p.generation() == 1, false));
    }

    /** Every seed of the chain has a flagged point among the selected ones; null when the chain was not run. */
    private static Boolean all(List<ChainPoint> points, String chain, java.util.function.Predicate<ChainPoint> which,
                               boolean any) {
        Map<Long, Boolean> seeds = new LinkedHashMap<>();
        for (ChainPoint p : points) {
            if (p.chain().equals(chain) && which.test(p)) {
                boolean ok = p.flagged() && !p.reasons().isEmpty();
                seeds.merge(p.seed(), ok, any ? Boolean::logicalOr : Boolean::logicalAnd);
            }
        }
        return seeds.isEmpty() ? null : !seeds.containsValue(false);
    }

    private static Boolean none(List<ChainPoint> points, String chain) {
        List<ChainPoint> c = points.stream().filter(p -> p.chain().equals(chain)).toList();
        return c.isEmpty() ? null : c.stream().noneMatch(ChainPoint::flagged);
    }

    private static Boolean accumulateAtMostReplace(List<ChainPoint> points) {
        Boolean out = null;
        for (ChainPoint a : points) {
            if (!a.chain().equals("accumulate")) {
                continue;
            }
            for (ChainPoint r : points) {
                if (r.chain().equals("replace") && r.seed() == a.seed() && r.generation() == a.generation()) {
                    boolean ok = a.levelRank() <= r.levelRank();
                    out = out == null ? ok : out && ok;
                }
            }
        }
        return out;
    }
}

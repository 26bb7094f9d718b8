package dev.tailguard.core.collapse;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides the verdict from a {@link CollapseMeasurement}: a reason fires only when a comparable signal's 95%
 * interval lies wholly beyond its threshold; the level is the highest level among the reasons. Two-sided by
 * construction: homogenisation (falling recall, falling embedding recall, rising perplexity) and off-distribution
 * junk (rising classifier AUC, falling embedding precision, rising perplexity) both raise it.
 */
public final class CollapsePolicy {

    /**
     * Minimum windows per side of the classifier test for a verdict of {@code low}: below about 52 the DeLong 95%
     * half-width of an AUC of 0.85 (Hanley &amp; McNeil 1982 variance, 1.96·√(0.0752/n)) exceeds 0.075, half the
     * distance between the default medium (0.70) and high (0.85) AUC thresholds; rounded up to 64 windows (4,096
     * anchor tokens at the default 64-token window). With fewer, a verdict without reasons is
     * {@link RiskLevel#UNMEASURABLE}, not {@code low}; a reason that fires on a small sample still stands (its
     * interval cleared the threshold).
     */
    public static final int MIN_WINDOWS = 64;

    private final CollapseThresholds t;

    public CollapsePolicy(CollapseThresholds thresholds) {
        this.t = thresholds;
    }

    /** The verdict of a measurement. */
    public CollapseVerdict decide(CollapseMeasurement m) {
        List<CollapseReason> reasons = new ArrayList<>();
        for (Signal s : m.signals()) {
            if (!s.comparable()) {
                continue;
            }
            CollapseReason r = reason(s, RiskLevel.HIGH);
            if (r == null) {
                r = reason(s, RiskLevel.MEDIUM);
            }
            if (r != null) {
                reasons.add(r);
            }
        }
        RiskLevel level = RiskLevel.LOW;
        for (CollapseReason r : reasons) {
            if (r.level().ordinal() > level.ordinal()) {
                level = r.level();
            }
        }
        if (reasons.isEmpty()) {
            Signal c2st = m.get(SignalKind.C2ST_AUC);
            if (c2st == null || c2st.sampleSize() < MIN_WINDOWS) {
                return new CollapseVerdict(RiskLevel.UNMEASURABLE, reasons, m, underpowered(m, c2st));
            }
        }
        return new CollapseVerdict(level, reasons, m, null);
    }

    /** Why a verdict without reasons is unmeasurable, with every interval. */
    private static String underpowered(CollapseMeasurement m, Signal c2st) {
        StringBuilder b = new StringBuilder("no reason fired, but the classifier test had ")
                .append(c2st == null ? "no" : "only " + c2st.sampleSize()).append(" windows per side (minimum ")
                .append(MIN_WINDOWS).append(" for a verdict: a larger anchor or synthetic batch is needed); intervals:");
        for (Signal s : m.signals()) {
            b.append(String.format(java.util.Locale.ROOT, " %s %.3f [%.3f, %.3f] (baseline %.3f);", s.signal().key(),
                    s.value(), s.ci().lo(), s.ci().hi(), s.baseline()));
        }
        return b.toString();
    }

    private CollapseReason reason(Signal s, RiskLevel level) {
        boolean high = level == RiskLevel.HIGH;
        double threshold = switch (s.signal()) {
            case ANCHOR_PERPLEXITY -> s.baseline() * (1 + (high ? t.perplexityHigh() : t.perplexityMedium()));
            case VOCABULARY_RECALL, TAIL_RECALL -> s.baseline() * (1 - (high ? t.recallHigh() : t.recallMedium()));
            case C2ST_AUC -> Math.max(high ? t.aucHigh() : t.aucMedium(), s.baseline() + t.aucMargin());
            case EMBEDDING_PRECISION, EMBEDDING_RECALL ->
                    s.baseline() * (1 - (high ? t.embeddingHigh() : t.embeddingMedium()));
        };
        boolean fires = s.signal().higherIsWorse() ? s.ci().lo() > threshold : s.ci().hi() < threshold;
        return fires ? new CollapseReason(s.signal(), level, s.value(), s.ci(), s.baseline(), threshold) : null;
    }
}

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
        return new CollapseVerdict(level, reasons, m, null);
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

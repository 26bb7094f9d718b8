package dev.tailguard.core.collapse;

/**
 * Thresholds of the verdict, each given as a margin beyond the generation-0 baseline and each applied to the 95%
 * interval bound (never to the point estimate). Chosen from the calibration chains (README, "How Tailguard
 * measures collapse"), not from any single corpus.
 *
 * @param perplexityMedium fire when the lower bound of ppl/baseline exceeds 1 + this
 *                         ({@code tailguard.collapse.threshold.perplexity.medium})
 * @param perplexityHigh   same, for high ({@code tailguard.collapse.threshold.perplexity.high})
 * @param recallMedium     fire when the upper bound of recall/baseline is below 1 − this
 *                         ({@code tailguard.collapse.threshold.recall.medium}; vocabulary and tail recall)
 * @param recallHigh       same, for high ({@code tailguard.collapse.threshold.recall.high})
 * @param aucMedium        fire when the AUC's lower bound exceeds max(this, baseline + aucMargin)
 *                         ({@code tailguard.collapse.threshold.auc.medium})
 * @param aucHigh          same, for high ({@code tailguard.collapse.threshold.auc.high})
 * @param aucMargin        minimum AUC excess over the baseline ({@code tailguard.collapse.threshold.auc.margin})
 * @param embeddingMedium  fire when the upper bound of precision (or recall) / baseline is below 1 − this
 *                         ({@code tailguard.collapse.threshold.embedding.medium})
 * @param embeddingHigh    same, for high ({@code tailguard.collapse.threshold.embedding.high})
 */
public record CollapseThresholds(double perplexityMedium, double perplexityHigh, double recallMedium,
                                 double recallHigh, double aucMedium, double aucHigh, double aucMargin,
                                 double embeddingMedium, double embeddingHigh) {

    public CollapseThresholds {
        check(perplexityMedium, perplexityHigh, "perplexity");
        check(recallMedium, recallHigh, "recall");
        check(aucMedium, aucHigh, "auc");
        check(embeddingMedium, embeddingHigh, "embedding");
    }

    /** The calibrated defaults (see the README's calibration table). */
    public static CollapseThresholds defaults() {
        return new CollapseThresholds(0.10, 0.25, 0.05, 0.15, 0.70, 0.85, 0.10, 0.30, 0.45);
    }

    private static void check(double medium, double high, String name) {
        if (!(medium > 0 && high >= medium)) {
            throw new IllegalArgumentException("tailguard.collapse.threshold." + name
                    + ": need 0 < medium <= high, got " + medium + ", " + high);
        }
    }
}

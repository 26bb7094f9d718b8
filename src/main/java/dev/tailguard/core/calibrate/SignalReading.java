package dev.tailguard.core.calibrate;

/**
 * One signal of one chain point, as {@code report.json} {@code collapse_risk.signals} gives it.
 *
 * @param signal     signal key ({@code anchor_perplexity}, ...)
 * @param value      measured value
 * @param lo         lower bound of its 95% interval
 * @param hi         upper bound
 * @param baseline   generation-0 value
 * @param comparable whether the policy may use it
 * @param fired      the level of the reason it raised ({@code medium}/{@code high}), or null
 */
public record SignalReading(String signal, double value, double lo, double hi, double baseline, boolean comparable,
                            String fired) {

    /**
     * Badness relative to the baseline, oriented so that larger is worse: value/baseline for a signal whose rise is
     * bad, baseline/value for one whose fall is bad (used only to rank points for the AUC).
     */
    double badness(boolean higherIsWorse) {
        if (higherIsWorse) {
            return baseline == 0 ? value : value / baseline;
        }
        return value == 0 ? Double.MAX_VALUE : baseline / value;
    }
}

package dev.tailguard.core.calibrate;

import java.util.List;

/**
 * One pipeline run of a calibration chain.
 *
 * @param chain          chain key
 * @param seed           seed (the run's {@code tailguard.seed})
 * @param generation     generation (1-based)
 * @param runId          run id in the calibration store
 * @param collapsing     the known truth: false only for the fresh-real control
 * @param level          {@code report.json} {@code collapse_risk.level}
 * @param reasons        signals that raised a reason
 * @param signals        every measured signal
 * @param missing        signals not computed, with the reason
 * @param note           the verdict's note (why unanchored/unmeasurable), or null
 * @param anchorSource   how the run found its anchor (explicit for generation 1, parent afterwards)
 * @param blended        documents blended
 * @param syntheticRatio synthetic share of the blend (of this run's new synthetic documents)
 * @param seconds        wall time of the run
 */
public record ChainPoint(String chain, long seed, int generation, String runId, boolean collapsing, String level,
                         List<String> reasons, List<SignalReading> signals, List<String> missing, String note,
                         String anchorSource, long blended, double syntheticRatio, double seconds) {

    public ChainPoint {
        reasons = List.copyOf(reasons);
        signals = List.copyOf(signals);
        missing = List.copyOf(missing);
    }

    /** Whether the verdict flags the point (medium or high). */
    public boolean flagged() {
        return "medium".equals(level) || "high".equals(level);
    }

    /** The verdict as a number: 0 low/unmeasurable/unanchored, 1 medium, 2 high. */
    public int levelRank() {
        return switch (level) {
            case "medium" -> 1;
            case "high" -> 2;
            default -> 0;
        };
    }

    /** The reading of a signal, or null when it was not measured. */
    public SignalReading signal(String key) {
        return signals.stream().filter(s -> s.signal().equals(key)).findFirst().orElse(null);
    }
}

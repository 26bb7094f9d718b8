package dev.tailguard.core.collapse;

import java.util.List;
import java.util.Objects;

/**
 * The collapse verdict ({@code report.json} {@code collapse_risk}): decided from measured reasons only; generation
 * depth and the configured ratio are never a reason.
 *
 * @param level   low, medium, high or unanchored
 * @param reasons the reasons that fired (empty for low and unanchored)
 * @param signals every measured signal (null when unanchored)
 * @param note    why the verdict is unanchored, or null
 */
public record CollapseVerdict(RiskLevel level, List<CollapseReason> reasons, CollapseMeasurement signals,
                              String note) {

    public CollapseVerdict {
        Objects.requireNonNull(level, "level");
        reasons = List.copyOf(reasons);
    }

    /** The verdict of a run whose input holds synthetic-origin documents and which has no anchor. */
    public static CollapseVerdict unanchored(String why) {
        return new CollapseVerdict(RiskLevel.UNANCHORED, List.of(), null, why);
    }
}

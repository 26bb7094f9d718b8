package dev.tailguard.core.collapse;

/**
 * One measured reason of a verdict: the signal's interval lies wholly beyond the threshold.
 *
 * @param signal    the signal
 * @param level     the level this reason raises the verdict to
 * @param value     measured value
 * @param ci        its 95% interval
 * @param baseline  generation-0 value
 * @param threshold the threshold the interval cleared (above it for rising signals, below it for falling ones)
 */
public record CollapseReason(SignalKind signal, RiskLevel level, double value, Interval ci, double baseline,
                             double threshold) {
}

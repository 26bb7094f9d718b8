package dev.tailguard.core.stats;

/**
 * A two-sided confidence interval.
 *
 * @param lo         lower bound
 * @param hi         upper bound
 * @param confidence nominal coverage, e.g. 0.95
 */
public record Interval(double lo, double hi, double confidence) {

    public Interval {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("interval bounds out of order: [" + lo + ", " + hi + "]");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }
}

package dev.tailguard.core.quality;

/**
 * Outcome of one quality rule on one document.
 *
 * @param name       rule name (stable, used as metric key)
 * @param value      the measured value
 * @param threshold  the threshold the value was compared with
 * @param dropReason the drop reason when the rule rejects the document, {@code null} when it keeps it
 */
public record RuleResult(String name, double value, double threshold, String dropReason) {

    /** True when the rule keeps the document. */
    public boolean kept() {
        return dropReason == null;
    }

    /** Result that drops when {@code value > max}. */
    public static RuleResult max(String name, double value, double max) {
        return new RuleResult(name, value, max, value > max ? name : null);
    }

    /** Result that drops when {@code value < min}. */
    public static RuleResult min(String name, double value, double min) {
        return new RuleResult(name, value, min, value < min ? name : null);
    }
}

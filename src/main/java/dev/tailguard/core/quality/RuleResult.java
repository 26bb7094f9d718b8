package dev.tailguard.core.quality;

import java.util.Objects;

/**
 * Outcome of one quality rule on one document.
 *
 * @param family     the rule set the rule belongs to
 * @param name       rule name (stable, used as metric key)
 * @param value      the measured value
 * @param threshold  the threshold the value was compared with
 * @param dropReason the drop reason when the rule rejects the document, {@code null} when it keeps it
 */
public record RuleResult(RuleFamily family, String name, double value, double threshold, String dropReason) {

    /** Checks that family and name are present. */
    public RuleResult {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
    }

    /** True when the rule keeps the document. */
    public boolean kept() {
        return dropReason == null;
    }

    /** Result that drops when {@code value > max}. */
    public static RuleResult max(RuleFamily family, String name, double value, double max) {
        return new RuleResult(family, name, value, max, value > max ? name : null);
    }

    /** Result that drops when {@code value < min}. */
    public static RuleResult min(RuleFamily family, String name, double value, double min) {
        return new RuleResult(family, name, value, min, value < min ? name : null);
    }
}

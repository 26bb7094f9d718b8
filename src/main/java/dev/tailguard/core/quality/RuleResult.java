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
 * @param notApplicable why the rule was not applied to this document (e.g. {@code language fr} for an English-only
 *                      rule), {@code null} when it was applied; a rule not applied never drops
 */
public record RuleResult(RuleFamily family, String name, double value, double threshold, String dropReason,
        String notApplicable) {

    /** Checks that family and name are present and that a rule not applied does not drop. */
    public RuleResult {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        if (notApplicable != null && dropReason != null) {
            throw new IllegalArgumentException("rule " + name + " was not applied but drops");
        }
    }

    /** An applied rule's outcome. */
    public RuleResult(RuleFamily family, String name, double value, double threshold, String dropReason) {
        this(family, name, value, threshold, dropReason, null);
    }

    /** True when the rule was applied to the document. */
    public boolean applied() {
        return notApplicable == null;
    }

    /** A rule not applied to the document: its value is recorded, it keeps the document, {@code why} says why. */
    public static RuleResult notApplicable(RuleFamily family, String name, double value, double threshold,
            String why) {
        return new RuleResult(family, name, value, threshold, null, Objects.requireNonNull(why, "why"));
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

package dev.tailguard.core.collapse;

/** Collapse risk levels of a verdict. */
public enum RiskLevel {
    /** No measured reason fired. */
    LOW,
    /** At least one reason cleared its medium threshold. */
    MEDIUM,
    /** At least one reason cleared its high threshold. */
    HIGH,
    /** The input holds synthetic-origin documents and there is no anchor: nothing can be measured honestly. */
    UNANCHORED;

    /** Lower-case name used in JSON. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

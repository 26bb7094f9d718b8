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
    UNANCHORED,
    /**
     * No reason fired, but the sample was too small for the absence of a reason to mean anything: the classifier
     * test had fewer than {@link CollapsePolicy#MIN_WINDOWS} windows per side (the note states every interval).
     */
    UNMEASURABLE;

    /** Lower-case name used in JSON. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.tailguard.core.quality;

/**
 * The published rule set a {@link RuleResult} comes from. The score policy ({@link DocumentPolicy}) enforces families,
 * not rule-name prefixes.
 */
public enum RuleFamily {
    /** Gopher quality filters (Rae et al. 2021, "Scaling Language Models: Methods, Analysis and Insights from
     * Training Gopher", appendix A.1.1), {@link GopherQualityRules}. */
    GOPHER_QUALITY,
    /** Gopher repetition filters (same paper, table A1), {@link GopherRepetitionRules}. */
    GOPHER_REPETITION,
    /** C4 filters (Raffel et al. 2020), {@link C4Rules}. */
    C4,
    /** FineWeb filters (Penedo et al. 2024), {@link FineWebRules}. */
    FINEWEB
}

package dev.tailguard.core.quality;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The score stage's keep/quarantine decision for one document, separate from the scoring that computed its numbers:
 * an exact duplicate first, then the first failing rule (in result order) of an enforced {@link RuleFamily}. Rules of
 * the other families are recorded as values, not enforced.
 */
public final class DocumentPolicy {

    /**
     * Enforces the Gopher quality and repetition rules (Rae et al. 2021, appendix A.1.1); C4 and FineWeb values are
     * recorded only.
     */
    public static final DocumentPolicy DEFAULT =
            new DocumentPolicy(EnumSet.of(RuleFamily.GOPHER_QUALITY, RuleFamily.GOPHER_REPETITION));

    private final Set<RuleFamily> enforced;

    /** @param enforced the rule families whose failures quarantine a document */
    public DocumentPolicy(Set<RuleFamily> enforced) {
        this.enforced = enforced.isEmpty() ? EnumSet.noneOf(RuleFamily.class) : EnumSet.copyOf(enforced);
    }

    /**
     * @param exactDuplicateOf id of the first document with the same normalised text, or null when none
     * @param rules            the document's rule results
     * @return empty to keep, else the typed reason to quarantine
     */
    public Optional<DropReason> decide(String exactDuplicateOf, List<RuleResult> rules) {
        if (exactDuplicateOf != null) {
            return Optional.of(new DropReason.ExactDuplicate(exactDuplicateOf));
        }
        for (RuleResult r : rules) {
            if (!r.kept() && enforced.contains(r.family())) {
                return Optional.of(new DropReason.FailedRule(r));
            }
        }
        return Optional.empty();
    }

    /** The enforced families. */
    public Set<RuleFamily> enforced() {
        return EnumSet.copyOf(enforced);
    }
}

package dev.tailguard.core.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns rule results into a keep/drop decision. The first failing rule (in result order) that is not disabled
 * gives the drop reason; every failing reason is also listed.
 */
public final class QualityPolicy {

    /** A decision: kept, the first drop reason (null when kept) and all failing rule names. */
    public record Decision(boolean keep, String reason, List<String> failed) {
    }

    private final Set<String> disabled;

    /** A policy that enforces every rule. */
    public QualityPolicy() {
        this(Set.of());
    }

    /** A policy that ignores the failures of the named rules. */
    public QualityPolicy(Set<String> disabledRules) {
        this.disabled = Set.copyOf(disabledRules);
    }

    /** Decides on one document's results. */
    public Decision decide(List<RuleResult> results) {
        List<String> failed = new ArrayList<>();
        for (RuleResult r : results) {
            if (!r.kept() && !disabled.contains(r.name())) {
                failed.add(r.dropReason());
            }
        }
        return new Decision(failed.isEmpty(), failed.isEmpty() ? null : failed.get(0), List.copyOf(failed));
    }
}

package dev.tailguard.core.quality;

import java.util.Locale;
import java.util.Objects;

/**
 * Why the score policy ({@link DocumentPolicy}) quarantines a document. The quarantine record keeps its field names:
 * {@code reason} is {@link #code()} (what the report counts per stage), {@code detail} is {@link #text()}.
 */
public sealed interface DropReason permits DropReason.ExactDuplicate, DropReason.FailedRule,
        DropReason.MemorisedSpan {

    /** Stable machine-readable code: {@code exact_duplicate} or the failed rule's name. */
    String code();

    /** Human-readable explanation, without the code. */
    String detail();

    /** {@code code: detail}, the single-line form written to the score record's {@code reason} field. */
    default String text() {
        return code() + ": " + detail();
    }

    /**
     * The document's normalised text equals that of an earlier document of the run (real documents first).
     *
     * @param firstId id of the first document with the same normalised text
     */
    record ExactDuplicate(String firstId) implements DropReason {

        /** Checks that the first id is present. */
        public ExactDuplicate {
            Objects.requireNonNull(firstId, "firstId");
        }

        @Override
        public String code() {
            return "exact_duplicate";
        }

        @Override
        public String detail() {
            return "same normalised text as " + firstId;
        }
    }

    /**
     * An enforced quality rule rejected the document.
     *
     * @param rule the failing rule's result (its family, name, value and threshold)
     */
    record FailedRule(RuleResult rule) implements DropReason {

        /** Checks that the rule is present and did fail. */
        public FailedRule {
            Objects.requireNonNull(rule, "rule");
            if (rule.kept()) {
                throw new IllegalArgumentException("rule " + rule.name() + " kept the document");
            }
        }

        @Override
        public String code() {
            return rule.dropReason();
        }

        @Override
        public String detail() {
            return String.format(Locale.ROOT, "%s rule, value %.4g, threshold %.4g",
                    rule.family().name().toLowerCase(Locale.ROOT), rule.value(), rule.threshold());
        }
    }

    /**
     * The per-document memorisation gate ({@code tailguard.gates.score.memorised-span.max}) rejected the document:
     * it shares a verbatim span longer than the maximum with the real corpus.
     *
     * @param longestSpan the longest shared span in tokens
     * @param maxTokens   the configured maximum
     * @param start       start token of the span in the document, or -1 when not known
     */
    record MemorisedSpan(int longestSpan, int maxTokens, int start) implements DropReason {

        @Override
        public String code() {
            return "memorised_span";
        }

        @Override
        public String detail() {
            return "verbatim span of " + longestSpan + " tokens shared with the real corpus"
                    + (start < 0 ? "" : " (starting at token " + start + ")") + " > max " + maxTokens;
        }
    }
}

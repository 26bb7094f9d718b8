package dev.tailguard.core.gate;

import dev.tailguard.core.corpus.Memorisation;

import java.util.Optional;

/**
 * Per-document memorisation gate: a synthetic document whose longest verbatim span shared with the real corpus
 * exceeds {@code maxTokens} tokens is quarantined on its own (beside the batch {@code memorised_13gram_share} gate).
 * Default 50 tokens: Lee et al. 2021 (arXiv 2107.06499) remove exact substrings of ≥ 50 tokens, and Carlini et al.
 * 2022 (arXiv 2202.07646) measure extractable memorisation on 50-token continuations (collapse-anchors §9).
 * The span is computed by {@link Memorisation} (exact, from left-maximal 13-gram matches, so spans shorter than 13
 * tokens count as 0; the bound must therefore be at least 13).
 */
public final class MemorisedSpanGate {

    /** Default maximum verbatim span in tokens. */
    public static final int DEFAULT_MAX_TOKENS = 50;

    private final int maxTokens;

    /** A gate with the given maximum (≥ the 13-token match unit of {@link Memorisation}). */
    public MemorisedSpanGate(int maxTokens) {
        if (maxTokens < 13) {
            throw new IllegalArgumentException("memorised-span.max must be >= 13 tokens (spans are found from 13-grams), got "
                    + maxTokens);
        }
        this.maxTokens = maxTokens;
    }

    /**
     * The typed quarantine reason of one document.
     *
     * @param documentId   the synthetic document
     * @param longestSpan  its longest verbatim span shared with the real corpus (tokens)
     * @param maxTokens    the configured maximum
     * @param start        start token of the span in the synthetic document
     * @param lowerBound   true when the span length is a lower bound (occurrence cap hit)
     */
    public record Exceeded(String documentId, int longestSpan, int maxTokens, int start, boolean lowerBound) {
        /** Machine-readable reason. */
        public static final String REASON = "memorised_span";

        /** Human-readable detail for the quarantine record. */
        public String detail() {
            return REASON + ": verbatim span of " + (lowerBound ? "at least " : "") + longestSpan + " tokens shared with "
                    + "the real corpus (starting at token " + start + ") > max " + maxTokens;
        }
    }

    /** Empty when the document passes; the reason when its longest span exceeds the maximum. */
    public Optional<Exceeded> check(String documentId, Memorisation.DocResult r) {
        if (r.longest() <= maxTokens) {
            return Optional.empty();
        }
        return Optional.of(new Exceeded(documentId, r.longest(), maxTokens, r.start(), r.truncated()));
    }

    /** The configured maximum. */
    public int maxTokens() {
        return maxTokens;
    }
}

package dev.tailguard.core.report;

import java.util.HashMap;
import java.util.Map;

/**
 * What each gate metric measures, why it matters for collapse or quality, and where its default threshold comes from
 * (sections of {@code docs/collapse-anchors.md} and the README's gate table; "ours" = not from a paper). Shown next to
 * every gate result in {@code index.html}.
 */
final class GateCatalog {

    /**
     * One gate's explanation.
     *
     * @param measures what the number is
     * @param matters  why a bad value harms training
     * @param source   where the default threshold comes from
     */
    record Entry(String measures, String matters, String source) {
    }

    private static final Entry UNKNOWN = new Entry("a configured gate metric", "see the README's gate table", "configured");

    /** One row per gate metric: metric, what it measures, why it matters, where the default threshold comes from. */
    private static final String[][] TABLE = {
            {"distinct_2",
                "share of distinct word bigrams in the synthetic batch",
                "a degenerate generator repeats itself; low diversity narrows what the model learns",
                "ours; catches only degenerate batches (distinct-2 depends on batch size)"},
            {"duplicate_rate",
                "share of exact duplicate documents within the synthetic batch",
                "duplicates over-weight a few texts and speed up the loss of the distribution's tail",
                "ours; Clopper-Pearson 95% interval (1934)"},
            {"near_duplicate_rate",
                "share of near-duplicate synthetic documents (MinHash-LSH, word 5-grams, 14 bands x 8 rows)",
                "near-copies act like duplicates",
                "FineWeb MinHash parameters (collapse-anchors §9); threshold ours"},
            {"synthetic_pass_rate",
                "share of synthetic documents passing the Gopher quality and repetition rules (the stop-word rule"
                        + " only on English text: not applied to documents clearly in another language, counted as"
                        + " synthetic_rules_not_applicable in the score manifest)",
                "a generation that mostly fails quality rules is noise, not data",
                "Feng et al. 2024 (arXiv 2406.07515): keep about half a generation, verified (collapse-anchors §5)"},
            {"real_pass_rate",
                "share of real documents passing the same rules (stop-word rule English-only; documents it was not"
                        + " applied to are counted as real_rules_not_applicable in the score manifest)",
                "a low value means the rules do not fit this corpus, so the synthetic pass rate means little",
                "ours"},
            {"perplexity_ratio",
                "median reference-LM perplexity of synthetic over real documents",
                "collapsed text drifts to low perplexity with a long tail of errors",
                "Shumailov et al. 2024, Nature 631:755 (collapse-anchors §1); threshold ours"},
            {"pii_rate",
                "share of synthetic documents with any PII match",
                "generated PII leaks into the training set",
                "ours; Clopper-Pearson 95% interval"},
            {"memorised_13gram_share",
                "share of synthetic 13-grams found verbatim in the real corpus",
                "copied text is memorisation, not new data",
                "Gopher 13-gram overlap (collapse-anchors §9); threshold ours"},
            {"synthetic_ratio",
                "synthetic share of the blended set",
                "too much synthetic text is what collapses a model",
                "Kang et al. 2025 (arXiv 2510.01631): ~30% synthetic (collapse-anchors §3)"},
            {"real_fraction",
                "real share of the blended set (synthetic-origin input counts as synthetic)",
                "keeping real data bounds collapse (accumulate, not replace)",
                "Gerstgrasser et al. 2024 (arXiv 2404.01413) and Kang et al. 2025 (collapse-anchors §2-3)"},
            {"tail_coverage",
                "share of rare real types (seen at most twice) that the blended synthetic documents reproduce",
                "collapse loses the tail of the distribution first",
                "Shumailov et al. 2024 (§1), Dohmatob et al. 2024 (arXiv 2402.07043, §6); threshold ours"},
            {"drift_tv",
                "total-variation distance of metadata value shares, real vs synthetic (permutation test, 999"
                        + " permutations)",
                "a generator that drifts to one group skews the blend",
                "drift metrics (collapse-anchors §7); threshold ours"},
            {"distinct_2_ratio",
                "distinct-2 of the synthetic batch over the real input's",
                "a ratio well below 1 means the synthetic text is less diverse than the real text",
                "Shaib et al. (collapse-anchors §7); threshold ours"},
            {"compression_ratio_delta",
                "compression ratio of synthetic minus real text",
                "more compressible text is more repetitive",
                "Shaib et al., arXiv 2403.00553 (collapse-anchors §7)"},
            {"collapse_risk_level",
                "the collapse verdict against the frozen real anchor (0 low, 1 medium, 2 high)",
                "it is the measured collapse risk itself",
                "README \"How Tailguard measures collapse\"; decided on 95% intervals"}
    };

    private static final Map<String, Entry> ENTRIES = index(TABLE);

    private GateCatalog() {
    }

    private static Map<String, Entry> index(String[][] table) {
        Map<String, Entry> m = new HashMap<>();
        for (String[] row : table) {
            m.put(row[0], new Entry(row[1], row[2], row[3]));
        }
        return Map.copyOf(m);
    }

    /** The entry of a gate name such as {@code pii_rate.max} or {@code drift_tv_party.max}. */
    static Entry of(String gateName) {
        String metric = gateName == null ? "" : gateName.replaceAll("\\.(min|max)$", "");
        if (metric.startsWith("drift_tv_")) {
            metric = "drift_tv";
        }
        return ENTRIES.getOrDefault(metric, UNKNOWN);
    }
}

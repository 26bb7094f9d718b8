package dev.tailguard.core.corpus;

import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.metrics.UnigramCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mergeable state of a synthetic corpus compared with a {@link RealReference}: n-gram tables (n = 1..3), unigram
 * counts, verbatim 13-gram memorisation, near duplicates of real documents and metadata-field distributions.
 * {@link #result} gives: {@code tail_coverage_n{1,2,3}} (share of real n-gram types with count ≤ k reproduced),
 * {@code type_recall_n{1,2,3}}, {@code memorised_13gram_share} (1 − novelty), {@code docs_with_13gram_overlap},
 * {@code longest_overlap_tokens}, {@code unigram_kl_real_syn} (nats, Laplace smoothing),
 * {@code near_dup_of_real_rate} and {@code drift_tv_<field>} (total-variation distance). Merge shards with
 * {@link #merge}; all parts merge exactly.
 */
public final class SyntheticComparison {

    /** Default rarity threshold k for tail coverage (real count ≤ 2). */
    public static final long DEFAULT_TAIL_K = 2;

    private final RealReference real;
    private final NgramCountState[] ngrams = new NgramCountState[RealReference.MAX_N + 1];
    private final UnigramCounts unigrams = new UnigramCounts();
    private final Memorisation memorisation;
    private final Map<String, FieldDistribution> fields = new LinkedHashMap<>();
    private long documents;
    private long nearDupOfReal;

    /** A comparison against {@code real}. */
    public SyntheticComparison(RealReference real) {
        this.real = real;
        for (int n = 1; n <= RealReference.MAX_N; n++) {
            ngrams[n] = new NgramCountState(n);
        }
        memorisation = new Memorisation(real.verbatim());
        real.fields().keySet().forEach(f -> fields.put(f, new FieldDistribution(f)));
    }

    /** Adds one synthetic document; returns its memorisation result (per-document longest overlap and span). */
    public Memorisation.DocResult add(List<String> tokens, Map<String, Object> metadata) {
        long[] th = NgramHash.tokens(tokens);
        for (int n = 1; n <= RealReference.MAX_N; n++) {
            ngrams[n].addHashes(th);
        }
        unigrams.addHashes(th);
        fields.values().forEach(f -> f.add(metadata));
        if (real.lsh().query(real.lsh().minHash().signature(tokens, th)) >= 0) {
            nearDupOfReal++;
        }
        documents++;
        return memorisation.add(tokens);
    }

    /** Adds another shard compared against the same reference. */
    public void merge(SyntheticComparison other) {
        if (other.real != real) {
            throw new IllegalArgumentException("comparisons use different real references");
        }
        for (int n = 1; n <= RealReference.MAX_N; n++) {
            ngrams[n].merge(other.ngrams[n]);
        }
        unigrams.merge(other.unigrams);
        memorisation.merge(other.memorisation);
        fields.forEach((k, f) -> f.merge(other.fields.get(k)));
        documents += other.documents;
        nearDupOfReal += other.nearDupOfReal;
    }

    /** The comparison numbers with tail threshold {@link #DEFAULT_TAIL_K}. */
    public Map<String, Double> result() {
        return result(DEFAULT_TAIL_K);
    }

    /** The comparison numbers with tail threshold k. */
    public Map<String, Double> result(long tailK) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("documents", (double) documents);
        for (int n = 1; n <= RealReference.MAX_N; n++) {
            m.put("tail_coverage_n" + n, NgramCountState.tailCoverage(real.ngrams(n), ngrams[n], tailK));
            m.put("type_recall_n" + n, NgramCountState.typeRecall(real.ngrams(n), ngrams[n]));
        }
        m.put("memorised_13gram_share", memorisation.memorisedShare());
        m.put("docs_with_13gram_overlap", memorisation.documentsWithOverlapShare());
        m.put("longest_overlap_tokens", (double) memorisation.longest());
        m.put("unigram_kl_real_syn", UnigramKl.divergence(real.unigrams(), unigrams));
        m.put("near_dup_of_real_rate", documents == 0 ? 0.0 : (double) nearDupOfReal / documents);
        fields.forEach((k, f) -> m.put("drift_tv_" + k, FieldDistribution.totalVariation(real.fields().get(k), f)));
        return m;
    }
}

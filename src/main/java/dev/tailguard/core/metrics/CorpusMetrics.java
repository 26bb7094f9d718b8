package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.dedup.LshIndex;
import dev.tailguard.core.dedup.MinHashParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All corpus-level diversity states of one corpus (or one shard) in one mergeable object (collapse-anchors §7, §9):
 * distinct-n and compression ratio ({@link DiversityState}), NGD, self-repetition, unigram counts (Zipf, TTR,
 * hapaxes), MinHash-LSH clusters (near-duplicate rate) and a seeded bottom-k sample for the pairwise metrics
 * (self-BLEU, ROUGE-L homogenisation, n-gram Vendi). Merge shards in document order. Not thread-safe.
 */
public final class CorpusMetrics {

    /** Sample sizes and seed of the pairwise metrics. */
    public record Params(int bleuSample, int pairSample, long seed, MinHashParams minHash) {
        /** Self-BLEU on 1000 sampled texts (§7), ROUGE-L and Vendi on 50, seed 1, FineWeb MinHash. */
        public static final Params DEFAULTS = new Params(1000, 50, 1L, MinHashParams.FINEWEB);
    }

    private final Params params;
    private final DiversityState diversity = new DiversityState();
    private final NgramDiversityState ngd = new NgramDiversityState();
    private final SelfRepetitionState sr = new SelfRepetitionState();
    private final UnigramCounts unigrams = new UnigramCounts();
    private final LshIndex lsh;
    private final BottomKSample bleuSample;
    private final BottomKSample pairSample;

    /** States with default parameters. */
    public CorpusMetrics() {
        this(Params.DEFAULTS);
    }

    /** States with the given parameters. */
    public CorpusMetrics(Params params) {
        this.params = params;
        lsh = new LshIndex(params.minHash());
        bleuSample = new BottomKSample(params.bleuSample(), params.seed());
        pairSample = new BottomKSample(params.pairSample(), params.seed());
    }

    /** Adds one document: id, raw text and its {@code Tokenizer.words} tokens. */
    public void add(String id, String text, List<String> tokens) {
        add(id, text, tokens, NgramHash.tokens(tokens));
    }

    /** Adds one document with precomputed token hashes ({@link NgramHash#tokens}). */
    public void add(String id, String text, List<String> tokens, long[] th) {
        sr.addFourGrams(diversity.addHashes(th, text));
        ngd.add(text);
        unigrams.addHashes(th);
        lsh.add(id, tokens, th);
        bleuSample.addHashes(id, th);
        pairSample.addHashes(id, th);
    }

    /** Appends another shard's states. */
    public void merge(CorpusMetrics other) {
        diversity.merge(other.diversity);
        ngd.merge(other.ngd);
        sr.merge(other.sr);
        unigrams.merge(other.unigrams);
        lsh.merge(other.lsh);
        bleuSample.merge(other.bleuSample);
        pairSample.merge(other.pairSample);
    }

    /** The distinct-n / compression state. */
    public DiversityState diversity() {
        return diversity;
    }

    /** The unigram table. */
    public UnigramCounts unigrams() {
        return unigrams;
    }

    /** The near-duplicate index. */
    public LshIndex lsh() {
        return lsh;
    }

    /** Corpus-level numbers computed from the cheap states (no pairwise metrics). */
    public Map<String, Double> summary() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("documents", (double) diversity.documents());
        m.put("tokens", (double) diversity.tokens());
        m.put("mean_doc_tokens", diversity.meanDocTokens());
        for (int n = 1; n <= 4; n++) {
            m.put("distinct_" + n, diversity.distinct(n));
        }
        m.put("compression_ratio", diversity.compressionRatio());
        m.put("ngram_diversity", ngd.score());
        m.put("self_repetition", sr.score());
        m.put("types", (double) unigrams.types());
        m.put("hapaxes", (double) unigrams.hapaxes());
        m.put("zipf", unigrams.zipf());
        m.put("near_duplicate_rate", lsh.nearDuplicateRate());
        return m;
    }

    /** The pairwise metrics on the seeded samples: self-BLEU, ROUGE-L homogenisation, n-gram Vendi. */
    public Map<String, Double> pairwise() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("self_bleu", SelfBleu.scoreHashes(bleuSample.documents()));
        List<long[]> pair = pairSample.documents();
        m.put("homogenization_rougel", RougeL.homogenizationHashes(pair));
        m.put("vendi_ngram", Vendi.ngramScoreHashes(pair));
        return m;
    }

    /** Parameters. */
    public Params params() {
        return params;
    }
}

package dev.tailguard.core.corpus;

import dev.tailguard.core.dedup.LshIndex;
import dev.tailguard.core.dedup.MinHashParams;
import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.metrics.UnigramCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything kept about the real corpus to judge a synthetic corpus against it: n-gram count tables for
 * n = 1..3, unigram counts, the 13-gram verbatim index, a MinHash-LSH index (FineWeb parameters, §9) and the
 * distributions of chosen metadata fields. Built in one streaming pass over the real corpus ({@link #add}).
 * Memory is dominated by the n-gram tables (32–64 bytes per distinct n-gram) and the verbatim index (≈ 12 bytes
 * per token plus its 13-gram table).
 */
public final class RealReference {

    /** Orders of the n-gram tables. */
    public static final int MAX_N = 3;

    private final NgramCountState[] ngrams = new NgramCountState[MAX_N + 1];
    private final UnigramCounts unigrams = new UnigramCounts();
    private final RealTextIndex verbatim = new RealTextIndex();
    private final LshIndex lsh = new LshIndex(MinHashParams.FINEWEB);
    private final Map<String, FieldDistribution> fields = new LinkedHashMap<>();

    /** A reference tracking the given metadata fields. */
    public RealReference(List<String> metadataFields) {
        for (int n = 1; n <= MAX_N; n++) {
            ngrams[n] = new NgramCountState(n);
        }
        for (String f : metadataFields) {
            fields.put(f, new FieldDistribution(f));
        }
    }

    /** Adds one real document (its {@code Tokenizer.words} tokens and metadata, which may be null). */
    public void add(String id, List<String> tokens, Map<String, Object> metadata) {
        long[] th = NgramHash.tokens(tokens);
        for (int n = 1; n <= MAX_N; n++) {
            ngrams[n].addHashes(th);
        }
        unigrams.addHashes(th);
        verbatim.add(tokens);
        lsh.add(id, tokens, th);
        fields.values().forEach(f -> f.add(metadata));
    }

    NgramCountState ngrams(int n) {
        return ngrams[n];
    }

    UnigramCounts unigrams() {
        return unigrams;
    }

    /** The 13-gram verbatim index. */
    public RealTextIndex verbatim() {
        return verbatim;
    }

    /** The near-duplicate index of the real documents. */
    public LshIndex lsh() {
        return lsh;
    }

    Map<String, FieldDistribution> fields() {
        return fields;
    }
}

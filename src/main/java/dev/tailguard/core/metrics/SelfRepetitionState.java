package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.LongCountMap;
import dev.tailguard.core.collections.LongHashSet;
import dev.tailguard.core.collections.NgramHash;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-repetition (collapse-anchors §7): SR = (1/N) Σ_d ln(1 + Σ_{g ∈ uniq4(d)} (df(g) − 1)), where uniq4(d) is
 * the set of distinct 4-grams of document d ({@code Tokenizer.words} tokens, within the document) and df(g) the
 * number of documents containing g. Documents without 4-grams contribute ln(1) = 0. Mergeable exactly: the
 * document-frequency table adds, and each document's distinct 4-gram hashes are kept (8 bytes per distinct
 * 4-gram per document plus 32–64 bytes per distinct 4-gram in the df table).
 */
public final class SelfRepetitionState {

    private static final int N = 4;
    private final LongCountMap df = new LongCountMap(1024);
    private final List<long[]> docs = new ArrayList<>();

    /** Adds one document's tokens. */
    public void add(List<String> tokens) {
        addHashes(NgramHash.tokens(tokens));
    }

    /** Adds one document from token hashes. */
    public void addHashes(long[] th) {
        long[] cur = th.clone();
        int m = th.length;
        for (int n = 2; n <= N; n++) {
            m = NgramHash.extend(cur, th, n);
        }
        addFourGrams(java.util.Arrays.copyOf(cur, Math.max(0, m)));
    }

    /** Adds one document given its 4-gram hashes ({@link NgramHash#extend} / {@link DiversityState#addHashes}). */
    public void addFourGrams(long[] grams) {
        LongHashSet uniq = new LongHashSet(Math.max(16, grams.length));
        for (long g : grams) {
            if (uniq.add(g)) {
                df.add(g, 1);
            }
        }
        long[] arr = new long[uniq.size()];
        int[] k = {0};
        uniq.forEach(g -> arr[k[0]++] = g);
        docs.add(arr);
    }

    /** Adds the other state's documents. */
    public void merge(SelfRepetitionState other) {
        df.addAll(other.df);
        docs.addAll(other.docs);
    }

    /** SR; 0 when empty. */
    public double score() {
        if (docs.isEmpty()) {
            return 0.0;
        }
        double sum = 0;
        for (long[] d : docs) {
            long s = 0;
            for (long g : d) {
                s += df.get(g) - 1;
            }
            sum += Math.log1p(s);
        }
        return sum / docs.size();
    }

    /** Number of documents. */
    public int documents() {
        return docs.size();
    }
}

package dev.tailguard.core.pipeline;

import dev.tailguard.core.collections.LongCountMap;
import dev.tailguard.core.collections.LongHashSet;
import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.corpus.GramSet;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.gate.Evidence;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.stats.DistinctUnits;
import dev.tailguard.core.stats.Jackknife;
import dev.tailguard.core.stats.TailCoverageNull;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.text.Tokenizer;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The document-level samples behind the batch gates that used to decide on a point estimate (issue 11 item 4):
 * {@code generate.distinct_2}, {@code score.memorised_13gram_share} and {@code blend.tail_coverage}, each as the
 * statistic's leave-one-document-out values for the jackknife interval ({@link Evidence.Jackknife}). Streams the
 * shards; memory is one entry per distinct unit. Null when the batch has fewer than two documents (the gate then
 * decides on the value).
 */
final class GateEvidence {

    /** Unit named in the gate result. */
    static final String DOCUMENTS = "documents";

    private GateEvidence() {
    }

    /** Whether the run configures a bound on the stage's metric (the sample is gathered only then). */
    static boolean gated(RunConfig cfg, String stage, String metric) {
        return cfg.gates().stream().anyMatch(g -> g.stage().equals(stage) && g.metric().equals(metric));
    }

    /** Distinct word bigrams / bigrams within documents (as {@code DiversityState#distinct(2)}), per document left out. */
    static Evidence distinct2(ObjectStore store, List<String> keys, Predicate<Document> filter) {
        DistinctUnits units = new DistinctUnits();
        Shards.forEachDocument(store, keys, d -> {
            if (filter.test(d)) {
                units.count(bigrams(d));
            }
        });
        if (units.documents() < 2) {
            return null;
        }
        Shards.forEachDocument(store, keys, d -> {
            if (filter.test(d)) {
                units.unique(bigrams(d));
            }
        });
        return new Evidence.Jackknife(units.distinctShare(), DOCUMENTS);
    }

    private static long[] bigrams(Document d) {
        long[] th = Tokenizer.tokenHashes(d.text());
        long[] cur = th.clone();
        int m = NgramHash.extend(cur, th, 2);
        return Arrays.copyOf(cur, m);
    }

    /**
     * Share of the real input's tail word types (count ≤ {@code tailMax} over the chosen real documents) that the
     * chosen synthetic documents reproduce, per synthetic document left out; with the default tail (count ≤ 2) the
     * min bound is capped at half the coverage real-like text of the batch's token count would reach
     * ({@link TailCoverageNull}).
     */
    static Evidence tailCoverage(ObjectStore store, List<String> realKeys, Predicate<Document> realFilter,
                                 List<String> synKeys, Predicate<Document> synFilter, long tailMax) {
        LongCountMap real = new LongCountMap(1 << 14);
        Shards.forEachDocument(store, realKeys, d -> {
            if (realFilter.test(d)) {
                for (long h : Tokenizer.tokenHashes(d.text())) {
                    real.add(h, 1);
                }
            }
        });
        LongHashSet tail = new LongHashSet(1 << 12);
        long[] nc = new long[4];
        real.forEach((h, c) -> {
            if (c <= tailMax) {
                tail.add(h);
            }
            if (c <= 3) {
                nc[(int) c]++;
            }
            nc[0] += c;
        });
        DistinctUnits units = new DistinctUnits();
        long[] batchTokens = {0};
        Shards.forEachDocument(store, synKeys, d -> {
            if (synFilter.test(d)) {
                long[] th = Tokenizer.tokenHashes(d.text());
                batchTokens[0] += th.length;
                units.count(tailTypes(th, tail));
            }
        });
        if (units.documents() < 2 || tail.size() == 0) {
            return null;
        }
        Shards.forEachDocument(store, synKeys, d -> {
            if (synFilter.test(d)) {
                units.unique(tailTypes(Tokenizer.tokenHashes(d.text()), tail));
            }
        });
        Double cap = tailMax == 2
                ? TailCoverageNull.SHARE * TailCoverageNull.expected(nc[1], nc[2], nc[3], nc[0], batchTokens[0]) : null;
        return new Evidence.Jackknife(units.coverage(tail.size()), DOCUMENTS, cap);
    }

    private static long[] tailTypes(long[] th, LongHashSet tail) {
        int m = 0;
        for (long h : th) {
            if (tail.contains(h)) {
                th[m++] = h;
            }
        }
        return Arrays.copyOf(th, m);
    }

    /**
     * Per-document 13-gram memorisation against the real index: the batch share Σ found / Σ 13-grams and its
     * leave-one-out values.
     *
     * @param share    Σ found / Σ grams over the chosen documents
     * @param evidence the jackknife sample, or null with fewer than two documents
     */
    record Memorised(double share, Evidence evidence) {
    }

    /** The memorised 13-gram share of the chosen synthetic documents against the real 13-gram set. */
    static Memorised memorised(ObjectStore store, List<String> synKeys, Predicate<Document> filter,
                               GramSet index) {
        long[][] cols = {new long[64], new long[64]};
        int[] n = {0};
        Shards.forEachDocument(store, synKeys, d -> {
            if (filter.test(d)) {
                long[] r = index.overlap(Tokenizer.words(d.text()));
                if (n[0] == cols[0].length) {
                    cols[0] = Arrays.copyOf(cols[0], n[0] * 2);
                    cols[1] = Arrays.copyOf(cols[1], n[0] * 2);
                }
                cols[0][n[0]] = r[1];
                cols[1][n[0]] = r[0];
                n[0]++;
            }
        });
        long[] found = Arrays.copyOf(cols[0], n[0]);
        long[] grams = Arrays.copyOf(cols[1], n[0]);
        long f = Arrays.stream(found).sum();
        long g = Arrays.stream(grams).sum();
        double share = g == 0 ? 0 : (double) f / g;
        return new Memorised(share, n[0] < 2 ? null : new Evidence.Jackknife(Jackknife.ratio(found, grams), DOCUMENTS));
    }
}

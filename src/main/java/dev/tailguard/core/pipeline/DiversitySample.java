package dev.tailguard.core.pipeline;

import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.text.Tokenizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents on which the generate stage measures the batch's distinct-2 (value and jackknife evidence): the
 * synthetic documents with the smallest seeded hash of their id whose tokens add up to at most {@code maxTokens}
 * (always at least one document). A batch below the cap is measured whole, as before; a larger batch is measured on
 * this order-independent sample, so the merge's bigram sets are bounded by the cap, not by the corpus (a 16× SOTU
 * batch of 37 MB ran out of a 512 MB heap with exact sets over every 1- to 4-gram). Distinct-n falls with the number
 * of n-grams counted, so a capped batch is also measured at a fixed size whatever its size. The choice depends only
 * on the set of ids, not on shard order or worker count.
 *
 * @param maxTokens      the cap (tokens of {@link Tokenizer#words})
 * @param threshold      a document is in the sample iff its id hash is {@code <= threshold}
 * @param documents      documents in the sample
 * @param tokens         tokens in the sample
 * @param batchDocuments documents in the batch
 * @param batchTokens    tokens in the batch
 */
public record DiversitySample(long maxTokens, long threshold, long documents, long tokens, long batchDocuments,
                              long batchTokens) {

    /** Default cap: 2,000,000 tokens (the same budget as the reference and generator language models). */
    public static final long DEFAULT_MAX_TOKENS = 2_000_000L;
    private static final long SEED = 0x6469766572736974L; // "diversit"

    /** Chooses the sample with one pass over {@code keys} (id hash and token count of each document). */
    public static DiversitySample choose(ObjectStore store, List<String> keys, long maxTokens) {
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("diversity sample cap must be > 0 tokens, got " + maxTokens);
        }
        Pairs pairs = new Pairs();
        Shards.forEachDocument(store, keys, d -> pairs.add(hash(d.id()), Tokenizer.words(d.text()).size()));
        return fromCounts(Arrays.copyOf(pairs.hashes, pairs.size), Arrays.copyOf(pairs.tokens, pairs.size), maxTokens);
    }

    /** Growable (id hash, token count) columns: 16 bytes per document. */
    private static final class Pairs {
        long[] hashes = new long[1024];
        long[] tokens = new long[1024];
        int size;

        void add(long hash, long tokenCount) {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
                tokens = Arrays.copyOf(tokens, size * 2);
            }
            hashes[size] = hash;
            tokens[size++] = tokenCount;
        }
    }

    /** The sample over documents given by their id hashes and token counts (same index). */
    static DiversitySample fromCounts(long[] hashes, long[] tokenCounts, long maxTokens) {
        int n = hashes.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(hashes[a], hashes[b]));
        long total = 0;
        for (long t : tokenCounts) {
            total += t;
        }
        long threshold = Long.MIN_VALUE;
        long held = 0;
        int docs = 0;
        for (Integer i : order) {
            if (docs > 0 && held + tokenCounts[i] > maxTokens) {
                break;
            }
            held += tokenCounts[i];
            threshold = hashes[i];
            docs++;
        }
        if (n == 0) {
            threshold = Long.MIN_VALUE;
        }
        return new DiversitySample(maxTokens, threshold, docs, held, n, total);
    }

    /** Whether the document with this id is in the sample. */
    public boolean includes(String id) {
        return documents > 0 && hash(id) <= threshold;
    }

    /** Whether the whole batch is measured (it fits the cap). */
    public boolean whole() {
        return documents == batchDocuments;
    }

    /** The sample as stated in the manifest ({@code batch_metrics_sample}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", "distinct_2");
        m.put("max_tokens", maxTokens);
        m.put("documents", documents);
        m.put("tokens", tokens);
        m.put("batch_documents", batchDocuments);
        m.put("batch_tokens", batchTokens);
        m.put("rule", "documents with the smallest seeded id hash, tokens up to max_tokens");
        return m;
    }

    static long hash(String id) {
        return NgramHash.seeded(NgramHash.token(id), SEED);
    }
}

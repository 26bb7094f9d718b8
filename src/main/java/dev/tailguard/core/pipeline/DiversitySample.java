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
        Shards.forEachDocument(store, keys, d -> pairs.add(hash(d.id()), Tokenizer.count(d.text())));
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
        long total = 0;
        for (long t : tokenCounts) {
            total += t;
        }
        return prefix(hashes, tokenCounts, maxTokens, hashes.length, total);
    }

    /**
     * The sample from the candidates of every task of the batch ({@link Candidates#encode}): the same sample
     * {@link #choose} finds by reading the batch, without reading it.
     *
     * @throws IllegalArgumentException when a candidate list is malformed or was cut at another cap
     */
    public static DiversitySample fromCandidates(List<String> encoded, long maxTokens) {
        Pairs all = new Pairs();
        long docs = 0;
        long tokens = 0;
        for (String e : encoded) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(e));
            if (b.remaining() < 32 || b.getLong() != maxTokens) {
                throw new IllegalArgumentException("diversity candidates cut at another cap than " + maxTokens);
            }
            docs += b.getLong();
            tokens += b.getLong();
            long n = b.getLong();
            if (n < 0 || b.remaining() != n * 16) {
                throw new IllegalArgumentException("diversity candidates: " + n + " pairs announced, "
                        + b.remaining() + " bytes left");
            }
            for (long i = 0; i < n; i++) {
                all.add(b.getLong(), b.getLong());
            }
        }
        return prefix(Arrays.copyOf(all.hashes, all.size), Arrays.copyOf(all.tokens, all.size), maxTokens, docs, tokens);
    }

    /** The documents with the smallest hashes up to the cap (at least one) among the given ones. */
    private static DiversitySample prefix(long[] hashes, long[] tokenCounts, long maxTokens, long batchDocuments,
                                          long batchTokens) {
        int[] order = byHash(hashes);
        long threshold = Long.MIN_VALUE;
        long held = 0;
        int docs = 0;
        for (int i : order) {
            if (docs > 0 && held + tokenCounts[i] > maxTokens) {
                break;
            }
            held += tokenCounts[i];
            threshold = hashes[i];
            docs++;
        }
        return new DiversitySample(maxTokens, threshold, docs, held, batchDocuments, batchTokens);
    }

    private static int[] byHash(long[] hashes) {
        Integer[] order = new Integer[hashes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(hashes[a], hashes[b]));
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /**
     * One task's share of the choice, a mergeable partial state: the (id hash, tokens) of its documents with the
     * smallest hashes up to the cap, plus the first one beyond it, and the task's document and token totals. Every
     * document of the batch's sample is among its task's candidates (the documents before it in its task are before
     * it in the batch, so they add up to no more than the cap), and so is the first document after the sample (its
     * task holds it within its cap or as its first one beyond), so {@link #fromCandidates} finds the same sample as
     * {@link #choose}. At most the cap's worth of documents plus one is carried (16 bytes each).
     */
    public static final class Candidates {
        private final long maxTokens;
        private final Pairs pairs = new Pairs();
        private long tokens;

        /** @param maxTokens the cap the batch's sample will be chosen at */
        public Candidates(long maxTokens) {
            this.maxTokens = maxTokens;
        }

        /** Adds one of the task's documents: its id and its {@link Tokenizer#words} count. */
        public void add(String id, long tokenCount) {
            pairs.add(hash(id), tokenCount);
            tokens += tokenCount;
        }

        /** The candidates as a string for the task's result. */
        public String encode() {
            int[] order = byHash(Arrays.copyOf(pairs.hashes, pairs.size));
            int keep = 0;
            long held = 0;
            while (keep < order.length) {
                long t = pairs.tokens[order[keep]];
                keep++;
                if (keep > 1 && held + t > maxTokens) {
                    break; // the first one beyond the cap is kept too
                }
                held += t;
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32 + 16 * keep);
            b.putLong(maxTokens).putLong(pairs.size).putLong(tokens).putLong(keep);
            for (int i = 0; i < keep; i++) {
                b.putLong(pairs.hashes[order[i]]).putLong(pairs.tokens[order[i]]);
            }
            return java.util.Base64.getEncoder().encodeToString(b.array());
        }
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

package dev.tailguard.core.dedup;

import java.util.ArrayList;
import java.util.List;

/**
 * Batch near-duplicate detection (collapse-anchors §9): within a batch, against a reference index (a real corpus),
 * and against earlier generations (an accumulating {@link LshIndex}).
 */
public final class NearDuplicates {

    /** Outcome for a batch: per document, kept or the id it duplicates and why. */
    public record Verdict(String id, boolean keep, String duplicateOf, String reason) {
    }

    private NearDuplicates() {
    }

    /**
     * Deduplicates {@code docs} (token lists with ids) within the batch and against {@code earlier} (may be null):
     * a document is dropped when it matches an earlier-index document ("near_duplicate_earlier") or an earlier
     * document of this batch ("near_duplicate_batch"). When {@code accumulate} is true the batch's documents are
     * then merged into {@code earlier}, so the index grows generation by generation.
     */
    public static List<Verdict> dedup(List<String> ids, List<List<String>> docs, LshIndex earlier, MinHashParams params,
            boolean accumulate) {
        if (ids.size() != docs.size()) {
            throw new IllegalArgumentException("ids and docs differ in size: " + ids.size() + " vs " + docs.size());
        }
        LshIndex batch = new LshIndex(earlier != null ? earlier.minHash() : new MinHash(params));
        List<Verdict> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            long[] sig = batch.minHash().signature(docs.get(i));
            int prior = earlier == null ? -1 : earlier.query(sig);
            LshIndex.Added a = batch.addSignature(ids.get(i), sig);
            if (prior >= 0) {
                out.add(new Verdict(ids.get(i), false, earlier.id(prior), "near_duplicate_earlier"));
            } else if (a.duplicate()) {
                out.add(new Verdict(ids.get(i), false, a.representative(), "near_duplicate_batch"));
            } else {
                out.add(new Verdict(ids.get(i), true, null, null));
            }
        }
        if (earlier != null && accumulate) {
            earlier.merge(batch);
        }
        return out;
    }

    /** Share of dropped documents in the verdicts. */
    public static double nearDuplicateRate(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return 0.0;
        }
        long dropped = verdicts.stream().filter(v -> !v.keep()).count();
        return (double) dropped / verdicts.size();
    }

    /** Within-batch near-duplicate rate: share of documents that are not their cluster's first member. */
    public static double nearDuplicateRate(List<List<String>> docs, MinHashParams params) {
        LshIndex idx = new LshIndex(params);
        for (int i = 0; i < docs.size(); i++) {
            idx.add(Integer.toString(i), docs.get(i));
        }
        return idx.nearDuplicateRate();
    }

    /** Share of {@code docs} with a near duplicate in {@code reference} (e.g. a real-corpus index). */
    public static double rateAgainst(LshIndex reference, List<List<String>> docs) {
        if (docs.isEmpty()) {
            return 0.0;
        }
        long hits = 0;
        for (List<String> d : docs) {
            if (reference.containsNearDuplicate(d)) {
                hits++;
            }
        }
        return (double) hits / docs.size();
    }
}

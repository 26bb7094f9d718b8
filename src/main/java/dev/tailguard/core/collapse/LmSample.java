package dev.tailguard.core.collapse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The bounded, order-independent training sample of the collapse LM (anchor perplexity): the documents with the
 * smallest hash of their id whose tokens add up to at most {@code maxTokens} (always at least the document with the
 * smallest hash). Fed one document at a time in any order, it holds at most {@code maxTokens} tokens of text (plus
 * the one document being added), so the LM trained on it has a size bounded by the cap, not by the corpus.
 *
 * <p>The same rule chooses the generation-0 baseline's sample (real input, {@link AnchorBuilder}) and the measured
 * side's (blended output, {@link CollapseSignals}): both models are then trained on about {@code maxTokens} tokens
 * when both sides are larger than the cap, so the perplexity ratio compares models of the same training size.
 * {@code maxTokens <= 0} means no cap (every document is kept; the anchors frozen before the cap existed).
 */
final class LmSample {

    /** One held document. */
    record Held(long hash, String id, String text, long tokens) {
    }

    private static final Comparator<Held> ORDER = Comparator.comparingLong(Held::hash).thenComparing(Held::id);

    private final long maxTokens;
    private final PriorityQueue<Held> heap = new PriorityQueue<>(ORDER.reversed());
    private long heldTokens;
    /** Smallest (hash, id) ever refused or evicted: its prefix already exceeded the budget, so all above it do. */
    private Held boundary;
    private long seenTokens;
    private long seenDocuments;

    LmSample(long maxTokens) {
        this.maxTokens = maxTokens;
    }

    /** Whether this sample keeps everything (no cap). */
    boolean unbounded() {
        return maxTokens <= 0;
    }

    /** Offers one document with its token count (as {@link TextPass} counts them). */
    void offer(String id, String text, long tokens) {
        seenDocuments++;
        seenTokens += tokens;
        if (unbounded()) {
            return;
        }
        Held h = new Held(TextPass.hash(id, -2), id, text, tokens);
        if (boundary != null && ORDER.compare(h, boundary) >= 0) {
            return; // the documents below the boundary already fill the budget: never part of the sample
        }
        heap.add(h);
        heldTokens += tokens;
        while (heldTokens > maxTokens && heap.size() > 1) {
            Held out = heap.poll();
            heldTokens -= out.tokens();
            boundary = out; // each eviction has a smaller (hash, id) than the last boundary
        }
    }

    /**
     * Adds another sample of the same cap, as if its documents had been offered here: the boundary is the smaller of
     * the two (a document at or above either is beyond the budget of the union), then the other's kept documents are
     * offered. Every document of the union's sample is kept by its own side (the documents before it on its side are
     * before it in the union), so the result is the sample of the union.
     */
    void merge(LmSample other) {
        if (other.maxTokens != maxTokens) {
            throw new IllegalArgumentException("cannot merge LM samples capped at " + maxTokens + " and " + other.maxTokens);
        }
        long docs = seenDocuments + other.seenDocuments;
        long toks = seenTokens + other.seenTokens;
        if (!unbounded()) {
            if (other.boundary != null && (boundary == null || ORDER.compare(other.boundary, boundary) < 0)) {
                boundary = other.boundary;
                while (!heap.isEmpty() && ORDER.compare(heap.peek(), boundary) >= 0) {
                    heldTokens -= heap.poll().tokens();
                }
            }
            for (Held h : other.heap) {
                offer(h.id(), h.text(), h.tokens());
            }
        }
        seenDocuments = docs;
        seenTokens = toks;
    }

    /** The kept documents in hash order (deterministic whatever the order they were offered in). */
    List<Held> documents() {
        List<Held> out = new ArrayList<>(heap);
        out.sort(ORDER);
        return out;
    }

    /** Tokens of the kept documents. */
    long heldTokens() {
        return heldTokens;
    }

    /** Tokens of every offered document. */
    long seenTokens() {
        return seenTokens;
    }

    /** Documents offered. */
    long seenDocuments() {
        return seenDocuments;
    }

    long maxTokens() {
        return maxTokens;
    }
}

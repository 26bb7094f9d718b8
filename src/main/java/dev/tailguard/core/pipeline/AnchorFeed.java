package dev.tailguard.core.pipeline;

import dev.tailguard.core.collapse.AnchorBuilder;
import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.doc.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Feeds the anchor's builders on threads of their own, so the generate plan's thread (ids, shard writes) does not
 * wait for the anchor's per-document work (tokenising, counting types, the baseline LM's sample, windows). Whether a
 * document is held out is answered at once from the {@link AnchorSplit} (the builder's own rule). Batches go in
 * turn to {@value #FEEDS} builders, each fed in order by its own {@link BatchFeed}, merged when the pass ends
 * ({@link AnchorBuilder#merge}: the anchor is the one a sequential pass freezes); a builder whose baseline LM is
 * uncapped cannot merge and is fed alone.
 */
final class AnchorFeed {

    static final int FEEDS = 2;
    /** Batches that may wait per builder. */
    static final int IN_FLIGHT = 2;

    private final AnchorSplit split;
    private final List<AnchorBuilder> builders = new ArrayList<>();
    private final List<BatchFeed<Document>> feeds = new ArrayList<>();
    private int next;

    /**
     * @param first the builder the anchor is built from
     * @param more  makes another builder of the same split and configuration
     * @param split the builders' split
     */
    AnchorFeed(AnchorBuilder first, Supplier<AnchorBuilder> more, AnchorSplit split) {
        this.split = split;
        builders.add(first);
        for (int i = 1; i < FEEDS && first.mergeable(); i++) {
            builders.add(more.get());
        }
        for (int i = 0; i < builders.size(); i++) {
            AnchorBuilder b = builders.get(i);
            feeds.add(BatchFeed.documents("tailguard-anchor-feed-" + i, IN_FLIGHT, b::add));
        }
    }

    /**
     * Queues one real document; returns whether it is an anchor document (hold it out).
     *
     * @throws IllegalArgumentException as {@link AnchorBuilder#add} for a document of synthetic origin
     */
    boolean add(Document d) {
        if (d.generation() > 0) {
            return builders.get(0).add(d); // throws before the builder's state is touched
        }
        if (feeds.get(next).add(d)) {
            next = (next + 1) % feeds.size();
        }
        return split.isAnchor(d.id());
    }

    /** Waits until every queued document has reached a builder, merges them, and returns the first. */
    AnchorBuilder drain() {
        feeds.forEach(BatchFeed::drain);
        AnchorBuilder first = builders.get(0);
        for (AnchorBuilder b : builders.subList(1, builders.size())) {
            first.merge(b);
        }
        builders.subList(1, builders.size()).clear();
        return first;
    }
}

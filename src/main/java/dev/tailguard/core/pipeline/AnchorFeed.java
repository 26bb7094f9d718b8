package dev.tailguard.core.pipeline;

import dev.tailguard.core.collapse.AnchorBuilder;
import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.doc.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Feeds the anchor's builders on threads of their own, so the generate plan's thread (ids, shard writes) does not
 * wait for the anchor's per-document work (tokenising, counting types, the baseline LM's sample, windows). Whether a
 * document is held out is answered at once from the {@link AnchorSplit} (the builder's own rule). Batches go in
 * turn to {@value #FEEDS} builders, each fed in order on its own thread, merged when the pass ends
 * ({@link AnchorBuilder#merge}: the anchor is the one a sequential pass freezes); a builder whose baseline LM is
 * uncapped cannot merge and is fed alone. At most {@value #IN_FLIGHT} batches of at most {@value #BATCH_DOCS}
 * documents or {@value #BATCH_CHARS} characters wait. The threads end by themselves a second after their last
 * batch, so an abandoned feed (a failed pass) leaves none behind.
 */
final class AnchorFeed {

    static final int FEEDS = 2;
    static final int BATCH_DOCS = 256;
    static final int BATCH_CHARS = 1 << 20;
    static final int IN_FLIGHT = 4;

    private final AnchorSplit split;
    private final List<AnchorBuilder> builders = new ArrayList<>();
    private final List<ThreadPoolExecutor> threads = new ArrayList<>();
    private final Semaphore room = new Semaphore(IN_FLIGHT);
    private final AtomicReference<Throwable> failed = new AtomicReference<>();
    private List<Document> batch = new ArrayList<>();
    private long chars;
    private int next;

    /**
     * @param first   the builder the anchor is built from
     * @param more    makes another builder of the same split and configuration
     * @param split   the builders' split
     */
    AnchorFeed(AnchorBuilder first, Supplier<AnchorBuilder> more, AnchorSplit split) {
        this.split = split;
        builders.add(first);
        for (int i = 1; i < FEEDS && first.mergeable(); i++) {
            builders.add(more.get());
        }
        for (int i = 0; i < builders.size(); i++) {
            String name = "tailguard-anchor-feed-" + i;
            threads.add(new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            }));
        }
    }

    /**
     * Queues one real document; returns whether it is an anchor document (hold it out).
     *
     * @throws IllegalArgumentException as {@link AnchorBuilder#add} for a document of synthetic origin
     */
    boolean add(Document d) {
        rethrow();
        if (d.generation() > 0) {
            return builders.get(0).add(d); // throws before the builder's state is touched
        }
        batch.add(d);
        chars += d.text().length();
        if (batch.size() >= BATCH_DOCS || chars >= BATCH_CHARS) {
            submit();
        }
        return split.isAnchor(d.id());
    }

    /** Waits until every queued document has reached a builder, merges them, and returns the first. */
    AnchorBuilder drain() {
        submit();
        room.acquireUninterruptibly(IN_FLIGHT);
        room.release(IN_FLIGHT);
        rethrow();
        AnchorBuilder first = builders.get(0);
        for (AnchorBuilder b : builders.subList(1, builders.size())) {
            first.merge(b);
        }
        builders.subList(1, builders.size()).clear();
        return first;
    }

    private void submit() {
        if (batch.isEmpty()) {
            return;
        }
        List<Document> b = batch;
        batch = new ArrayList<>();
        chars = 0;
        int i = next;
        next = (next + 1) % builders.size();
        AnchorBuilder builder = builders.get(i);
        room.acquireUninterruptibly();
        threads.get(i).execute(() -> {
            try {
                if (failed.get() == null) {
                    for (Document d : b) {
                        builder.add(d);
                    }
                }
            } catch (RuntimeException | Error e) {
                failed.compareAndSet(null, e);
            } finally {
                room.release();
            }
        });
    }

    private void rethrow() {
        Throwable e = failed.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
    }
}

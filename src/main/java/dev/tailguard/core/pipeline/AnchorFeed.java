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

/**
 * Feeds an {@link AnchorBuilder} on a thread of its own, so the generate plan's thread (ids, shard writes) does not
 * wait for the anchor's per-document work (tokenising, counting types, the baseline LM's sample, windows). Whether a
 * document is held out is answered at once from the {@link AnchorSplit} (the builder's own rule); the documents reach
 * the builder in the order given, on one thread, so the anchor is the one a sequential pass freezes. At most
 * {@value #IN_FLIGHT} batches of at most {@value #BATCH_DOCS} documents or {@value #BATCH_CHARS} characters wait.
 * The thread ends by itself a second after its last batch, so an abandoned feed (a failed pass) leaves none behind.
 */
final class AnchorFeed {

    static final int BATCH_DOCS = 256;
    static final int BATCH_CHARS = 1 << 20;
    static final int IN_FLIGHT = 4;

    private final AnchorBuilder builder;
    private final AnchorSplit split;
    private final ThreadPoolExecutor thread;
    private final Semaphore room = new Semaphore(IN_FLIGHT);
    private final AtomicReference<Throwable> failed = new AtomicReference<>();
    private List<Document> batch = new ArrayList<>();
    private long chars;

    AnchorFeed(AnchorBuilder builder, AnchorSplit split) {
        this.builder = builder;
        this.split = split;
        this.thread = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "tailguard-anchor-feed");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues one real document; returns whether it is an anchor document (hold it out).
     *
     * @throws IllegalArgumentException as {@link AnchorBuilder#add} for a document of synthetic origin
     */
    boolean add(Document d) {
        rethrow();
        if (d.generation() > 0) {
            return builder.add(d); // throws before the builder's state is touched
        }
        batch.add(d);
        chars += d.text().length();
        if (batch.size() >= BATCH_DOCS || chars >= BATCH_CHARS) {
            submit();
        }
        return split.isAnchor(d.id());
    }

    /** Waits until every queued document has reached the builder, and returns it. */
    AnchorBuilder drain() {
        submit();
        room.acquireUninterruptibly(IN_FLIGHT);
        room.release(IN_FLIGHT);
        rethrow();
        return builder;
    }

    private void submit() {
        if (batch.isEmpty()) {
            return;
        }
        List<Document> b = batch;
        batch = new ArrayList<>();
        chars = 0;
        room.acquireUninterruptibly();
        thread.execute(() -> {
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

package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Hands items (documents, or whatever a caller computed from them), in the order given, to a consumer running on a
 * thread of its own: items are batched (at most {@value #BATCH_DOCS} items or {@value #BATCH_CHARS} characters of
 * their text) and at most {@code inFlight} batches wait, so
 * the caller blocks rather than queueing a corpus. The first failure of the consumer is rethrown to the caller (by
 * the next {@link #add} or by {@link #drain}); later batches are skipped. The thread ends by itself a second after
 * its last batch, so an abandoned feed (a failed pass) leaves none behind.
 */
final class BatchFeed<T> {

    static final int BATCH_DOCS = 256;
    static final int BATCH_CHARS = 1 << 20;

    private final Consumer<T> consumer;
    private final ToLongFunction<T> chars;
    private final int inFlight;
    private final Semaphore room;
    private final ThreadPoolExecutor thread;
    private final AtomicReference<Throwable> failed = new AtomicReference<>();
    private List<T> batch = new ArrayList<>();
    private long batchChars;

    /** A feed of documents, batched by their text's length. */
    static BatchFeed<Document> documents(String threadName, int inFlight, Consumer<Document> consumer) {
        return new BatchFeed<>(threadName, inFlight, consumer, d -> d.text().length());
    }

    /**
     * @param threadName the consumer thread's name
     * @param inFlight   batches that may wait (&gt; 0)
     * @param consumer   called with every item, in order, on the feed's thread
     * @param chars      an item's text length, which bounds a batch
     */
    BatchFeed(String threadName, int inFlight, Consumer<T> consumer, ToLongFunction<T> chars) {
        this.consumer = consumer;
        this.chars = chars;
        this.inFlight = inFlight;
        this.room = new Semaphore(inFlight);
        this.thread = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues one item; returns true when it closed a batch (handed to the thread). */
    boolean add(T item) {
        rethrow();
        batch.add(item);
        batchChars += chars.applyAsLong(item);
        if (batch.size() >= BATCH_DOCS || batchChars >= BATCH_CHARS) {
            submit();
            return true;
        }
        return false;
    }

    /** Waits until the consumer has taken every item queued so far; rethrows its first failure. */
    void drain() {
        submit();
        room.acquireUninterruptibly(inFlight);
        room.release(inFlight);
        rethrow();
    }

    private void submit() {
        if (batch.isEmpty()) {
            return;
        }
        List<T> b = batch;
        batch = new ArrayList<>();
        batchChars = 0;
        room.acquireUninterruptibly();
        thread.execute(() -> {
            try {
                if (failed.get() == null) {
                    b.forEach(consumer);
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

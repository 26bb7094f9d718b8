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

/**
 * Hands documents, in the order given, to a consumer running on a thread of its own: documents are batched (at most
 * {@value #BATCH_DOCS} documents or {@value #BATCH_CHARS} characters) and at most {@code inFlight} batches wait, so
 * the caller blocks rather than queueing a corpus. The first failure of the consumer is rethrown to the caller (by
 * the next {@link #add} or by {@link #drain}); later batches are skipped. The thread ends by itself a second after
 * its last batch, so an abandoned feed (a failed pass) leaves none behind.
 */
final class BatchFeed {

    static final int BATCH_DOCS = 256;
    static final int BATCH_CHARS = 1 << 20;

    private final Consumer<Document> consumer;
    private final int inFlight;
    private final Semaphore room;
    private final ThreadPoolExecutor thread;
    private final AtomicReference<Throwable> failed = new AtomicReference<>();
    private List<Document> batch = new ArrayList<>();
    private long chars;

    /**
     * @param threadName the consumer thread's name
     * @param inFlight   batches that may wait (&gt; 0)
     * @param consumer   called with every document, in order, on the feed's thread
     */
    BatchFeed(String threadName, int inFlight, Consumer<Document> consumer) {
        this.consumer = consumer;
        this.inFlight = inFlight;
        this.room = new Semaphore(inFlight);
        this.thread = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues one document; returns true when it closed a batch (handed to the thread). */
    boolean add(Document d) {
        rethrow();
        batch.add(d);
        chars += d.text().length();
        if (batch.size() >= BATCH_DOCS || chars >= BATCH_CHARS) {
            submit();
            return true;
        }
        return false;
    }

    /** Waits until the consumer has taken every document queued so far; rethrows its first failure. */
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
        List<Document> b = batch;
        batch = new ArrayList<>();
        chars = 0;
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

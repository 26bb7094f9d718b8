package dev.tailguard.core.pipeline.runner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-document progress inside running tasks, in this process: how many documents the tasks of each (run, stage) have
 * read so far. The object store only shows a task once its completion marker exists, so a stage of one large task
 * would jump from 0 to 100%; this counter moves with every document in between.
 * <p>
 * A task thread {@link #enter enters} a scope for its run and stage (the stage runner does); the task-range readers
 * call {@link #tick()} after each document they hand to the stage; {@link #documents} reads the count (the
 * {@link ProgressWatcher} shows {@code max(store count, live count)}, capped at the stage's total). A stage that
 * works in batches counts a document when it reads it, so the count leads the finished work by at most one batch. A
 * task that is run again after a killed attempt counts its documents again (hence the cap). Counters of at most
 * {@value #MAX_STAGES} (run, stage) pairs are kept; the oldest is dropped first. Thread-safe.
 */
public final class LiveDocuments {

    /** Most (run, stage) counters kept. */
    public static final int MAX_STAGES = 256;

    private static final LiveDocuments PROCESS = new LiveDocuments();
    private static final ThreadLocal<LongAdder> CURRENT = new ThreadLocal<>();

    private final Map<String, LongAdder> counters = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LongAdder> eldest) {
            return size() > MAX_STAGES;
        }
    };

    /** The counters of this process (what the stage runner feeds and the embedded run's progress bar reads). */
    public static LiveDocuments process() {
        return PROCESS;
    }

    /** A scope of the current thread; closing it restores the scope it replaced. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Counts the documents this thread reads, until the scope closes, for {@code stage} of {@code runId}. */
    public Scope enter(String runId, String stage) {
        LongAdder counter;
        synchronized (counters) {
            counter = counters.computeIfAbsent(key(runId, stage), k -> new LongAdder());
        }
        LongAdder previous = CURRENT.get();
        CURRENT.set(counter);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** One more document read by the current thread's task; nothing outside a scope. */
    public static void tick() {
        LongAdder c = CURRENT.get();
        if (c != null) {
            c.increment();
        }
    }

    /**
     * The current thread's counter as a callback that other threads working for the same step can call (a no-op
     * outside a scope).
     */
    public static Runnable ticker() {
        LongAdder c = CURRENT.get();
        return c == null ? () -> { } : c::increment;
    }

    /** Documents read so far by the tasks of {@code stage} of {@code runId} in this process (0 when none). */
    public long documents(String runId, String stage) {
        LongAdder c;
        synchronized (counters) {
            c = counters.get(key(runId, stage));
        }
        return c == null ? 0 : c.sum();
    }

    private static String key(String runId, String stage) {
        return runId + '\u0000' + stage;
    }
}

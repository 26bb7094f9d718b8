package dev.tailguard.core.trigger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run ids requested most recently, at most {@code capacity} of them (oldest evicted first), so that a repeated
 * or redelivered notification of the same object version starts at most one run from this process. The
 * {@link RunRequester} stays idempotent per run id for what this bounded memory forgets (restarts, other replicas).
 */
public final class RecentRunIds {

    private final Map<String, Boolean> seen;
    private final int capacity;

    /** @param capacity how many run ids are remembered, at least 1 */
    public RecentRunIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > RecentRunIds.this.capacity;
            }
        };
    }

    /** Records the id; true when it was not already remembered (the caller may start the run). */
    public synchronized boolean firstTime(String runId) {
        return seen.putIfAbsent(runId, Boolean.TRUE) == null;
    }

    /** Forgets an id whose request failed, so that a retry may start it. */
    public synchronized void forget(String runId) {
        seen.remove(runId);
    }

    /** How many ids are remembered now (never more than the capacity). */
    public synchronized int size() {
        return seen.size();
    }
}

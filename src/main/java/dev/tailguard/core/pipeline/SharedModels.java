package dev.tailguard.core.pipeline;

import dev.tailguard.core.store.ObjectStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Corpus-level read-only structures a run's tasks share (the generator's and the reference Kneser-Ney models),
 * loaded once per process and run from the binaries their stage's plan wrote to the store ({@link GeneratorLm},
 * {@link CorpusArtifacts}; no task retrains) and kept for the few most recent runs.
 */
final class SharedModels {

    private static final int KEEP = 4;
    private static final Map<String, Object> CACHE = new LinkedHashMap<>();
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();

    private SharedModels() {
    }

    /** The structure named {@code kind} of the run, built by {@code build} on first use in this process. */
    @SuppressWarnings("unchecked")
    static <T> T get(ObjectStore store, String runId, String kind, Supplier<T> build) {
        String key = store.describe("runs/" + runId) + "#" + kind;
        synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
            synchronized (CACHE) {
                Object v = CACHE.get(key);
                if (v != null) {
                    return (T) v;
                }
            }
            T v = build.get();
            synchronized (CACHE) {
                CACHE.put(key, v);
                while (CACHE.size() > KEEP) {
                    String eldest = CACHE.keySet().iterator().next();
                    CACHE.remove(eldest);
                    LOCKS.remove(eldest);
                }
            }
            return v;
        }
    }

    /**
     * Drops a run's structure from this process's cache once the stages that use it are done (the generator's model
     * when scoring starts, the reference models and 13-gram set when scoring has merged), so later stages do not
     * carry it in their heap. A task that needs it again reloads it.
     */
    static void forget(ObjectStore store, String runId, String kind) {
        String key = store.describe("runs/" + runId) + "#" + kind;
        synchronized (CACHE) {
            CACHE.remove(key);
        }
    }

    /** Forgets everything (tests that measure a cold start). */
    static void clear() {
        synchronized (CACHE) {
            CACHE.clear();
        }
    }
}

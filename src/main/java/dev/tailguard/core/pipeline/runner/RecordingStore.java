package dev.tailguard.core.pipeline.runner;

import dev.tailguard.core.store.ForwardingObjectStore;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store as one task attempt sees it: every call goes to the shared store, and the keys the attempt wrote are
 * remembered, so that after the attempt the runner can tell its own outputs from a killed attempt's orphans.
 */
final class RecordingStore extends ForwardingObjectStore {

    private final Set<String> written = ConcurrentHashMap.newKeySet();

    RecordingStore(ObjectStore delegate) {
        super(delegate);
    }

    /** Keys this attempt wrote (or tried to create once). */
    Set<String> written() {
        return Set.copyOf(written);
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        super.put(key, content);
        written.add(key);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) throws IOException {
        boolean created = super.putIfAbsent(key, content);
        written.add(key);
        return created;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        super.put(key, file);
        written.add(key);
    }
}

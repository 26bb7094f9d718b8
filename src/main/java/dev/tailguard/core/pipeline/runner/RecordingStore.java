package dev.tailguard.core.pipeline.runner;

import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store as one task attempt sees it: every call goes to the shared store, and the keys the attempt wrote are
 * remembered, so that after the attempt the runner can tell its own outputs from a killed attempt's orphans.
 */
final class RecordingStore implements ObjectStore {

    private final ObjectStore delegate;
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    RecordingStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    /** Keys this attempt wrote (or tried to create once). */
    Set<String> written() {
        return Set.copyOf(written);
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        delegate.put(key, content);
        written.add(key);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) throws IOException {
        boolean created = delegate.putIfAbsent(key, content);
        written.add(key);
        return created;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        delegate.put(key, file);
        written.add(key);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return delegate.open(key);
    }

    @Override
    public boolean exists(String key) throws IOException {
        return delegate.exists(key);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        delegate.delete(key);
    }

    @Override
    public String describe(String key) {
        return delegate.describe(key);
    }

    @Override
    public void removeTemporaries(String keyPrefix, Instant modifiedBefore) throws IOException {
        delegate.removeTemporaries(keyPrefix, modifiedBefore);
    }
}

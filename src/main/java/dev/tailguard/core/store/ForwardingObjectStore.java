package dev.tailguard.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * An {@link ObjectStore} that hands every call to another store; subclasses override the calls they observe or
 * change (for example the stage runner's record of what one task attempt wrote, or a test's fault injection).
 */
public abstract class ForwardingObjectStore implements ObjectStore {

    private final ObjectStore delegate;

    /** @param delegate the store every call goes to */
    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    /** The store the calls go to. */
    protected final ObjectStore delegate() {
        return delegate;
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        delegate.put(key, content);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) throws IOException {
        return delegate.putIfAbsent(key, content);
    }

    @Override
    public void put(String key, Path file) throws IOException {
        delegate.put(key, file);
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

package dev.tailguard.core.review;

import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The review gate's view of an {@link ObjectStore}: reads, plain writes, and create-once writes. Create-once is
 * delegated to the store when it implements {@link ConditionalPut} (S3 {@code If-None-Match: *}); otherwise it is a
 * compare-and-set under a per-key lock, atomic for every writer in this JVM; on a {@link LocalObjectStore} the create
 * is a hard link, which also fails atomically across processes sharing the folder.
 */
public final class ReviewStore {

    private final ObjectStore store;
    private static final int KEY_STRIPES = 64;

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ReentrantLock[] keyLocks = new ReentrantLock[KEY_STRIPES];

    public ReviewStore(ObjectStore store) {
        this.store = store;
        for (int i = 0; i < KEY_STRIPES; i++) {
            keyLocks[i] = new ReentrantLock();
        }
    }

    /** The underlying store. */
    public ObjectStore objects() {
        return store;
    }

    /** Creates the object when the key is absent; returns whether this call created it. */
    public boolean putIfAbsent(String key, byte[] content) throws IOException {
        if (store instanceof ConditionalPut conditional) {
            return conditional.putIfAbsent(key, content);
        }
        if (store instanceof LocalObjectStore local) {
            return linkIfAbsent(local.resolve(key), content);
        }
        ReentrantLock lock = keyLocks[Math.floorMod(key.hashCode(), KEY_STRIPES)];
        lock.lock();
        try {
            if (store.exists(key)) {
                return false;
            }
            store.put(key, content);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A hard link fails atomically when the target exists: a compare-and-set across processes on one file system. */
    private static boolean linkIfAbsent(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        // default permissions (the umask), not createTempFile's rw-------
        Path tmp = target.resolveSibling(".put-" + java.util.UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, content, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The object's bytes, or empty when absent. */
    public Optional<byte[]> read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return Optional.of(in.readAllBytes());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Runs the action while holding the (reentrant) lock named {@code name} in this JVM; one lock per name. */
    public <T> T withLock(String name, IoSupplier<T> action) throws IOException {
        ReentrantLock lock = locks.computeIfAbsent(name, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    List<String> list(String prefix) throws IOException {
        return store.list(prefix);
    }

    void put(String key, byte[] content) throws IOException {
        store.put(key, content);
    }

    void delete(String key) throws IOException {
        store.delete(key);
    }

    boolean exists(String key) throws IOException {
        return store.exists(key);
    }

    /** A supplier that may throw {@link IOException}. */
    @FunctionalInterface
    public interface IoSupplier<T> {
        T get() throws IOException;
    }

}

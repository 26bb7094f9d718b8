package dev.tailguard.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A flat key/value object store with the semantics of an S3 bucket. Keys use {@code /} as separator; a run's
 * objects live under {@code runs/<runId>/{input,synthetic,scores,blended,quarantine,report}/...}.
 * Implementations: a local folder (the embedded default) and S3.
 */
public interface ObjectStore {

    /** Stores the bytes under the key, replacing any previous object. */
    void put(String key, byte[] content) throws IOException;

    /**
     * Creates the object only when no object exists under the key, atomically: of several concurrent callers (threads,
     * processes or replicas on the same store) exactly one gets {@code true}; the others get {@code false} and leave
     * the existing object untouched. Used for completion and fan-in markers. Stores without an atomic conditional
     * write do not support it (the default).
     */
    default boolean putIfAbsent(String key, byte[] content) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no atomic create-once write");
    }

    /** Stores the content of a local file under the key (streams; suitable for large shards). */
    void put(String key, Path file) throws IOException;

    /** Opens an object for reading. Throws {@link java.nio.file.NoSuchFileException} when absent. */
    InputStream open(String key) throws IOException;

    /** Whether an object exists under the key. */
    boolean exists(String key) throws IOException;

    /** Keys under a prefix, sorted lexicographically. */
    List<String> list(String prefix) throws IOException;

    /** Deletes the object if present. */
    void delete(String key) throws IOException;

    /** A human-readable location of the key (a path or an s3:// URI). */
    String describe(String key);

    /**
     * Removes temporary files a killed writer left for keys starting with {@code keyPrefix} (a local store stages
     * each object in a temporary file next to it), when they were last modified before {@code modifiedBefore}. A
     * newer temporary file may be a live concurrent writer's (a redelivered task running beside the first attempt),
     * so the caller chooses a cut-off older than any live writer's pause between writes. Stores whose writes are
     * atomic (S3) have none: the default does nothing.
     */
    default void removeTemporaries(String keyPrefix, java.time.Instant modifiedBefore) throws IOException {
    }
}

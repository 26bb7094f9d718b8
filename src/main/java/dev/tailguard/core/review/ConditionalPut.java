package dev.tailguard.core.review;

import java.io.IOException;

/**
 * An object store that can create an object only when the key is absent, atomically across processes
 * (S3: {@code PutObject} with {@code If-None-Match: *}). Stores without it get an in-JVM compare-and-set.
 */
public interface ConditionalPut {

    /** Writes the object when no object exists under the key; returns false, writing nothing, otherwise. */
    boolean putIfAbsent(String key, byte[] content) throws IOException;
}

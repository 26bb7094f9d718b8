package dev.tailguard.core.trigger;

import java.util.Objects;

/**
 * An object was created (put, post, copy, completed multipart upload).
 *
 * @param bucket bucket name
 * @param key    decoded object key
 * @param size   size in bytes, {@code -1} when the notification does not carry it
 * @param eTag   entity tag without quotes, {@code ""} when absent (multipart tags end in {@code -<parts>})
 */
public record ObjectCreated(String bucket, String key, long size, String eTag) implements ObjectEvent {

    public ObjectCreated {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        eTag = eTag == null ? "" : eTag.replace("\"", "");
    }

    @Override
    public String eventName() {
        return "ObjectCreated";
    }
}

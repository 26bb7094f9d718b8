package dev.tailguard.core.trigger;

/**
 * One object-level record of an object-storage notification (AWS S3, MinIO, EventBridge), with the object key
 * already URL-decoded.
 */
public sealed interface ObjectEvent permits ObjectCreated, ObjectRemoved, OtherObjectEvent {

    /** The bucket the event happened in. */
    String bucket();

    /** The decoded object key ({@code ""} for bucket-level events such as {@code s3:TestEvent}). */
    String key();

    /** The event name as sent, e.g. {@code ObjectCreated:Put} or {@code s3:ObjectRemoved:Delete}. */
    String eventName();

    /** {@code s3://bucket/key}. */
    default String uri() {
        return "s3://" + bucket() + "/" + key();
    }
}

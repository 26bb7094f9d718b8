package dev.tailguard.core.trigger;

/** Any other notification (access, restore, replication, tagging, lifecycle, {@code s3:TestEvent}...). */
public record OtherObjectEvent(String bucket, String key, String eventName) implements ObjectEvent {
}

package dev.tailguard.core.trigger;

/** An object was deleted (or a delete marker was created). */
public record ObjectRemoved(String bucket, String key, String eventName) implements ObjectEvent {
}

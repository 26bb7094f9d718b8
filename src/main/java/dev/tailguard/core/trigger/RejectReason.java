package dev.tailguard.core.trigger;

/** Why an object-storage event starts no run (typed reason of {@link IncomingObjectPolicy.Verdict}). */
public enum RejectReason {
    /** The event names a bucket this deployment does not watch. */
    UNKNOWN_BUCKET,
    /** The object was deleted. */
    REMOVED,
    /** Another kind of event (test event, metadata change). */
    NOT_CREATED,
    /** The key is absolute, has {@code ..}/{@code .}/empty segments or control characters: the whole request is refused. */
    UNSAFE_KEY,
    /** The key is outside the configured incoming prefix. */
    OUTSIDE_PREFIX,
    /** The key does not end in a JSONL suffix. */
    NOT_JSONL,
    /** The object is known to be empty. */
    EMPTY,
    /** The same object version was already requested (redelivered or repeated notification). */
    DUPLICATE
}

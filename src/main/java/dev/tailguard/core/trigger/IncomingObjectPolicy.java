package dev.tailguard.core.trigger;

import java.util.List;
import java.util.Objects;

/**
 * Decides whether an object-storage event starts a run: only a created object in the configured bucket, under the
 * incoming prefix (default {@code incoming/}) with a key that is safe ({@link ObjectKeys#unsafe}), whose key ends in {@code .jsonl} or {@code .jsonl.zst}, and that is
 * not known to be empty. Everything else is rejected with a reason naming the object.
 */
public final class IncomingObjectPolicy {

    /** Default key prefix watched for new corpora. */
    public static final String DEFAULT_PREFIX = "incoming/";
    /** Key suffixes accepted as JSONL corpora. */
    public static final List<String> SUFFIXES = List.of(".jsonl", ".jsonl.zst");

    private final String bucket;
    private final String prefix;

    /**
     * @param bucket the only bucket whose objects start runs ({@code tailguard.store.s3.bucket})
     * @param prefix key prefix watched for new corpora ({@code tailguard.trigger.prefix}, default {@code incoming/});
     *               {@code ""} accepts the whole bucket
     */
    public IncomingObjectPolicy(String bucket, String prefix) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must not be blank");
        }
        this.bucket = bucket;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** A policy on the bucket with the {@link #DEFAULT_PREFIX}. */
    public static IncomingObjectPolicy forBucket(String bucket) {
        return new IncomingObjectPolicy(bucket, DEFAULT_PREFIX);
    }

    /** The verdict on one event. */
    public Verdict check(ObjectEvent event) {
        if (!event.bucket().equals(bucket)) {
            return Verdict.reject(event, RejectReason.UNKNOWN_BUCKET, "unknown bucket '" + event.bucket() + "' (this deployment watches '"
                    + bucket + "')");
        }
        if (event instanceof ObjectRemoved removed) {
            return Verdict.reject(event, RejectReason.REMOVED, "object " + event.uri() + " was deleted (" + removed.eventName()
                    + "); only created objects start runs");
        }
        if (!(event instanceof ObjectCreated created)) {
            return Verdict.reject(event, RejectReason.NOT_CREATED, "event " + event.eventName() + " for " + event.uri()
                    + " is not an object-created event");
        }
        java.util.Optional<String> unsafe = ObjectKeys.unsafe(created.key());
        if (unsafe.isPresent()) {
            return Verdict.reject(event, RejectReason.UNSAFE_KEY, unsafe.get() + "; nothing is read for it");
        }
        if (!created.key().startsWith(prefix)) {
            return Verdict.reject(event, RejectReason.OUTSIDE_PREFIX, "key '" + created.key() + "' is outside the incoming prefix '" + prefix + "'");
        }
        if (SUFFIXES.stream().noneMatch(created.key()::endsWith)) {
            return Verdict.reject(event, RejectReason.NOT_JSONL, "key '" + created.key() + "' is not a JSONL corpus (expected "
                    + String.join(" or ", SUFFIXES) + ")");
        }
        if (created.size() == 0) {
            return Verdict.reject(event, RejectReason.EMPTY, "object " + created.uri() + " is empty (0 bytes)");
        }
        return new Verdict(event, created, null, null);
    }

    /**
     * The outcome for one event: either {@link #accepted()} is set, or {@link #rejectedAs()} (typed) and
     * {@link #reason()} (for people) say why not.
     */
    public record Verdict(ObjectEvent event, ObjectCreated accepted, RejectReason rejectedAs, String reason) {

        static Verdict reject(ObjectEvent event, RejectReason as, String reason) {
            return new Verdict(event, null, as, reason);
        }

        /** Whether the event starts a run. */
        public boolean isAccepted() {
            return accepted != null;
        }
    }
}

package dev.tailguard.core.review;

/** A review request that cannot be served; {@link #kind()} maps to an HTTP status in the REST adapter. */
public final class ReviewException extends RuntimeException {

    /** Why the request failed. */
    public enum Kind {
        /** Unknown batch (HTTP 404). */
        NOT_FOUND,
        /** The batch is already decided otherwise, consumed, or changed since it was queued (HTTP 409). */
        CONFLICT,
        /** The request itself is wrong, e.g. a reject without a reason (HTTP 400). */
        INVALID,
        /** Storage or the resume emitter failed (HTTP 503); the request may be retried. */
        UNAVAILABLE
    }

    private final Kind kind;

    public ReviewException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ReviewException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

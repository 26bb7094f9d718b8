package dev.tailguard.core.review;

/** Where a batch is in the review gate. */
public enum BatchStatus {
    /** Waiting for a reviewer. */
    PENDING,
    /** Approved; the resume event was emitted (or will be on retry). */
    APPROVED,
    /** Rejected and quarantined. */
    REJECTED,
    /** Approved and consumed by the blend stage; no further decision possible. */
    CONSUMED
}

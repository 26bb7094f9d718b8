package dev.tailguard.core.review;

/** A reviewer's verdict on a batch. */
public enum Verdict {
    APPROVED, REJECTED
}

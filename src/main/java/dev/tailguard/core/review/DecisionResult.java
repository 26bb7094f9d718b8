package dev.tailguard.core.review;

/**
 * Outcome of an approve/reject call.
 *
 * @param decision the batch's decision (possibly made earlier by the same request repeated)
 * @param created  true when this call made the decision, false when it repeated an identical earlier one
 * @param status   the batch status after the call
 */
public record DecisionResult(Decision decision, boolean created, BatchStatus status) {
}

package dev.tailguard.core.review;

/**
 * A reviewer's note on one sampled document, e.g. {@code memorised}, {@code toxic}, {@code off-topic}.
 *
 * @param documentId id of a document in the batch's sample
 * @param flag       short label
 * @param note       optional free text
 */
public record DocumentFlag(String documentId, String flag, String note) {
}

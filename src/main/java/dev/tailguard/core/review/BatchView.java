package dev.tailguard.core.review;

/**
 * A queue row: a batch without its sample.
 *
 * @param batchId       id
 * @param runId         run
 * @param createdAt     when it was queued
 * @param documents     synthetic documents in the batch
 * @param sampleSize    documents in the reviewer's sample
 * @param contentSha256 content hash
 * @param status        pending, approved, rejected or consumed
 * @param decision      the decision, or null while pending
 */
public record BatchView(String batchId, String runId, String createdAt, long documents, int sampleSize,
                        String contentSha256, BatchStatus status, Decision decision) {
}

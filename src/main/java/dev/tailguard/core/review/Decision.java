package dev.tailguard.core.review;

import java.util.List;

/**
 * The single decision on a batch (stored once, by compare-and-set).
 *
 * @param batchId       the batch
 * @param runId         its run
 * @param verdict       approved or rejected
 * @param principal     the authenticated reviewer (from the security layer, never from the request body)
 * @param decidedAt     ISO-8601 instant
 * @param reason        the reviewer's reason (required for rejections)
 * @param contentSha256 the batch content hash the reviewer decided on
 * @param flags         per-document flags
 */
public record Decision(String batchId, String runId, Verdict verdict, String principal, String decidedAt,
                       String reason, String contentSha256, List<DocumentFlag> flags) {
}

package dev.tailguard.core.review;

import java.util.List;

/**
 * One append-only audit record.
 *
 * @param seq           1-based position in the batch's audit log
 * @param time          ISO-8601 instant
 * @param batchId       the batch
 * @param runId         its run
 * @param action        {@code queued}, {@code approved}, {@code rejected}, {@code resumed}, {@code resume_failed},
 *                      {@code quarantined}, {@code consumed}, {@code conflict}
 * @param principal     who did it ({@code system} for pipeline actions)
 * @param reason        reason or detail
 * @param contentSha256 the batch's content hash
 * @param flags         per-document flags of a decision
 */
public record AuditEntry(long seq, String time, String batchId, String runId, String action, String principal,
                         String reason, String contentSha256, List<DocumentFlag> flags) {
}

package dev.tailguard.core.review;

import java.util.List;

/**
 * A batch with its sample, status, decision and audit log.
 *
 * @param batch    the queued batch and its sample
 * @param status   current status
 * @param decision the decision, or null while pending
 * @param audit    the audit log, oldest first
 */
public record BatchDetail(ReviewBatch batch, BatchStatus status, Decision decision, List<AuditEntry> audit) {
}

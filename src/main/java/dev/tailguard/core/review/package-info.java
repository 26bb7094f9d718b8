/**
 * Human-in-the-loop review gate (pure Java, no Quarkus): a {@link dev.tailguard.core.review.ReviewQueue} persisted
 * in the run's object store, seeded samples of each scored synthetic batch, idempotent race-safe decisions, an
 * append-only audit log and the {@code review} section of {@code report.json}.
 *
 * <p>Object layout, next to the pipeline's own prefixes:
 * <pre>
 * review/index/&lt;batchId&gt;.json                 one small object per batch (batch id to run id)
 * runs/&lt;runId&gt;/review/&lt;batchId&gt;/batch.json      the batch: hash, shard keys, sample, resume event
 * runs/&lt;runId&gt;/review/&lt;batchId&gt;/decision.json   the one decision, written with compare-and-set
 * runs/&lt;runId&gt;/review/&lt;batchId&gt;/emitted.json    claim that the approval event was emitted (once)
 * runs/&lt;runId&gt;/review/&lt;batchId&gt;/consumed.json   the blend stage consumed the approved batch
 * runs/&lt;runId&gt;/review/&lt;batchId&gt;/audit/NNNNNN.json append-only audit entries
 * runs/&lt;runId&gt;/quarantine/review-&lt;batchId&gt;.jsonl rejected batch, every record with the reviewer's reason
 * </pre>
 *
 * <p>Concurrency: within one JVM a per-batch lock serialises decisions, and every write that must happen once
 * goes through {@link dev.tailguard.core.review.ReviewStore#putIfAbsent}. For several replicas sharing one bucket
 * the compare-and-set is the object store's conditional write: an S3 {@code PutObject} with
 * {@code If-None-Match: *} (fails with 412 when the key exists). A store that offers it implements
 * {@link dev.tailguard.core.review.ConditionalPut}; the in-JVM lock is then only an optimisation.
 */
package dev.tailguard.core.review;

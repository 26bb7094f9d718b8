package dev.tailguard.core.review;

import java.util.List;
import java.util.Map;

/**
 * A queued batch: what was sampled from which bytes.
 *
 * @param batchId       globally unique id
 * @param runId         the run it belongs to
 * @param createdAt     ISO-8601 instant
 * @param contentSha256 SHA-256 over the bytes of the synthetic shards, concatenated in key order
 * @param documents     number of synthetic documents in the batch
 * @param candidates    documents the score stage kept, from which the sample was drawn
 * @param syntheticKeys the shards
 * @param sampleSeed    the seed the sample was drawn with
 * @param sample        the sampled documents, in batch order
 * @param gates         batch-level gate results
 * @param resumeEvent   event data re-emitted on approval
 */
public record ReviewBatch(String batchId, String runId, String createdAt, String contentSha256, long documents,
                          long candidates,
                          List<String> syntheticKeys, long sampleSeed, List<SampleItem> sample,
                          List<Map<String, Object>> gates, Map<String, Object> resumeEvent) {
}

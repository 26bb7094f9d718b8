package dev.tailguard.core.review;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the pipeline hands to the review gate instead of the blend stage.
 *
 * @param runId         the run
 * @param batchId       globally unique batch id ({@code [A-Za-z0-9._-]+}), e.g. {@code <runId>-scored}
 * @param seed          sampling seed (the run's seed; mixed with the batch id)
 * @param syntheticKeys object keys of the batch's synthetic JSONL shards (hashed and sampled)
 * @param scoreKeys     object keys of the per-document score shards (lines with {@code id} and score fields)
 * @param seedKeys      object keys of the input shards that hold the seed documents named in {@code seed_ids}
 * @param gates         batch-level gate results ({@code stage, name, value, threshold, passed}) shown to reviewers
 * @param resumeEvent   the event data to re-emit on approval (references only, never corpora)
 */
public record BatchRequest(String runId, String batchId, long seed, List<String> syntheticKeys, List<String> scoreKeys,
                           List<String> seedKeys, List<Map<String, Object>> gates, Map<String, Object> resumeEvent) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public BatchRequest {
        requireId("runId", runId);
        requireId("batchId", batchId);
        syntheticKeys = List.copyOf(Objects.requireNonNull(syntheticKeys, "syntheticKeys"));
        if (syntheticKeys.isEmpty()) {
            throw new ReviewException(ReviewException.Kind.INVALID, "batch " + batchId + " has no synthetic shard");
        }
        scoreKeys = scoreKeys == null ? List.of() : List.copyOf(scoreKeys);
        seedKeys = seedKeys == null ? List.of() : List.copyOf(seedKeys);
        gates = gates == null ? List.of() : List.copyOf(gates);
        resumeEvent = resumeEvent == null ? Map.of() : Map.copyOf(resumeEvent);
    }

    static void requireId(String field, String value) {
        if (value == null || !ID.matcher(value).matches() || value.startsWith(".")) {
            throw new ReviewException(ReviewException.Kind.INVALID,
                    field + " must match [A-Za-z0-9._-]+ and not start with '.', got: " + value);
        }
    }
}

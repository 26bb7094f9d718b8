package dev.tailguard.core.review;

import java.util.List;
import java.util.Map;

/**
 * One sampled synthetic document as a reviewer sees it.
 *
 * @param index   position of the document in the batch (0-based, over all shards in key order)
 * @param id      document id
 * @param text    synthetic text
 * @param scores  the document's score record (all fields but the id: metric values, gate decisions, drop reason)
 * @param seedIds every seed id from the document's {@code seed_ids} metadata
 * @param seedId  the seed shown next to it (the first seed id found in the input), or null
 * @param seedText that seed's text, or null when no seed was found
 * @param spans   memorised spans between seed and synthetic text, longest-first per position
 */
public record SampleItem(int index, String id, String text, Map<String, Object> scores, List<String> seedIds,
                         String seedId, String seedText, List<Span> spans) {
}

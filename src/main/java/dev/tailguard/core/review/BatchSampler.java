package dev.tailguard.core.review;

import dev.tailguard.core.io.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.store.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws the reviewer's sample from a batch in streaming passes: note the documents the score stage already
 * quarantined ({@code decision} other than {@code keep}: they will not enter training), reservoir-sample the rest of
 * the synthetic shards
 * (Algorithm R with a seeded {@link SplittableRandom}, so the same seed and bytes give the same sample), then pick the
 * sampled documents' score records and seed documents out of their shards.
 */
final class BatchSampler {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private BatchSampler() {
    }

    /** documents: all records in the shards; candidates: those the score stage kept (the sampled population). */
    record Drawn(long documents, long candidates, long sampleSeed, List<SampleItem> sample) {
    }

    private record Picked(int index, String id, String text, List<String> seedIds) {
    }

    /** Mixes the run seed with the batch id (stable across JVMs: String.hashCode is specified). */
    static long sampleSeed(long runSeed, String batchId) {
        long h = 1125899906842597L;
        for (byte b : batchId.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return runSeed ^ h;
    }

    static Drawn draw(ObjectStore store, BatchRequest req, ReviewSettings settings) throws IOException {
        long seed = sampleSeed(req.seed(), req.batchId());
        SplittableRandom random = new SplittableRandom(seed);
        int n = settings.sampleSize();
        Set<String> dropped = new HashSet<>();
        Shards.forEach(store, req.scoreKeys(), (node, key, lineNo) -> {
            JsonNode decision = node.get("decision");
            JsonNode id = node.has("id") ? node.get("id") : node.get("doc_id");
            if (id != null && decision != null && decision.isTextual() && !"keep".equals(decision.asText())) {
                dropped.add(id.asText());
            }
        });
        List<Picked> reservoir = new ArrayList<>(n);
        long[] count = {0};
        long[] position = {0};
        Shards.forEach(store, req.syntheticKeys(), (node, key, lineNo) -> {
            int index = (int) position[0]++;
            JsonNode docId = node.get("id");
            if (docId != null && dropped.contains(docId.asText())) {
                return;
            }
            long i = count[0]++;
            if (i < n) {
                reservoir.add(picked(node, key, lineNo, index));
            } else {
                long r = random.nextLong(i + 1);
                if (r < n) {
                    reservoir.set((int) r, picked(node, key, lineNo, index));
                }
            }
        });
        reservoir.sort(Comparator.comparingInt(Picked::index));

        Set<String> ids = new HashSet<>();
        Set<String> seedIds = new HashSet<>();
        for (Picked p : reservoir) {
            ids.add(p.id);
            seedIds.addAll(p.seedIds);
        }
        Map<String, Map<String, Object>> scores = new HashMap<>();
        Shards.forEach(store, req.scoreKeys(), (node, key, lineNo) -> {
            JsonNode id = node.has("id") ? node.get("id") : node.get("doc_id");
            if (id != null && ids.contains(id.asText()) && !scores.containsKey(id.asText())) {
                Map<String, Object> record = JSON.convertValue(node, MAP);
                record.remove("id");
                record.remove("doc_id");
                scores.put(id.asText(), record);
            }
        });
        Map<String, String> seeds = new HashMap<>();
        Shards.forEach(store, req.seedKeys(), (node, key, lineNo) -> {
            JsonNode id = node.get("id");
            JsonNode text = node.get("text");
            if (id != null && text != null && text.isTextual() && seedIds.contains(id.asText())) {
                seeds.putIfAbsent(id.asText(), text.asText());
            }
        });

        List<SampleItem> sample = new ArrayList<>(reservoir.size());
        for (Picked p : reservoir) {
            String seedId = p.seedIds.stream().filter(seeds::containsKey).findFirst().orElse(null);
            String seedText = seedId == null ? null : seeds.get(seedId);
            List<Span> spans = seedText == null ? List.of()
                    : MemorisedSpans.find(seedText, p.text, settings.minSpanTokens());
            sample.add(new SampleItem(p.index, p.id, p.text, scores.getOrDefault(p.id, Map.of()), p.seedIds, seedId,
                    seedText, spans));
        }
        return new Drawn(position[0], count[0], seed, sample);
    }

    private static Picked picked(JsonNode node, String key, long lineNo, int index) {
        JsonNode id = node.get("id");
        JsonNode text = node.get("text");
        if (id == null || id.isNull() || text == null || !text.isTextual()) {
            throw new ReviewException(ReviewException.Kind.INVALID,
                    key + ":" + lineNo + ": synthetic record needs a string \"text\" and an \"id\"");
        }
        List<String> seedIds = new ArrayList<>();
        JsonNode meta = node.get("metadata");
        JsonNode raw = meta == null ? null : meta.get(Provenance.SEED_IDS);
        if (raw != null && raw.isArray()) {
            raw.forEach(s -> seedIds.add(s.asText()));
        } else if (raw != null && raw.isTextual()) {
            for (String s : raw.asText().split(",")) {
                if (!s.isBlank()) {
                    seedIds.add(s.trim());
                }
            }
        }
        return new Picked(index, id.asText(), text.asText(), seedIds.stream().distinct().toList());
    }
}

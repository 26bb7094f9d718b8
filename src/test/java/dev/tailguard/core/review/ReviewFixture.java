package dev.tailguard.core.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailguard.core.store.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small scored run in an object store: 3 seeds, {@code n} synthetic documents, every 5th quarantined by scoring. */
public final class ReviewFixture {

    public static final String[] SEEDS = {
        "Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse.",
        "It is a way I have of driving off the spleen and regulating the circulation of the blood.",
        "There now is your insular city of the Manhattoes, belted round by wharves as Indian isles by coral reefs.",
    };

    public static BatchRequest write(ObjectStore store, String runId, String batchId, int n, long seed) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < SEEDS.length; i++) {
            input.append(json.writeValueAsString(Map.of("id", "s" + i, "text", SEEDS[i], "source", "moby"))).append('\n');
        }
        StringBuilder synth = new StringBuilder();
        StringBuilder scores = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String seedId = "s" + (i % SEEDS.length);
            String text = "Variant " + i + ": " + SEEDS[i % SEEDS.length].toLowerCase() + " and then the sea.";
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("seed_ids", List.of(seedId));
            meta.put("generation", 1);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", "syn-" + i);
            doc.put("text", text);
            doc.put("source", "ngram");
            doc.put("metadata", meta);
            synth.append(json.writeValueAsString(doc)).append('\n');
            Map<String, Object> score = new LinkedHashMap<>();
            score.put("id", "syn-" + i);
            score.put("perplexity", 10.0 + i);
            score.put("decision", i % 5 == 4 ? "quarantine" : "keep");
            score.put("reason", i % 5 == 4 ? "gopher_mean_word_length: too short" : null);
            scores.append(json.writeValueAsString(score)).append('\n');
        }
        String prefix = "runs/" + runId + "/";
        store.put(prefix + "input/part-00000.jsonl", input.toString().getBytes(StandardCharsets.UTF_8));
        store.put(prefix + "synthetic/" + batchId + "-00000.jsonl", synth.toString().getBytes(StandardCharsets.UTF_8));
        store.put(prefix + "scores/" + batchId + "-00000.jsonl", scores.toString().getBytes(StandardCharsets.UTF_8));
        List<Map<String, Object>> gates = new ArrayList<>();
        gates.add(Map.of("stage", "score", "name", "synthetic_pass_rate", "value", 0.8, "threshold", ">= 0.5", "passed", true));
        return new BatchRequest(runId, batchId, seed, List.of(prefix + "synthetic/" + batchId + "-00000.jsonl"),
                List.of(prefix + "scores/" + batchId + "-00000.jsonl"), List.of(prefix + "input/part-00000.jsonl"), gates,
                Map.of("run_id", runId, "manifest", prefix + "scores/_SUCCESS.json"));
    }

    private ReviewFixture() {
    }
}

package dev.tailguard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.gate.GateSpec;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.LocalObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-document memorisation gate in the score stage (issue 11 item 4): a brought synthetic batch of unrelated
 * text with one document that copies a long passage of the real input verbatim; only that document is quarantined,
 * with the typed reason {@code memorised_span}, and every scored synthetic document records its longest span.
 */
class MemorisedSpanPipelineTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void aDocumentCopyingMoreThanTheMaxIsQuarantinedOnItsOwn() throws IOException {
        List<String> real = lines("sotu-slice.jsonl");
        Path realFile = dir.resolve("real.jsonl");
        Files.write(realFile, real, StandardCharsets.UTF_8);
        String copied = null;
        for (String l : real) {
            JsonNode n = Json.MAPPER.readTree(l);
            if (!AnchorSplit.defaults().isAnchor(n.get("id").asText()) && n.get("text").asText().length() > 1000) {
                String t = n.get("text").asText();
                copied = t.substring(0, t.indexOf(' ', 800));
                break;
            }
        }
        assertThat(copied).isNotNull();
        List<String> syn = new ArrayList<>();
        for (String l : lines("moby-dick-slice.jsonl").subList(0, 20)) {
            syn.add(l);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("id", "copy");
        copy.put("text", copied);
        syn.add(Json.write(copy));
        Path synFile = dir.resolve("synthetic.jsonl");
        Files.write(synFile, syn, StandardCharsets.UTF_8);

        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        RunConfig base = RunConfig.defaults(1);
        RunConfig cfg = new RunConfig(base.seed(), base.syntheticRatio(), base.generator(), base.order(),
                base.temperature(), base.topK(), base.blendStrategy(), base.minRealFraction(), base.shardSize(),
                base.maxLineBytes(), base.compression(), base.maxSyntheticTokens(),
                List.of(new GateSpec("score", "memorised_span", null, 50.0, "quarantine")));
        Pipeline.run(new RunRequested("span", List.of(realFile.toString()), cfg, List.of(synFile.toString()), null),
                store);

        Map<String, Object> score = Manifest.read(store, "runs/span/scores/_SUCCESS.json");
        Map<String, Map<String, Object>> scores = new HashMap<>();
        Shards.forEachObject(store, Manifest.keys(score, "scores_synthetic"), s -> scores.put((String) s.get("id"), s));
        assertThat(scores).hasSize(21);
        Map<String, Object> c = scores.get("copy");
        assertThat(((Number) c.get("longest_memorised_span")).intValue()).isGreaterThan(100);
        assertThat(c.get("decision")).isEqualTo("quarantine");
        assertThat((String) c.get("reason")).startsWith("memorised_span: verbatim span of").endsWith("> max 50");
        long keptFresh = scores.values().stream().filter(s -> !"copy".equals(s.get("id")))
                .filter(s -> ((Number) s.get("longest_memorised_span")).intValue() <= 50)
                .filter(s -> !String.valueOf(s.get("reason")).startsWith("memorised_span")).count();
        assertThat(keptFresh).as("unrelated documents never trip the gate").isEqualTo(20);

        List<Map<String, Object>> quarantined = new ArrayList<>();
        Shards.forEachObject(store, Manifest.keys(score, "quarantine_synthetic"), quarantined::add);
        assertThat(quarantined).filteredOn(q -> "memorised_span".equals(q.get("reason")))
                .extracting(q -> q.get("id")).containsExactly("copy");
        Map<String, Object> report = Manifest.read(store, "runs/span/report/report.json");
        assertThat((Map<String, Object>) report.get("quarantine_reasons")).containsKey("score/memorised_span");
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = MemorisedSpanPipelineTest.class.getResourceAsStream("/collapse/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}

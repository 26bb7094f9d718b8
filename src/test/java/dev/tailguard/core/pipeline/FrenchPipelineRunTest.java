package dev.tailguard.core.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.quality.GopherQualityRules;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole library run on a non-English corpus: the 34 hand-written French paragraphs of
 * {@code src/test/resources/corpora/fr-handwritten.jsonl}, two consecutive paragraphs per document (17 documents of
 * 70-90 words; one paragraph alone is below Gopher's language-agnostic 50-word minimum). Before the stop-word rule
 * was made English-only every document was quarantined by {@code gopher_enough_stop_words} and blend failed with
 * "no real document passed scoring".
 */
class FrenchPipelineRunTest {

    static final Path CORPUS = Path.of("src/test/resources/corpora/fr-handwritten.jsonl");

    @TempDir
    static Path dir;
    static Path out;
    static RunReported done;

    @BeforeAll
    static void runOnce() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS, StandardCharsets.UTF_8)) {
            texts.add(String.valueOf(Json.MAPPER.readValue(line, Map.class).get("text")));
        }
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i + 1 < texts.size(); i += 2) {
            jsonl.append(Json.MAPPER.writeValueAsString(Map.of("id", "fr-pair-" + (i / 2), "text",
                    texts.get(i) + "\n\n" + texts.get(i + 1)))).append('\n');
        }
        Path input = dir.resolve("fr.jsonl");
        Files.writeString(input, jsonl, StandardCharsets.UTF_8);
        out = dir.resolve("out");
        done = Pipeline.run(new RunRequested("run-fr", List.of(input.toString()), PipelineRunTest.config()),
                new LocalObjectStore(out));
    }

    private static List<String> keys(LocalObjectStore s, String prefix) throws IOException {
        return s.list(prefix).stream().filter(k -> !k.endsWith("_SUCCESS.json")).toList();
    }

    @Test
    void frenchRunSucceedsAndBlendsRealDocuments() throws IOException {
        assertThat(done.status()).isEqualTo("succeeded");
        LocalObjectStore s = new LocalObjectStore(out);
        List<Document> blended = new ArrayList<>();
        Shards.forEachDocument(s, keys(s, "runs/run-fr/blended/part-"), blended::add);
        assertThat(blended.stream().filter(d -> "real".equals(d.meta(Provenance.KIND))).count())
                .as("real French documents blended").isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void realScoresRecordTheStopWordRuleAsNotApplicableAndTheManifestCountsThem() throws IOException {
        LocalObjectStore s = new LocalObjectStore(out);
        List<Map<String, Object>> real = new ArrayList<>();
        Shards.forEachObject(s, keys(s, "runs/run-fr/scores/real-"), real::add);
        Map<String, Object> manifest = Json.MAPPER.readValue(out.resolve("runs/run-fr/scores/_SUCCESS.json").toFile(),
                new TypeReference<>() {
                });
        Map<String, Object> counts = (Map<String, Object>) manifest.get("counts");
        assertThat(real).hasSize(((Number) counts.get("real_scored")).intValue()).isNotEmpty().allSatisfy(r -> {
            assertThat((Map<String, String>) r.get(ScoreStage.RULES_NOT_APPLICABLE))
                    .containsEntry(GopherQualityRules.STOP_WORDS_RULE, "not_applicable (language fr)");
            assertThat(r.get("reason")).as("no French document fails the stop-word rule")
                    .satisfiesAnyOf(x -> assertThat(x).isNull(),
                            x -> assertThat(String.valueOf(x)).doesNotStartWith(GopherQualityRules.STOP_WORDS_RULE));
        });
        assertThat(real).filteredOn(r -> "keep".equals(r.get("decision"))).isNotEmpty();
        assertThat(((Number) counts.get("real_" + ScoreStage.RULES_NOT_APPLICABLE)).longValue()).isEqualTo(real.size());
    }
}

package dev.tailguard.core.report;

import dev.tailguard.core.io.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, checked on a corpus the project's samples are not: 34 French paragraphs written for this test
 * ({@code src/test/resources/corpora/fr-handwritten.jsonl}, 11.5 KB). The card's language is detected as {@code fr}
 * without {@code tailguard.card.language}, its metadata keeps the Hub's rules (as {@link DatasetCardTest} checks them)
 * and it names inputs without their local directories; the report page cuts local paths the same way.
 *
 * <p>A whole pipeline run on this corpus (two paragraphs per document: one alone is below Gopher's 50-word minimum)
 * is {@code pipeline.FrenchPipelineRunTest}; the stop-word rule is English-only ({@code quality.DocumentLanguage}).
 */
class NonEnglishCardTest {

    static final Path CORPUS = Path.of("src/test/resources/corpora/fr-handwritten.jsonl");

    static List<String> texts() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS, StandardCharsets.UTF_8)) {
            out.add(String.valueOf(Json.MAPPER.readValue(line, Map.class).get("text")));
        }
        return out;
    }

    @Test
    void frenchIsDetectedAndAnUnknownLanguageIsNot() throws IOException {
        assertThat(LanguageGuess.of(texts())).contains("fr");
        assertThat(LanguageGuess.of(List.of("Det var en gång en liten stuga vid sjön."))).as("unknown language").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCardOfAFrenchRunKeepsTheHubRulesAndNamesNoLocalDirectory() throws IOException {
        List<String> texts = texts();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("run_id", "run-fr");
        report.put("status", "succeeded");
        report.put("inputs", List.of(Map.of("file", CORPUS.toAbsolutePath().toString(), "lines", texts.size(),
                "documents", texts.size(), "malformed", 0)));
        report.put("counts", Map.of("blended", texts.size(), "real_blended", texts.size(), "synthetic_blended", 0));
        report.put("outputs", Map.of("blended", List.of("runs/run-fr/blended/part-00000-00000.jsonl")));
        DatasetFeatures features = new DatasetFeatures();
        for (String line : Files.readAllLines(CORPUS, StandardCharsets.UTF_8)) {
            features.add(Json.MAPPER.readValue(line, Map.class));
        }
        String card = DatasetCard.render(report, CardSettings.defaults(), features,
                LanguageGuess.of(texts).map(List::of).orElse(List.of()));
        Map<String, Object> m = DatasetCardTest.frontMatter(card);
        assertThat((List<String>) m.get("language")).as("detected, not configured").containsExactly("fr");
        assertThat((List<String>) m.get("size_categories")).containsExactly("n<1K")
                .allMatch(DatasetCardTest.HUB_SIZE_CATEGORIES::contains);
        assertThat(m.get("license")).isIn(DatasetCardTest.HUB_LICENSES);
        assertThat((List<String>) m.get("tags")).contains("synthetic");
        assertThat(m).containsKeys("pretty_name", "task_categories", "configs", "dataset_info");
        List<Map<String, Object>> feats = (List<Map<String, Object>>) ((Map<String, Object>) m.get("dataset_info")).get("features");
        assertThat(feats).extracting(f -> f.get("name")).contains("id", "text", "source", "metadata");
        assertThat(feats).allSatisfy(DatasetCardTest::wellFormedFeature);
        List<Map<String, Object>> configs = (List<Map<String, Object>>) m.get("configs");
        assertThat((List<String>) ((List<Map<String, Object>>) configs.get(0).get("data_files")).get(0).get("path"))
                .containsExactly("blended/part-00000-00000.jsonl");
        assertThat(DatasetCardTest.tableProblems(card)).isEmpty();
        assertThat(card).contains("| fr-handwritten.jsonl |").doesNotContain(CORPUS.toAbsolutePath().getParent().toString());
    }

    @Test
    void localPathsInThePageAreCutToFileNames() {
        assertThat(ReportPage.withoutLocalDirectories(Map.of("inputs", List.of(Map.of("file", "/data/in/fr.jsonl",
                "lines", 3)), "anchor", "file:/srv/anchor.json", "win", "C:\\corpora\\de.jsonl", "key", "store:runs/a/b")))
                .isEqualTo(Map.of("inputs", List.of(Map.of("file", "fr.jsonl", "lines", 3)), "anchor", "anchor.json",
                        "win", "de.jsonl", "key", "store:runs/a/b"));
    }
}

package dev.tailguard.core.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.gate.GateSpec;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The card against the Hugging Face Hub's documented dataset-card metadata rules, on a real pipeline run of the
 * repository's sample corpus:
 * hub-docs {@code datasetcard.md} (field names, {@code size_categories} examples) and the Hub's size buckets
 * (huggingface.js {@code dataset-libraries}/card validation: n<1K … n>1T), {@code configs[].data_files} as a list of
 * {@code {split, path}} with paths relative to the repository root (hub-docs {@code datasets-manual-configuration}),
 * {@code license} from https://huggingface.co/docs/hub/repositories-licenses, {@code dataset_info.features} entries
 * {@code {name, dtype}} / {@code {name, struct}} / {@code {name, list}}.
 */
class DatasetCardTest {

    /** The Hub's size buckets, written out independently of the production constant. */
    static final Set<String> HUB_SIZE_CATEGORIES = Set.of("n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M",
            "10M<n<100M", "100M<n<1B", "1B<n<10B", "10B<n<100B", "100B<n<1T", "n>1T");
    /** A subset of the Hub's license ids (repositories-licenses), including its "other" and "unknown". */
    static final Set<String> HUB_LICENSES = Set.of("apache-2.0", "mit", "cc-by-4.0", "cc-by-sa-4.0", "cc0-1.0",
            "odc-by", "odbl", "pddl", "cc-by-nc-4.0", "other", "unknown");
    /** Arrow dtypes the Hub's features accept that this card can produce. */
    static final Set<String> DTYPES = Set.of("string", "int64", "float64", "bool");
    static final Pattern ISO_639 = Pattern.compile("[a-z]{2,3}");

    @TempDir
    static Path dir;
    static Map<String, Object> report;
    static DatasetFeatures features;

    @BeforeAll
    static void run() throws IOException {
        Path input = Path.of("samples/sotu-sample.jsonl").toAbsolutePath();
        LocalObjectStore store = new LocalObjectStore(dir.resolve("out"));
        RunReported done = Pipeline.run(new RunRequested("run-card", List.of(input.toString()), config()), store);
        assertThat(done.status()).isEqualTo("succeeded");
        report = Json.MAPPER.readValue(dir.resolve("out/runs/run-card/report/report.json").toFile(), new TypeReference<>() {
        });
        features = new DatasetFeatures();
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) ((Map<String, Object>) report.get("outputs")).get("blended");
        Shards.forEachObject(store, keys, features::add);
    }

    static RunConfig config() {
        return new RunConfig(7, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 4, 8 << 20, "none", 400,
                List.of(new GateSpec("blend", "real_fraction", 0.7, null, "stop")));
    }

    static Map<String, Object> frontMatter(String card) throws IOException {
        assertThat(card).startsWith("---\n");
        int end = card.indexOf("\n---\n", 4);
        assertThat(end).as("closing --- of the front matter").isPositive();
        return new YAMLMapper().readValue(card.substring(4, end + 1), new TypeReference<>() {
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void metadataFollowsTheHubRules() throws IOException {
        CardSettings s = CardSettings.from(Map.of(CardSettings.LICENSE, "cc0-1.0", CardSettings.LANGUAGE, "en",
                CardSettings.TAGS, "government, synthetic")::get);
        String card = DatasetCard.render(report, s, features, List.of());
        Map<String, Object> m = frontMatter(card);

        assertThat(m.get("license")).isEqualTo("cc0-1.0").isIn(HUB_LICENSES);
        assertThat((List<String>) m.get("language")).containsExactly("en").allMatch(l -> ISO_639.matcher(l).matches());
        assertThat((List<String>) m.get("size_categories")).hasSize(1).allMatch(HUB_SIZE_CATEGORIES::contains)
                .containsExactly("n<1K");
        assertThat((List<String>) m.get("task_categories")).containsExactly("text-generation");
        assertThat((List<String>) m.get("tags")).containsExactly("synthetic", "tailguard", "government");
        assertThat((String) m.get("pretty_name")).isNotBlank();

        List<Map<String, Object>> configs = (List<Map<String, Object>>) m.get("configs");
        assertThat(configs).hasSize(1);
        assertThat(configs.get(0)).containsEntry("config_name", "default").containsEntry("default", true);
        List<Map<String, Object>> dataFiles = (List<Map<String, Object>>) configs.get(0).get("data_files");
        assertThat(dataFiles).hasSize(1);
        assertThat(dataFiles.get(0)).containsEntry("split", "train");
        List<String> paths = (List<String>) dataFiles.get(0).get("path");
        assertThat(paths).isNotEmpty().allSatisfy(p -> {
            assertThat(p).doesNotStartWith("/").doesNotContain("..").doesNotContain(":").startsWith("blended/");
            assertThat(dir.resolve("out/runs/run-card").resolve(p)).as("data file relative to the card").isRegularFile();
        });

        Map<String, Object> info = (Map<String, Object>) m.get("dataset_info");
        List<Map<String, Object>> feats = (List<Map<String, Object>>) info.get("features");
        assertThat(feats).extracting(f -> f.get("name")).startsWith("id", "text", "source").contains("metadata");
        assertThat(feats.get(1)).containsEntry("dtype", "string");
        assertThat(feats).allSatisfy(DatasetCardTest::wellFormedFeature);
        Map<String, Object> split = ((List<Map<String, Object>>) info.get("splits")).get(0);
        assertThat(split).containsEntry("name", "train");
        assertThat(((Number) split.get("num_examples")).longValue())
                .isEqualTo(((Number) ((Map<String, Object>) report.get("counts")).get("blended")).longValue());
    }

    @SuppressWarnings("unchecked")
    static void wellFormedFeature(Map<String, Object> f) {
        assertThat(f).containsKey("name");
        if (f.containsKey("struct")) {
            ((List<Map<String, Object>>) f.get("struct")).forEach(DatasetCardTest::wellFormedFeature);
        } else if (f.containsKey("list")) {
            assertThat(f.get("list")).isNotNull();
        } else {
            assertThat((String) f.get("dtype")).isIn(DTYPES);
        }
    }

    @Test
    void noLocalPathAnywhereAndTablesAreWellFormed() throws IOException {
        String card = DatasetCard.render(report, CardSettings.defaults(), features, List.of());
        String inputDir = Path.of("samples").toAbsolutePath().toString();
        assertThat(card).doesNotContain(inputDir).doesNotContain(dir.toString()).contains("| sotu-sample.jsonl |");
        List<String> problems = tableProblems(card);
        assertThat(problems).isEmpty();
        assertThat(countTables(card)).as("tables in the card").isGreaterThanOrEqualTo(5);
        assertThat(card).contains("## Collapse risk", "## Lineage", "## Gate results", "| stage | gate | value | threshold | passed | on fail |");
        assertThat(card.indexOf("## Collapse risk")).isLessThan(card.indexOf("## Dataset summary"));
    }

    @Test
    void aRunWithoutLicenseSaysSo() throws IOException {
        String card = DatasetCard.render(report);
        assertThat(frontMatter(card)).containsEntry("license", "unknown").doesNotContainKey("language");
        assertThat(card).contains("**License not set.**", CardSettings.LICENSE, "**Language not set.**");
        String detected = DatasetCard.render(report, CardSettings.defaults(), features, List.of("en"));
        assertThat(frontMatter(detected)).containsEntry("language", List.of("en"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void parquetAndJsonlAreTwoConfigsWithTheirOwnFeatures() throws IOException {
        Map<String, Object> r = new LinkedHashMap<>(report);
        r.put("outputs", Map.of("blended", List.of("runs/run-card/blended/part-00000.parquet",
                "runs/run-card/blended/part-00000.jsonl.zst")));
        Map<String, Object> m = frontMatter(DatasetCard.render(r, CardSettings.defaults(), features, List.of()));
        List<Map<String, Object>> configs = (List<Map<String, Object>>) m.get("configs");
        assertThat(configs).extracting(c -> c.get("config_name")).containsExactly("default", "json");
        assertThat(((List<Map<String, Object>>) configs.get(0).get("data_files")).get(0).get("path"))
                .isEqualTo(List.of("blended/part-00000.parquet"));
        List<Map<String, Object>> infos = (List<Map<String, Object>>) m.get("dataset_info");
        assertThat(infos).extracting(i -> i.get("config_name")).containsExactly("default", "json");
        assertThat((List<Map<String, Object>>) infos.get(0).get("features")).extracting(f -> f.get("dtype"))
                .containsExactly("string", "string", "string", "string", "int64", "string");
    }

    @Test
    void sizeCategoriesAreTheHubBuckets() {
        assertThat(DatasetCard.SIZE_CATEGORIES).containsExactlyInAnyOrderElementsOf(HUB_SIZE_CATEGORIES);
        assertThat(DatasetCard.sizeCategory(0)).isEqualTo("n<1K");
        assertThat(DatasetCard.sizeCategory(999)).isEqualTo("n<1K");
        assertThat(DatasetCard.sizeCategory(1000)).isEqualTo("1K<n<10K");
        assertThat(DatasetCard.sizeCategory(99_999)).isEqualTo("10K<n<100K");
        assertThat(DatasetCard.sizeCategory(10_000_000)).isEqualTo("10M<n<100M");
        assertThat(DatasetCard.sizeCategory(Long.MAX_VALUE)).isEqualTo("n>1T");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> CardSettings.from(Map.of(CardSettings.LICENSE, "CC BY 4.0")::get))
                .hasMessageContaining(CardSettings.LICENSE).hasMessageContaining("CC BY 4.0");
        assertThatThrownBy(() -> CardSettings.from(Map.of(CardSettings.LANGUAGE, "english")::get))
                .hasMessageContaining(CardSettings.LANGUAGE);
    }

    @Test
    void badHubIdsAreRejectedWithTheKey() {
        assertThatThrownBy(() -> CardSettings.from(Map.of(CardSettings.LICENSE, "apache2")::get))
                .hasMessageContaining(CardSettings.LICENSE).hasMessageContaining("'apache2'")
                .hasMessageContaining("repositories-licenses");
        assertThatThrownBy(() -> CardSettings.from(Map.of(CardSettings.TASK_CATEGORIES, "text-gen")::get))
                .hasMessageContaining(CardSettings.TASK_CATEGORIES).hasMessageContaining("'text-gen'");
        assertThat(HubMetadata.LICENSES).containsAll(HUB_LICENSES);
        assertThat(HubMetadata.TASK_CATEGORIES).contains("text-generation", "text-classification", "other");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePipelineWritesTheCardAtTheDatasetRoot() throws IOException {
        Path root = dir.resolve("out/runs/run-card");
        assertThat(root.resolve("report/DATASET_CARD.md")).doesNotExist();
        String card = Files.readString(root.resolve("README.md"));
        Map<String, Object> m = frontMatter(card);
        assertThat(m.get("license")).isIn(HUB_LICENSES);
        assertThat((List<String>) m.get("tags")).contains("synthetic");
        assertThat((List<String>) m.get("size_categories")).allMatch(HUB_SIZE_CATEGORIES::contains);
        assertThat(m).containsKeys("pretty_name", "task_categories", "configs", "dataset_info");
        assertThat((List<String>) m.get("language")).as("detected on the English sample").containsExactly("en");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> configs = (List<Map<String, Object>>) m.get("configs");
        @SuppressWarnings("unchecked")
        List<String> paths = (List<String>) ((List<Map<String, Object>>) configs.get(0).get("data_files")).get(0).get("path");
        assertThat(paths).allSatisfy(p -> assertThat(root.resolve(p)).isRegularFile());
        String body = card.substring(card.indexOf("\n---\n", 4) + 5);
        assertThat(body.indexOf("## Verdict: ")).as("verdict is the first section").isPositive()
                .isLessThan(body.indexOf("## Collapse risk")).isLessThan(body.indexOf("## Lineage"));
        assertThat(body).containsPattern("## Verdict: (train on it|review first|do not train)");
        assertThat(tableProblems(card)).isEmpty();
        assertThat(card).doesNotContain(dir.toString());
    }

    @Test
    void tableCellsCannotAddColumns() {
        String t = new MarkdownTable("a", "b").row("x|y", "line\nbreak").row(null, "").render();
        assertThat(tableProblems(t)).isEmpty();
        assertThat(t).contains("x\\|y", "line break", "| - | - |");
        assertThatThrownBy(() -> new MarkdownTable("a", "b").row("only one")).hasMessageContaining("1 cells");
    }

    /** Every table block: header, separator and rows have the same number of (unescaped-pipe separated) cells. */
    static List<String> tableProblems(String markdown) {
        List<String> problems = new ArrayList<>();
        List<String> block = new ArrayList<>();
        boolean inCode = false;
        for (String line : (markdown + "\n").split("\n", -1)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            if (!inCode && line.startsWith("|")) {
                block.add(line);
                continue;
            }
            if (!block.isEmpty()) {
                check(block, problems);
                block.clear();
            }
        }
        return problems;
    }

    static int countTables(String markdown) {
        return (int) markdown.lines().filter(l -> l.matches("\\|( ?-{3,} ?\\|)+")).count();
    }

    private static void check(List<String> block, List<String> problems) {
        if (block.size() < 2 || !block.get(1).matches("\\|( ?:?-{3,}:? ?\\|)+")) {
            problems.add("no separator row under " + block.get(0));
            return;
        }
        int cols = cells(block.get(0));
        for (String l : block) {
            if (cells(l) != cols || !l.endsWith("|")) {
                problems.add(cols + " header cells but " + cells(l) + " in: " + l);
            }
        }
    }

    private static int cells(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '|' && (i == 0 || line.charAt(i - 1) != '\\')) {
                n++;
            }
        }
        return n - 1;
    }
}

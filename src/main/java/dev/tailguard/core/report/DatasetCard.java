package dev.tailguard.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.review.ReviewSummary;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's Hugging Face dataset card: {@value #FILE_NAME} at the dataset root, which is the run root
 * ({@code runs/<runId>/}), so the Hub's {@code configs.data_files} paths are relative to it ({@code blended/part-00000.jsonl}).
 * The YAML front matter follows the Hub's dataset-card metadata spec (hub-docs {@code datasetcard.md},
 * {@code huggingface_hub.DatasetCardData}): {@code pretty_name}, {@code license}, {@code language},
 * {@code size_categories} (the Hub's buckets), {@code task_categories}, {@code tags} (with {@code synthetic}),
 * {@code configs} (one per output format: {@code default} plus {@code parquet} or {@code jsonl}) and
 * {@code dataset_info} (features, the {@code train} split's size). No local path is written anywhere: inputs are
 * named by file name, outputs by path relative to the run root. The body leads with the collapse verdict, then
 * lineage, sources, sizes, gates and limitations, all from report.json's content.
 */
public final class DatasetCard {

    /** The card's object name at the dataset root. */
    public static final String FILE_NAME = "README.md";
    /** The Hub's {@code size_categories} buckets, in order (hub-docs datasetcard.md; huggingface.js). */
    public static final List<String> SIZE_CATEGORIES = List.of("n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M",
            "1M<n<10M", "10M<n<100M", "100M<n<1B", "1B<n<10B", "10B<n<100B", "100B<n<1T", "n>1T");

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .build();

    private DatasetCard() {
    }

    /** The card with no {@code tailguard.card.*} configuration and features {@code id}/{@code text}/{@code source}. */
    public static String render(Map<String, Object> report) {
        return render(report, CardSettings.defaults(), DatasetFeatures.minimal(), List.of());
    }

    /**
     * Renders the card.
     *
     * @param report            report.json's content
     * @param settings          the {@code tailguard.card.*} configuration
     * @param features          features of the blended JSONL records (Parquet output has its fixed schema)
     * @param detectedLanguages ISO codes detected on the blended set, used when no language is configured
     */
    public static String render(Map<String, Object> report, CardSettings settings, DatasetFeatures features,
                                List<String> detectedLanguages) {
        String runId = String.valueOf(report.get("run_id"));
        List<DataFiles> files = DataFiles.of(runId, blendedKeys(report));
        long blended = count(report, "blended");
        StringBuilder sb = new StringBuilder("---\n");
        sb.append(yaml(metadata(report, settings, features, detectedLanguages, files, blended)));
        sb.append("---\n\n");
        sb.append("# Dataset card: Tailguard run `").append(runId).append("`\n\n");
        if (!settings.hasLicense()) {
            sb.append("> **License not set.** This card says `license: unknown`: set `").append(CardSettings.LICENSE)
                    .append("` (a Hub license id such as `cc-by-4.0`) to the license of the real inputs before publishing.\n\n");
        }
        List<String> languages = settings.languages().isEmpty() ? detectedLanguages : settings.languages();
        if (languages.isEmpty()) {
            sb.append("> **Language not set.** Set `").append(CardSettings.LANGUAGE).append("` (ISO 639-1 codes).\n\n");
        }
        sb.append(CardSections.verdict(report));
        sb.append(CardSections.summary(report, blended));
        sb.append(CardSections.dataFiles(files));
        sb.append(CardSections.lineage(report));
        sb.append(CardSections.sources(report));
        sb.append(CardSections.sizes(report));
        sb.append(CardSections.generation(report));
        sb.append(CardSections.gates(report));
        sb.append('\n').append(ReviewSummary.markdown(reviewList(report)));
        sb.append("\n## Metrics\n\n```json\n")
                .append(new String(Json.pretty(report.get("metrics")), StandardCharsets.UTF_8)).append("\n```\n\n");
        sb.append(CardSections.limitations());
        return sb.toString();
    }

    /** The front matter as a map, in the Hub's field names. */
    static Map<String, Object> metadata(Map<String, Object> report, CardSettings settings, DatasetFeatures features,
                                        List<String> detectedLanguages, List<DataFiles> files, long blended) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pretty_name", settings.prettyName() != null ? settings.prettyName()
                : "Tailguard blended dataset " + report.get("run_id"));
        m.put("license", settings.hasLicense() ? settings.license() : "unknown");
        List<String> languages = settings.languages().isEmpty() ? detectedLanguages : settings.languages();
        if (!languages.isEmpty()) {
            m.put("language", languages);
        }
        m.put("size_categories", List.of(sizeCategory(blended)));
        m.put("task_categories", settings.taskCategories());
        if (!settings.sourceDatasets().isEmpty()) {
            m.put("source_datasets", settings.sourceDatasets());
        }
        List<String> tags = new ArrayList<>(List.of("synthetic", "tailguard"));
        settings.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
        m.put("tags", tags);
        List<Map<String, Object>> configs = new ArrayList<>();
        List<Map<String, Object>> infos = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            DataFiles f = files.get(i);
            String name = i == 0 ? "default" : f.format();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("config_name", name);
            c.put("data_files", List.of(pair("split", "train", "path", f.paths())));
            if (i == 0) {
                c.put("default", true);
            }
            configs.add(c);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("config_name", name);
            info.put("features", "parquet".equals(f.format()) ? DataFiles.PARQUET_FEATURES.toYaml() : features.toYaml());
            info.put("splits", List.of(pair("name", "train", "num_examples", blended)));
            infos.add(info);
        }
        if (!configs.isEmpty()) {
            m.put("configs", configs);
            m.put("dataset_info", infos.size() == 1 ? withoutConfigName(infos.get(0)) : infos);
        }
        return m;
    }

    /**
     * A two-entry map in this order: {@code Map.of} iterates in an order that changes from one JVM to the next, so
     * the card written by another worker process would differ byte for byte.
     */
    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /** The Hub bucket of a record count. */
    public static String sizeCategory(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative size " + n);
        }
        if (n < 1000) {
            return SIZE_CATEGORIES.get(0);
        }
        long bound = 10_000;
        for (int i = 1; i < SIZE_CATEGORIES.size() - 1; i++, bound *= 10) {
            if (n < bound) {
                return SIZE_CATEGORIES.get(i);
            }
        }
        return SIZE_CATEGORIES.get(SIZE_CATEGORIES.size() - 1);
    }

    /** The generator's usage as a table (total and per style) plus the budget state; empty when none was reported. */
    static String usage(Map<String, Object> usage) {
        return CardSections.usage(usage);
    }

    private static Map<String, Object> withoutConfigName(Map<String, Object> info) {
        Map<String, Object> m = new LinkedHashMap<>(info);
        m.remove("config_name");
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<String> blendedKeys(Map<String, Object> report) {
        if (report.get("outputs") instanceof Map<?, ?> out && out.get("blended") instanceof List<?> keys) {
            return (List<String>) keys;
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> reviewList(Map<String, Object> report) {
        return report.get("review") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    static long count(Map<String, Object> report, String key) {
        Map<String, Object> counts = report.get("counts") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
        return counts.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

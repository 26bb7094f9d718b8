package dev.tailguard.core.report;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what a reader opens after a run: the train verdict into report.json's content ({@code verdict}), the
 * verdict-first {@code index.html}, and the dataset card at the dataset root. Everything is derived from report.json's
 * content and the run's shards, so re-running the report gives the same bytes.
 */
public final class ReportArtifacts {

    private ReportArtifacts() {
    }

    /**
     * Where the run's inputs and outputs are.
     *
     * @param runId         the run
     * @param inputKeys     the real input shards (seeds of the examples)
     * @param syntheticKeys the generated synthetic shards
     * @param blendedKeys   the blended output shards
     * @param htmlKey       where index.html goes
     * @param cardKey       where the dataset card goes (the dataset root's README.md)
     */
    public record Keys(String runId, List<String> inputKeys, List<String> syntheticKeys, List<String> blendedKeys,
                       String htmlKey, String cardKey) {
    }

    /**
     * Adds {@code verdict} to the report's content and writes index.html and the dataset card.
     *
     * @param store     the object store
     * @param keys      the run's keys
     * @param report    report.json's content (gains {@code verdict})
     * @param real      per-document score columns of real documents
     * @param synthetic per-document score columns of synthetic documents
     * @param card      the {@code tailguard.card.*} settings
     * @return the train verdict
     */
    public static TrainVerdict write(ObjectStore store, Keys keys, Map<String, Object> report,
                                     Map<String, double[]> real, Map<String, double[]> synthetic, CardSettings card) {
        TrainVerdict verdict = TrainVerdict.of(report);
        report.put("verdict", verdict.toJson());
        Map<String, Object> discriminator = ReportJson.map(ReportJson.map(report.get("collapse_risk")).get("discriminator"));
        ReportExamples examples = ReportExamples.collect(store, keys.runId(), keys.inputKeys(), keys.syntheticKeys(),
                keys.blendedKeys(), discriminator);
        AnchorLineage lineage = AnchorLineage.of(report, parentReports(store, report));
        DatasetFeatures features = new DatasetFeatures();
        List<String> texts = new ArrayList<>();
        Shards.forEachObject(store, jsonKeys(keys.blendedKeys()), r -> {
            features.add(r);
            if (texts.size() < LanguageGuess.SAMPLE_DOCUMENTS && r.get("text") instanceof String t) {
                texts.add(t);
            }
        });
        List<String> detected = LanguageGuess.of(texts).map(List::of).orElse(List.of());
        try {
            store.put(keys.htmlKey(), HtmlReport.render(report, verdict, examples, lineage, real, synthetic)
                    .getBytes(StandardCharsets.UTF_8));
            store.put(keys.cardKey(), DatasetCard.render(report, card, features, detected)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return verdict;
    }

    private static List<String> jsonKeys(List<String> keys) {
        return keys.stream().filter(k -> !k.endsWith(".parquet")).toList();
    }

    /** The report.json contents of the run's parents that exist in the store (their collapse signals). */
    private static List<Map<String, Object>> parentReports(ObjectStore store, Map<String, Object> report) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object p : ReportJson.list(ReportJson.map(report.get("lineage")).get("parent_runs"))) {
            String key = "runs/" + p + "/report/report.json";
            try {
                if (store.exists(key)) {
                    try (var in = store.open(key)) {
                        out.add(ReportJson.map(Json.MAPPER.readValue(in, Map.class)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read parent report " + key, e);
            }
        }
        return out;
    }
}

package dev.tailguard.core.report;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.review.ReviewSummary;

import java.util.List;
import java.util.Map;

/** {@code DATASET_CARD.md}: a Hugging Face dataset card (YAML front matter + sections) for the blended set. */
public final class DatasetCard {

    private DatasetCard() {
    }

    /** Renders the card from report.json's content. */
    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> report) {
        Map<String, Object> counts = (Map<String, Object>) report.get("counts");
        Map<String, Object> gen = (Map<String, Object>) report.get("generator");
        long blended = ((Number) counts.get("blended")).longValue();
        StringBuilder sb = new StringBuilder();
        sb.append("---\n");
        sb.append("pretty_name: Tailguard blended dataset ").append(report.get("run_id")).append('\n');
        sb.append("language:\n- en\n");
        sb.append("size_categories:\n- ").append(sizeCategory(blended)).append('\n');
        sb.append("task_categories:\n- text-generation\n");
        sb.append("source_datasets:\n");
        for (Object in : (List<Object>) report.get("inputs")) {
            sb.append("- ").append(yaml(String.valueOf(((Map<String, Object>) in).get("file")))).append('\n');
        }
        sb.append("tags:\n- synthetic\n- tailguard\n");
        sb.append("configs:\n- config_name: default\n  data_files: \"blended/part-*\"\n");
        sb.append("---\n\n");
        sb.append("# Dataset card: Tailguard run `").append(report.get("run_id")).append("`\n\n");
        sb.append("## Dataset summary\n\nA blend of real documents and synthetic documents generated from them by Tailguard. ")
                .append(blended).append(" documents: ").append(counts.get("real_blended")).append(" real, ")
                .append(counts.get("synthetic_blended")).append(" synthetic (synthetic ratio ")
                .append(report.get("synthetic_ratio")).append(").\n\n");
        sb.append("## Sources\n\n| file | lines | documents | malformed |\n|---|---|---|---|\n");
        for (Object in : (List<Object>) report.get("inputs")) {
            Map<String, Object> m = (Map<String, Object>) in;
            sb.append("| ").append(m.get("file")).append(" | ").append(m.get("lines")).append(" | ").append(m.get("documents"))
                    .append(" | ").append(m.get("malformed")).append(" |\n");
        }
        sb.append("\n## Sizes\n\n| count | value |\n|---|---|\n");
        counts.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        sb.append("\n## Quarantined records\n\n| stage/reason | records |\n|---|---|\n");
        ((Map<String, Object>) report.getOrDefault("quarantine_reasons", Map.of()))
                .forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        sb.append("\n## Generation\n\nGenerator `").append(gen.get("name")).append("` with parameters `")
                .append(Json.write(gen.get("parameters"))).append("`, seed ").append(report.get("seed"))
                .append(". Every synthetic record carries its provenance in `metadata` (generator, parameters, seed_ids, generation, content_sha256).\n\n");
        sb.append(usage((Map<String, Object>) report.get("usage")));
        if (report.get("refinement") instanceof Map<?, ?> ref) {
            sb.append("Refinement loop: ").append(ref.get("regenerated_batches")).append(" of ").append(ref.get("batches"))
                    .append(" batches regenerated after failing the diversity gate; every round is in report.json `refinement`.\n\n");
        }
        sb.append("Blend: `").append(Json.write(report.get("blend"))).append("`.\n\n");
        sb.append("## Gate results\n\n| stage | gate | value | threshold | passed |\n|---|---|---|---|---|\n");
        for (Object g : (List<Object>) report.get("gates")) {
            Map<String, Object> gm = Json.MAPPER.convertValue(g, Map.class);
            sb.append("| ").append(gm.get("stage")).append(" | ").append(gm.get("name")).append(" | ").append(gm.get("value"))
                    .append(" | ").append(gm.get("threshold")).append(" | ").append(gm.get("passed"))
                    .append(" | ").append(gm.get("on_fail")).append(" |\n");
        }
        Map<String, Object> risk = (Map<String, Object>) report.get("collapse_risk");
        sb.append("\n## Collapse risk and lineage\n\n");
        if (risk != null) {
            sb.append("**Collapse verdict: ").append(risk.get("level")).append("**");
            if (risk.get("note") != null) {
                sb.append(" (").append(risk.get("note")).append(')');
            }
            sb.append(", measured against anchor `").append(Json.write(report.get("anchor"))).append("`.\n\n");
        }
        sb.append(Json.write(risk))
                .append("\n\nLineage: `").append(Json.write(report.get("lineage"))).append("`\n");
        sb.append('\n').append(ReviewSummary.markdown((List<Map<String, Object>>) report.getOrDefault("review", List.of())));
        sb.append("\n## Metrics\n\n```json\n").append(new String(Json.pretty(report.get("metrics")), java.nio.charset.StandardCharsets.UTF_8)).append("```\n\n");
        sb.append("## Known limitations\n\n")
                .append("- The `ngram` generator samples from a Kneser-Ney model of the input: fluent locally, not globally coherent; it cannot add knowledge.\n")
                .append("- Synthetic text is lower-cased and re-tokenised; punctuation spacing is normalised.\n")
                .append("- Reference perplexity of real documents is measured under a model trained on them (optimistic).\n")
                .append("- Filtering enforces exact deduplication and the Gopher quality and repetition rules only; C4/FineWeb rule values are recorded, not enforced.\n")
                .append("- PII is counted per document (`pii_*` scores, score gate metric `pii_rate`), not removed; near-duplicates are measured within the synthetic batch (`near_duplicate_rate`), not removed.\n")
                .append("- Recursive training on synthetic data can collapse the tail of the distribution; keep the real share at or above the configured floor.\n");
        return sb.toString();
    }

    /** The generator's usage as a table (total and per style) plus the budget state; empty when none was reported. */
    @SuppressWarnings("unchecked")
    static String usage(Map<String, Object> usage) {
        if (usage == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("### Usage\n\n| style | requests | retries | failures | skipped | prompt tokens"
                + " | completion tokens | estimated cost |\n|---|---|---|---|---|---|---|---|\n");
        Map<String, Object> rows = new java.util.LinkedHashMap<>((Map<String, Object>) usage.getOrDefault("per_style", Map.of()));
        rows.put("**total**", usage.get("total"));
        rows.forEach((style, v) -> {
            Map<String, Object> c = (Map<String, Object>) v;
            sb.append("| ").append(style).append(" | ").append(c.get("requests")).append(" | ").append(c.get("retries"))
                    .append(" | ").append(c.get("failures")).append(" | ").append(c.get("skipped")).append(" | ")
                    .append(c.get("prompt_tokens")).append(" | ").append(c.get("completion_tokens")).append(" | ")
                    .append(c.get("cost")).append(" |\n");
        });
        sb.append('\n');
        if (Boolean.TRUE.equals(usage.get("estimated"))) {
            sb.append("Some token counts were estimated (the server reported no `usage`).\n\n");
        }
        Map<String, Object> budget = (Map<String, Object>) usage.getOrDefault("budget", Map.of());
        if (Boolean.TRUE.equals(budget.get("exhausted"))) {
            sb.append("**Budget exhausted** (tokens ").append(budget.get("tokens")).append(", cost ").append(budget.get("cost"))
                    .append("): generation stopped early; ").append(budget.get("detail")).append(".\n\n");
        }
        return sb.toString();
    }

    private static String sizeCategory(long n) {
        if (n < 1000) {
            return "n<1K";
        }
        if (n < 10_000) {
            return "1K<n<10K";
        }
        if (n < 100_000) {
            return "10K<n<100K";
        }
        return n < 1_000_000 ? "100K<n<1M" : "1M<n<10M";
    }

    private static String yaml(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

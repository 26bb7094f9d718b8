package dev.tailguard.core.report;

import dev.tailguard.core.io.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dataset card's body sections, each rendered from report.json's content (tables via {@link MarkdownTable}). */
final class CardSections {

    private CardSections() {
    }

    /** "Collapse risk" verdict first: the level, its measured reasons, and whether any synthetic text was blended. */
    @SuppressWarnings("unchecked")
    static String verdict(Map<String, Object> report) {
        Map<String, Object> risk = map(report.get("collapse_risk"));
        TrainVerdict train = TrainVerdict.of(report);
        StringBuilder sb = new StringBuilder("## Verdict: ").append(train.verdict().label()).append("\n\n");
        for (TrainVerdict.Reason r : train.reasons()) {
            sb.append("- **").append(r.kind().verdict().label()).append("**: ")
                    .append(MarkdownTable.cell(r.message())).append('\n');
        }
        if (train.reasons().isEmpty()) {
            sb.append("Every collapse signal's 95% interval is inside its threshold and every gate passed.\n");
        }
        sb.append("\n## Collapse risk\n\n");
        sb.append("**Collapse verdict: ").append(risk.getOrDefault("level", "not assessed")).append("**");
        if (risk.get("note") != null) {
            sb.append(" (").append(MarkdownTable.cell(risk.get("note"))).append(')');
        }
        long syn = DatasetCard.count(report, "synthetic_blended");
        long gen = DatasetCard.count(report, "synthetic_generated");
        if (gen > 0 && syn == 0) {
            sb.append(" — but none of the ").append(gen)
                    .append(" synthetic documents were blended (all quarantined, see Quarantined records): the dataset is the real input only.");
        }
        sb.append("\n\n");
        Map<String, Object> anchor = map(report.get("anchor"));
        if (!anchor.isEmpty()) {
            sb.append("Measured against the frozen real anchor `").append(anchor.get("key")).append("` (")
                    .append(anchor.get("documents")).append(" documents, ").append(anchor.get("tokens"))
                    .append(" tokens, sha256 `").append(anchor.get("sha256")).append("`).\n\n");
        }
        List<Object> reasons = risk.get("reasons") instanceof List<?> l ? (List<Object>) l : List.of();
        if (reasons.isEmpty()) {
            sb.append("No collapse signal's 95% interval crossed its threshold (`dev.tailguard.core.collapse.CollapsePolicy`).\n\n");
        } else {
            MarkdownTable t = new MarkdownTable("signal", "level", "value", "95% interval", "baseline", "threshold");
            for (Object x : reasons) {
                Map<String, Object> r = map(x);
                t.row(String.valueOf(r.get("signal")), String.valueOf(r.get("level")), String.valueOf(r.get("value")),
                        String.valueOf(r.get("ci")), String.valueOf(r.get("baseline")), String.valueOf(r.get("threshold")));
            }
            sb.append(t.render()).append('\n');
        }
        return sb.toString();
    }

    static String summary(Map<String, Object> report, long blended) {
        return "## Dataset summary\n\nA blend of real documents and synthetic documents generated from them by Tailguard. "
                + blended + " documents: " + DatasetCard.count(report, "real_blended") + " real, "
                + DatasetCard.count(report, "synthetic_blended") + " synthetic (synthetic ratio "
                + report.get("synthetic_ratio") + ").\n\n";
    }

    static String dataFiles(List<DataFiles> files) {
        MarkdownTable t = new MarkdownTable("config", "format", "files");
        for (int i = 0; i < files.size(); i++) {
            DataFiles f = files.get(i);
            t.row(i == 0 ? "default" : f.format(), f.format(), String.join(", ", f.paths()));
        }
        return "## Data files\n\nPaths are relative to this card (the run root); one config per format.\n\n" + t.render() + '\n';
    }

    /** Lineage: parent runs, generation histogram, and per run and generation the collapse metrics. */
    @SuppressWarnings("unchecked")
    static String lineage(Map<String, Object> report) {
        Map<String, Object> lin = map(report.get("lineage"));
        StringBuilder sb = new StringBuilder("## Lineage\n\n");
        List<Object> parents = lin.get("parent_runs") instanceof List<?> p ? (List<Object>) p : List.of();
        sb.append(parents.isEmpty() ? "First generation: no parent run.\n\n"
                : "Parent runs: " + String.join(", ", parents.stream().map(String::valueOf).toList()) + ".\n\n");
        MarkdownTable h = new MarkdownTable("generation", "blended documents");
        map(lin.get("generation_histogram")).forEach(h::row);
        if (h.size() > 0) {
            sb.append(h.render()).append('\n');
        }
        MarkdownTable g = new MarkdownTable("run", "generation", "kind", "distinct_2", "compression_ratio",
                "tail_coverage", "mean reference perplexity");
        if (lin.get("generations") instanceof List<?> gens) {
            for (Object o : gens) {
                Map<String, Object> e = map(o);
                g.row(e.get("run_id"), e.get("generation"), e.get("kind"), e.get("distinct_2"),
                        e.get("compression_ratio"), e.get("tail_coverage"), e.get("mean_reference_perplexity"));
            }
        }
        if (g.size() > 0) {
            sb.append(g.render()).append('\n');
        }
        return sb.toString();
    }

    /** Inputs by file name or store key (never a local directory). */
    static String sources(Map<String, Object> report) {
        MarkdownTable t = new MarkdownTable("file", "lines", "documents", "malformed");
        if (report.get("inputs") instanceof List<?> inputs) {
            for (Object o : inputs) {
                Map<String, Object> m = map(o);
                t.row(sourceName(String.valueOf(m.get("file"))), m.get("lines"), m.get("documents"), m.get("malformed"));
            }
        }
        return "## Sources\n\n" + t.render() + '\n';
    }

    static String sizes(Map<String, Object> report) {
        MarkdownTable t = new MarkdownTable("count", "value");
        map(report.get("counts")).forEach(t::row);
        MarkdownTable q = new MarkdownTable("stage/reason", "records");
        map(report.get("quarantine_reasons")).forEach(q::row);
        return "## Sizes\n\n" + t.render() + "\n## Quarantined records\n\n"
                + (q.size() == 0 ? "None.\n" : q.render()) + '\n';
    }

    static String generation(Map<String, Object> report) {
        Map<String, Object> gen = map(report.get("generator"));
        StringBuilder sb = new StringBuilder("## Generation\n\nGenerator `").append(gen.get("name"))
                .append("` with parameters `").append(Json.write(gen.get("parameters"))).append("`, seed ")
                .append(report.get("seed")).append(". Every synthetic record carries its provenance in `metadata` ")
                .append("(generator, parameters, seed_ids, generation, content_sha256).\n\n");
        sb.append(usage(report.get("usage") instanceof Map<?, ?> ? map(report.get("usage")) : null));
        if (report.get("refinement") instanceof Map<?, ?> ref) {
            sb.append("Refinement loop: ").append(ref.get("regenerated_batches")).append(" of ").append(ref.get("batches"))
                    .append(" batches regenerated after failing the diversity gate; every round is in report.json `refinement`.\n\n");
        }
        sb.append("Blend: `").append(Json.write(report.get("blend"))).append("`.\n\n");
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    static String gates(Map<String, Object> report) {
        MarkdownTable t = new MarkdownTable("stage", "gate", "value", "threshold", "passed", "on fail");
        if (report.get("gates") instanceof List<?> gates) {
            for (Object g : gates) {
                Map<String, Object> gm = Json.MAPPER.convertValue(g, Map.class);
                t.row(gm.get("stage"), gm.get("name"), gm.get("value"), gm.get("threshold"),
                        Boolean.FALSE.equals(gm.get("passed")) ? "**FAILED**" : "passed", gm.get("on_fail"));
            }
        }
        return "## Gate results\n\n" + (t.size() == 0 ? "No gate was evaluated.\n" : t.render());
    }

    @SuppressWarnings("unchecked")
    static String usage(Map<String, Object> usage) {
        if (usage == null) {
            return "";
        }
        MarkdownTable t = new MarkdownTable("style", "requests", "retries", "failures", "skipped", "prompt tokens",
                "completion tokens", "estimated cost");
        Map<String, Object> rows = new LinkedHashMap<>(map(usage.get("per_style")));
        rows.put("**total**", usage.get("total"));
        rows.forEach((style, v) -> {
            Map<String, Object> c = map(v);
            t.row(style, c.get("requests"), c.get("retries"), c.get("failures"), c.get("skipped"),
                    c.get("prompt_tokens"), c.get("completion_tokens"), c.get("cost"));
        });
        StringBuilder sb = new StringBuilder("### Usage\n\n").append(t.render()).append('\n');
        if (Boolean.TRUE.equals(usage.get("estimated"))) {
            sb.append("Some token counts were estimated (the server reported no `usage`).\n\n");
        }
        Map<String, Object> budget = map(usage.get("budget"));
        if (Boolean.TRUE.equals(budget.get("exhausted"))) {
            sb.append("**Budget exhausted** (tokens ").append(budget.get("tokens")).append(", cost ").append(budget.get("cost"))
                    .append("): generation stopped early; ").append(budget.get("detail")).append(".\n\n");
        }
        return sb.toString();
    }

    static String limitations() {
        return "## Known limitations\n\n"
                + "- The `ngram` generator samples from a Kneser-Ney model of the input: fluent locally, not globally coherent; it cannot add knowledge.\n"
                + "- Synthetic text is lower-cased and re-tokenised; punctuation spacing is normalised.\n"
                + "- Filtering enforces exact deduplication and the Gopher quality and repetition rules only; C4/FineWeb rule values are recorded, not enforced.\n"
                + "- PII is counted per document (`pii_*` scores, score gate metric `pii_rate`), not removed; near-duplicates are measured within the synthetic batch (`near_duplicate_rate`), not removed.\n"
                + "- Recursive training on synthetic data can collapse the tail of the distribution; keep the real share at or above the configured floor.\n";
    }

    /** A store key stays ({@code store:runs/...}); a local path keeps only its file name. */
    static String sourceName(String file) {
        if (file.startsWith("store:")) {
            return file;
        }
        String s = file.replace('\\', '/');
        int slash = s.lastIndexOf('/');
        return slash < 0 ? s : s.substring(slash + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}

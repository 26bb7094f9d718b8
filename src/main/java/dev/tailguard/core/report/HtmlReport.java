package dev.tailguard.core.report;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.plot.Histogram;
import dev.tailguard.core.plot.Html;
import dev.tailguard.core.plot.LineChart;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The self-contained run report {@code report/index.html} (no scripts, no network; inline SVG from {@code core.plot}). */
public final class HtmlReport {

    /** Per-document score fields plotted as real-vs-synthetic distributions. */
    public static final List<String> DISTRIBUTIONS = List.of("perplexity", "tokens", "distinct_1", "distinct_2",
            "compression_ratio", "gopher_below_avg_threshold", "mattr_50");

    private HtmlReport() {
    }

    /** Renders the report of a succeeded run from report.json's content and the per-document score columns. */
    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> report, Map<String, double[]> real, Map<String, double[]> synthetic) {
        Html h = Html.page("Tailguard run " + report.get("run_id"));
        h.paragraph("Status " + report.get("status") + ", seed " + report.get("seed") + ", synthetic ratio "
                + report.get("synthetic_ratio") + ".");
        verdict(h, report);
        h.heading("Counts");
        List<List<String>> rows = new ArrayList<>();
        ((Map<String, Object>) report.get("counts")).forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
        h.table(List.of("count", "value"), rows);
        h.heading("Quarantine (stage/reason)");
        List<List<String>> qrows = new ArrayList<>();
        ((Map<String, Object>) report.getOrDefault("quarantine_reasons", Map.of())).forEach((k, v) -> qrows.add(List.of(k, String.valueOf(v))));
        h.table(List.of("stage/reason", "records"), qrows);
        h.heading("Metrics");
        Map<String, Object> metrics = (Map<String, Object>) report.get("metrics");
        Map<String, Object> r = (Map<String, Object>) metrics.get("real");
        Map<String, Object> s = (Map<String, Object>) metrics.get("synthetic");
        List<List<String>> mrows = new ArrayList<>();
        r.forEach((k, v) -> mrows.add(List.of(k, String.valueOf(v), String.valueOf(s.get(k)))));
        h.table(List.of("metric", "real", "synthetic"), mrows);
        h.heading("Gates");
        List<List<String>> grows = new ArrayList<>();
        for (Object g : (List<Object>) report.get("gates")) {
            Map<String, Object> gm = Json.MAPPER.convertValue(g, Map.class);
            grows.add(List.of(String.valueOf(gm.get("stage")), String.valueOf(gm.get("name")), String.valueOf(gm.get("value")),
                    String.valueOf(gm.get("threshold")), Boolean.TRUE.equals(gm.get("passed")) ? "yes" : "NO",
                    String.valueOf(gm.get("on_fail"))));
        }
        h.table(List.of("stage", "gate", "value", "threshold", "passed", "on fail"), grows);
        Map<String, Object> lineage = (Map<String, Object>) report.get("lineage");
        if (lineage != null) {
            h.heading("Lineage");
            h.pre(pretty(Map.of("parent_runs", lineage.get("parent_runs"),
                    "generation_histogram", lineage.get("generation_histogram"))));
            h.raw(lineageCharts((List<Map<String, Object>>) lineage.get("generations")));
        }
        h.heading("Distributions per document: real vs synthetic");
        StringBuilder grid = new StringBuilder("<div class=\"grid\">");
        for (String f : DISTRIBUTIONS) {
            grid.append(Histogram.titled(f).xLabel(f).size(460, 280)
                    .series("real", real.getOrDefault(f, new double[0]))
                    .series("synthetic", synthetic.getOrDefault(f, new double[0])).toSvg());
        }
        h.raw(grid.append("</div>").toString());
        h.heading("Inputs");
        h.pre(pretty(report.get("inputs")));
        h.heading("Generator");
        h.pre(pretty(report.get("generator")));
        h.heading("Blend");
        h.pre(pretty(report.get("blend")));
        return h.build();
    }

    private static String lineageCharts(List<Map<String, Object>> gens) {
        StringBuilder grid = new StringBuilder("<div class=\"grid\">");
        for (String metric : List.of("distinct_2", "compression_ratio", "tail_coverage", "mean_reference_perplexity")) {
            List<double[]> pts = new ArrayList<>();
            for (Map<String, Object> e : gens) {
                if (e.get(metric) instanceof Number n) {
                    pts.add(new double[]{((Number) e.get("generation")).doubleValue(), n.doubleValue()});
                }
            }
            grid.append(LineChart.titled(metric + " by generation").xLabel("generation").yLabel(metric).integerX(true)
                    .size(460, 280).series(metric, pts.stream().mapToDouble(p -> p[0]).toArray(),
                            pts.stream().mapToDouble(p -> p[1]).toArray()).toSvg());
        }
        return grid.append("</div>").toString();
    }

    /** Renders the report of a failed run. */
    public static String failure(Map<String, Object> report) {
        Html h = Html.page("Tailguard run " + report.get("run_id") + " failed");
        h.paragraph("Stage " + report.get("failed_stage") + ": " + report.get("reason"));
        h.pre(pretty(report));
        return h.build();
    }

    private static String pretty(Object o) {
        return new String(Json.pretty(o), StandardCharsets.UTF_8);
    }

    /**
     * The collapse verdict block, right under the status line: level, the measured reasons (signal, value, 95%
     * interval, baseline, threshold), or why the run is unanchored, and the anchor it was measured against.
     */
    @SuppressWarnings("unchecked")
    private static void verdict(Html h, Map<String, Object> report) {
        Map<String, Object> risk = (Map<String, Object>) report.get("collapse_risk");
        if (risk == null) {
            return;
        }
        h.heading("Collapse verdict: " + String.valueOf(risk.get("level")).toUpperCase(java.util.Locale.ROOT));
        if (risk.get("note") != null) {
            h.paragraph("Unanchored: " + risk.get("note"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) risk.getOrDefault("reasons", List.of())) {
            rows.add(List.of(String.valueOf(r.get("signal")), String.valueOf(r.get("level")),
                    String.valueOf(r.get("value")), String.valueOf(r.get("ci")), String.valueOf(r.get("baseline")),
                    String.valueOf(r.get("threshold"))));
        }
        if (!rows.isEmpty()) {
            h.table(List.of("signal", "level", "value", "95% CI", "generation-0 baseline", "threshold"), rows);
        }
        h.paragraph("Anchor: " + (report.get("anchor") == null ? "none" : pretty(report.get("anchor")))
                + "; every signal is in report.json collapse_risk.signals.");
    }
}

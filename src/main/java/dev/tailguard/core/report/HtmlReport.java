package dev.tailguard.core.report;

import dev.tailguard.core.io.Json;

import java.util.List;
import java.util.Map;

/** The self-contained run report {@code report/index.html}: no scripts, no network; inline SVG plots. */
public final class HtmlReport {

    /** Per-document score fields plotted as real-vs-synthetic distributions. */
    public static final List<String> DISTRIBUTIONS = List.of("perplexity", "tokens", "distinct_1", "distinct_2",
            "compression_ratio", "gopher_mean_word_length");

    private HtmlReport() {
    }

    /** Renders the report of a succeeded run. */
    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> report, Map<String, double[]> real, Map<String, double[]> synthetic) {
        StringBuilder sb = head("Tailguard run " + report.get("run_id"));
        sb.append("<h1>Tailguard run <code>").append(Svg.esc(String.valueOf(report.get("run_id")))).append("</code></h1>");
        sb.append("<p>Status: <b>").append(report.get("status")).append("</b> &middot; seed ").append(report.get("seed"))
                .append(" &middot; synthetic ratio ").append(report.get("synthetic_ratio")).append("</p>");
        sb.append("<h2>Counts</h2>").append(table((Map<String, Object>) report.get("counts")));
        sb.append("<h2>Metrics</h2><table><tr><th>metric</th><th>real</th><th>synthetic</th></tr>");
        Map<String, Object> metrics = (Map<String, Object>) report.get("metrics");
        Map<String, Object> r = (Map<String, Object>) metrics.get("real");
        Map<String, Object> s = (Map<String, Object>) metrics.get("synthetic");
        for (String k : r.keySet()) {
            sb.append("<tr><td>").append(k).append("</td><td>").append(r.get(k)).append("</td><td>").append(s.get(k)).append("</td></tr>");
        }
        sb.append("</table>");
        sb.append("<h2>Gates</h2><table><tr><th>stage</th><th>gate</th><th>value</th><th>threshold</th><th>passed</th><th>on fail</th></tr>");
        for (Object g : (List<Object>) report.get("gates")) {
            Map<String, Object> gm = Json.MAPPER.convertValue(g, Map.class);
            sb.append("<tr><td>").append(gm.get("stage")).append("</td><td>").append(gm.get("name")).append("</td><td>")
                    .append(gm.get("value")).append("</td><td>").append(gm.get("threshold")).append("</td><td>")
                    .append(Boolean.TRUE.equals(gm.get("passed")) ? "yes" : "<b>no</b>").append("</td><td>").append(gm.get("onFail")).append("</td></tr>");
        }
        sb.append("</table><h2>Distributions: real vs synthetic (per document)</h2><div class=\"plots\">");
        for (String f : DISTRIBUTIONS) {
            sb.append(Svg.histogram(f, real.getOrDefault(f, new double[0]), synthetic.getOrDefault(f, new double[0]), 30));
        }
        sb.append("</div><h2>Inputs</h2><pre>").append(Svg.esc(Json.write(report.get("inputs")))).append("</pre>");
        sb.append("<h2>Generator</h2><pre>").append(Svg.esc(Json.write(report.get("generator")))).append("</pre>");
        sb.append("<h2>Blend</h2><pre>").append(Svg.esc(Json.write(report.get("blend")))).append("</pre>");
        return sb.append("</body></html>\n").toString();
    }

    /** Renders the report of a failed run. */
    public static String failure(Map<String, Object> report) {
        StringBuilder sb = head("Tailguard run " + report.get("run_id") + " failed");
        sb.append("<h1>Run <code>").append(Svg.esc(String.valueOf(report.get("run_id")))).append("</code> failed</h1>");
        sb.append("<p>Stage <b>").append(Svg.esc(String.valueOf(report.get("failed_stage")))).append("</b>: ")
                .append(Svg.esc(String.valueOf(report.get("reason")))).append("</p><pre>")
                .append(Svg.esc(new String(Json.pretty(report), java.nio.charset.StandardCharsets.UTF_8))).append("</pre>");
        return sb.append("</body></html>\n").toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Svg.esc(title)).append("</title><style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
                        + ".plots svg{margin:6px;border:1px solid #eee}</style></head><body>");
    }

    private static String table(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("<table>");
        m.forEach((k, v) -> sb.append("<tr><td>").append(Svg.esc(k)).append("</td><td>").append(v).append("</td></tr>"));
        return sb.append("</table>").toString();
    }
}

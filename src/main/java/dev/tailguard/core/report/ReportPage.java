package dev.tailguard.core.report;

import dev.tailguard.core.plot.Histogram;
import dev.tailguard.core.plot.LineChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.tailguard.core.plot.Html.escape;

/**
 * The verdict-first run report {@code report/index.html}: the {@code id="verdict"} block is the first element of the
 * body (train on it / review first / do not train, with the measured reasons, values and 95% intervals), then
 * side-by-side examples ({@code id="examples"}), the gates with what each measures, why it matters, its threshold
 * and source ({@code id="gates"}), the collapse signals across generations against the anchor ({@code id="lineage"})
 * and the details. Self-contained: inline CSS and SVG, no script, no external reference. Every text taken from
 * documents or report.json is HTML-escaped; the page is well-formed XML.
 */
final class ReportPage {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72em;color:#222;"
            + "padding:1em}h1{font-size:1.9em;margin:.2em 0}h2{font-size:1.3em;margin-top:1.8em;border-bottom:1px solid #ddd}"
            + "table{border-collapse:collapse;margin:.8em 0;font-size:.88em}th,td{border:1px solid #ccc;"
            + "padding:.3em .55em;text-align:left;vertical-align:top}th{background:#f3f3f3}td.num{text-align:right;"
            + "font-variant-numeric:tabular-nums;white-space:nowrap}"
            + "#verdict{border-radius:8px;padding:1em 1.4em;margin-top:.5em;border:3px solid}"
            + ".v-train{background:#eaf7ee;border-color:#2e8b57}.v-review{background:#fff6e0;border-color:#d98e04}"
            + ".v-do_not_train{background:#fdecea;border-color:#c0392b}.kicker{margin:0;color:#555;font-size:.9em}"
            + ".answer{text-transform:uppercase;letter-spacing:.03em}.reasons li{margin:.25em 0}"
            + ".pair{display:grid;grid-template-columns:1fr 1fr;gap:1em;margin:1em 0;border:1px solid #ddd;"
            + "border-radius:6px;padding:.8em}.pair h3{grid-column:1/3;margin:0;font-size:1em}"
            + ".doc{background:#fafafa;border-left:4px solid #bbb;padding:.5em .8em;white-space:pre-wrap;"
            + "font-size:.88em;max-height:22em;overflow:auto}.doc.synthetic{border-color:#2c6fbb}"
            + ".doc .id{display:block;font-weight:bold;font-size:.85em;color:#555;margin-bottom:.3em}"
            + "tr.fail td{background:#fdecea}tr.fail td.result{color:#a00;font-weight:bold}"
            + "td.result.pass{color:#1e7b45;font-weight:bold}.grid{display:flex;flex-wrap:wrap;gap:1em}"
            + "pre{background:#f6f6f6;padding:.6em;overflow-x:auto;font-size:.85em}.note{color:#555;font-size:.9em}";

    private ReportPage() {
    }

    /**
     * Renders the page.
     *
     * @param report    report.json content (read defensively)
     * @param verdict   the train verdict
     * @param examples  the side-by-side examples
     * @param lineage   the collapse signals by generation
     * @param real      per-document score columns of the real documents
     * @param synthetic per-document score columns of the synthetic documents
     */
    static String render(Map<String, Object> report, TrainVerdict verdict, ReportExamples examples,
                         AnchorLineage lineage, Map<String, double[]> real, Map<String, double[]> synthetic) {
        StringBuilder b = new StringBuilder(64 * 1024);
        verdict(b, report, verdict);
        examples(b, examples);
        gates(b, report);
        lineage(b, report, lineage);
        details(b, report, real, synthetic);
        String title = "Tailguard run " + report.get("run_id") + ": " + verdict.verdict().label();
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head><meta charset=\"utf-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>" + escape(title)
                + "</title><style>" + STYLE + "</style></head>\n<body>\n" + b + "</body>\n</html>\n";
    }

    private static void verdict(StringBuilder b, Map<String, Object> report, TrainVerdict v) {
        Map<String, Object> risk = ReportJson.map(report.get("collapse_risk"));
        Map<String, Object> anchor = ReportJson.map(report.get("anchor"));
        b.append("<section id=\"verdict\" class=\"v-").append(v.verdict().key()).append("\" data-verdict=\"")
                .append(v.verdict().key()).append("\">");
        b.append("<p class=\"kicker\">Tailguard run ").append(escape(String.valueOf(report.get("run_id"))))
                .append(": may this dataset be trained on?</p>");
        b.append("<h1 class=\"answer\">").append(escape(v.verdict().label())).append("</h1>");
        b.append("<p>").append(escape(DatasetCard.count(report, "blended") + " documents blended ("
                + DatasetCard.count(report, "real_blended") + " real, " + DatasetCard.count(report, "synthetic_blended")
                + " synthetic of " + DatasetCard.count(report, "synthetic_generated") + " generated). Collapse risk: "
                + risk.getOrDefault("level", "not assessed") + (anchor.isEmpty() ? ", no frozen real anchor."
                : ", measured against a frozen real anchor of " + anchor.get("documents") + " documents ("
                + anchor.get("tokens") + " tokens)."))).append("</p>");
        if (v.reasons().isEmpty()) {
            b.append("<p class=\"reasons\">Every collapse signal's 95% interval is inside its threshold and every gate "
                    + "passed.</p>");
        } else {
            b.append("<ul class=\"reasons\">");
            for (TrainVerdict.Reason r : v.reasons()) {
                b.append("<li data-kind=\"").append(r.kind().key()).append("\"><b>")
                        .append(escape(r.kind().verdict().label())).append(":</b> ").append(escape(r.message()))
                        .append("</li>");
            }
            b.append("</ul>");
        }
        signalsTable(b, risk);
        b.append("</section>\n");
    }

    private static void signalsTable(StringBuilder b, Map<String, Object> risk) {
        Map<String, Object> signals = ReportJson.map(risk.get("signals"));
        List<Object> missing = ReportJson.list(risk.get("missing"));
        if (signals.isEmpty() && missing.isEmpty()) {
            return;
        }
        Map<String, Map<String, Object>> fired = new java.util.HashMap<>();
        for (Object o : ReportJson.list(risk.get("reasons"))) {
            Map<String, Object> r = ReportJson.map(o);
            fired.put(String.valueOf(r.get("signal")), r);
        }
        b.append("<table id=\"signals\"><thead><tr><th>collapse signal</th><th>value</th><th>95% interval</th>"
                + "<th>generation-0 baseline</th><th>threshold</th><th>sample</th><th>status</th></tr></thead><tbody>");
        signals.forEach((key, o) -> {
            Map<String, Object> s = ReportJson.map(o);
            Map<String, Object> r = fired.get(key);
            double[] ci = ReportJson.interval(s.get("ci"));
            Object threshold = r != null ? r.get("threshold") : s.get("threshold");
            String status = r != null ? "beyond threshold (" + r.get("level") + ")"
                    : Boolean.FALSE.equals(s.get("comparable")) ? "not comparable" : "inside";
            b.append(r != null ? "<tr class=\"fail\">" : "<tr>").append(td(key)).append(num(s.get("value")))
                    .append(tdNum(ci == null ? "n/a" : "[" + ReportJson.num(ci[0]) + ", " + ReportJson.num(ci[1]) + "]"))
                    .append(num(s.get("baseline"))).append(num(threshold))
                    .append(td(s.get("sample_size") + " " + s.getOrDefault("unit", ""))).append(td(status))
                    .append("</tr>");
        });
        for (Object m : missing) {
            b.append("<tr>").append(td(String.valueOf(m).split(":")[0])).append("<td colspan=\"5\">")
                    .append(escape(String.valueOf(m))).append("</td>").append(td("not measured")).append("</tr>");
        }
        b.append("</tbody></table>");
    }

    private static void examples(StringBuilder b, ReportExamples ex) {
        b.append("<section id=\"examples\"><h2>Examples: seed vs synthetic</h2><p class=\"note\">")
                .append(escape(ex.note())).append("</p>");
        if (ex.examples().isEmpty()) {
            b.append("<p>No synthetic document was generated.</p>");
        }
        for (ReportExamples.Example e : ex.examples()) {
            b.append("<div class=\"pair\" data-label=\"").append(escape(e.label())).append("\"><h3>")
                    .append(escape(e.label() + (e.score() == null ? "" : String.format(Locale.ROOT,
                            ": discriminator score %.3f", e.score())) + (e.blended() ? "" : " (not blended)")))
                    .append("</h3>");
            if (e.seed() == null) {
                b.append("<div class=\"doc seed\"><span class=\"id\">seed</span>(seed not in the input)</div>");
            } else {
                doc(b, "seed", "real seed " + e.seed().id(), e.seed().text());
            }
            doc(b, "synthetic", "synthetic " + e.synthetic().id(), e.synthetic().text());
            b.append("</div>");
        }
        b.append("</section>\n");
    }

    private static void doc(StringBuilder b, String cls, String id, String text) {
        b.append("<div class=\"doc ").append(cls).append("\"><span class=\"id\">").append(escape(id))
                .append("</span>").append(escape(text)).append("</div>");
    }

    private static void gates(StringBuilder b, Map<String, Object> report) {
        b.append("<section id=\"gates\"><h2>Gates</h2>");
        List<Object> gates = ReportJson.list(report.get("gates"));
        if (gates.isEmpty()) {
            b.append("<p>No gate was evaluated.</p></section>\n");
            return;
        }
        b.append("<table id=\"gates-table\"><thead><tr><th>gate</th><th>what it measures</th><th>why it matters</th>"
                + "<th>value</th><th>threshold</th><th>result</th><th>on fail</th><th>source</th></tr></thead><tbody>");
        for (Object o : gates) {
            Map<String, Object> g = ReportJson.map(o);
            boolean failed = Boolean.FALSE.equals(g.get("passed"));
            GateCatalog.Entry e = GateCatalog.of(String.valueOf(g.get("name")));
            String value = ReportJson.num(g.get("value")) + ReportJson.ci(g.get("ci"))
                    + (g.get("n") == null ? "" : ", n=" + g.get("n"))
                    + (g.get("test") == null ? "" : ", " + g.get("test"))
                    + (g.get("p_value") == null ? "" : ", p=" + ReportJson.num(g.get("p_value")));
            b.append(failed ? "<tr class=\"fail\">" : "<tr class=\"pass\">")
                    .append(td(g.get("stage") + "." + g.get("name"))).append(td(e.measures())).append(td(e.matters()))
                    .append(td(value)).append(num(g.get("threshold")))
                    .append("<td class=\"result ").append(failed ? "fail\">FAIL" : "pass\">pass").append("</td>")
                    .append(td(String.valueOf(g.get("on_fail")))).append(td(e.source())).append("</tr>");
        }
        b.append("</tbody></table></section>\n");
    }

    private static void lineage(StringBuilder b, Map<String, Object> report, AnchorLineage lineage) {
        b.append("<section id=\"lineage\"><h2>Collapse signals across generations, against the anchor</h2>");
        if (lineage.signals().isEmpty()) {
            b.append("<p>No collapse signal was measured (")
                    .append(escape(String.valueOf(ReportJson.map(report.get("collapse_risk")).getOrDefault("note",
                            "no anchor")))).append(").</p>");
        }
        Map<String, Object> fired = new java.util.HashMap<>();
        for (Object o : ReportJson.list(ReportJson.map(report.get("collapse_risk")).get("reasons"))) {
            Map<String, Object> r = ReportJson.map(o);
            fired.put(String.valueOf(r.get("signal")), r.get("threshold"));
        }
        b.append("<div class=\"grid\">");
        lineage.signals().forEach((key, pts) -> {
            Double threshold = fired.get(key) instanceof Number n ? n.doubleValue() : null;
            if (pts.size() == 1) {
                AnchorLineage.Point p = pts.get(0);
                b.append("<figure>").append(IntervalPlot.svg(key + ", generation " + p.generation(), p.value(), p.lo(),
                        p.hi(), p.baseline(), threshold)).append("<figcaption>").append(escape("One generation: "
                        + ReportJson.num(p.value()) + " (95% CI [" + ReportJson.num(p.lo()) + ", "
                        + ReportJson.num(p.hi()) + "]) vs generation-0 baseline " + ReportJson.num(p.baseline())
                        + "; a trend needs runs of further generations.")).append("</figcaption></figure>");
                return;
            }
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            double[] lo = new double[pts.size()];
            double[] hi = new double[pts.size()];
            double[] base = new double[pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                AnchorLineage.Point p = pts.get(i);
                x[i] = p.generation();
                y[i] = p.value();
                lo[i] = p.lo();
                hi[i] = p.hi();
                base[i] = p.baseline();
            }
            b.append("<figure>").append(LineChart.titled(key + " by generation").xLabel("generation").yLabel(key)
                    .integerX(true).size(460, 280).series(key + " (95% CI)", x, y, lo, hi)
                    .series("generation-0 baseline", x, base).toSvg())
                    .append("<figcaption>").append(escape(pts.size() + " runs; shaded: 95% interval")).append("</figcaption></figure>");
        });
        b.append("</div></section>\n");
    }

    private static void details(StringBuilder b, Map<String, Object> report, Map<String, double[]> real,
                                Map<String, double[]> synthetic) {
        b.append("<section id=\"details\"><h2>Counts</h2>");
        keyValue(b, ReportJson.map(report.get("counts")), "count", "value");
        b.append("<h2>Quarantine (stage/reason)</h2>");
        Map<String, Object> q = ReportJson.map(report.get("quarantine_reasons"));
        if (q.isEmpty()) {
            b.append("<p>None.</p>");
        } else {
            keyValue(b, q, "stage/reason", "records");
        }
        b.append("<h2>Metrics</h2><table><thead><tr><th>metric</th><th>real</th><th>synthetic</th></tr></thead><tbody>");
        Map<String, Object> metrics = ReportJson.map(report.get("metrics"));
        Map<String, Object> sm = ReportJson.map(metrics.get("synthetic"));
        ReportJson.map(metrics.get("real")).forEach((k, v) -> b.append("<tr>").append(td(k)).append(num(v))
                .append(num(sm.get(k))).append("</tr>"));
        b.append("</tbody></table>");
        Map<String, Object> lin = ReportJson.map(report.get("lineage"));
        if (!lin.isEmpty()) {
            b.append("<h2>Per-generation text metrics</h2><div class=\"grid\">");
            for (String metric : List.of("distinct_2", "compression_ratio", "tail_coverage", "mean_reference_perplexity")) {
                List<double[]> pts = new ArrayList<>();
                for (Object o : ReportJson.list(lin.get("generations"))) {
                    Map<String, Object> e = ReportJson.map(o);
                    if (e.get(metric) instanceof Number n && e.get("generation") instanceof Number g) {
                        pts.add(new double[] {g.doubleValue(), n.doubleValue()});
                    }
                }
                b.append(LineChart.titled(metric + " by generation").xLabel("generation").yLabel(metric).integerX(true)
                        .size(460, 280).series(metric, pts.stream().mapToDouble(p -> p[0]).toArray(),
                                pts.stream().mapToDouble(p -> p[1]).toArray()).toSvg());
            }
            b.append("</div>");
        }
        b.append("<h2>Distributions per document: real vs synthetic</h2><div class=\"grid\">");
        for (String f : HtmlReport.DISTRIBUTIONS) {
            b.append(Histogram.titled(f).xLabel(f).size(460, 280)
                    .series("real", real.getOrDefault(f, new double[0]))
                    .series("synthetic", synthetic.getOrDefault(f, new double[0])).toSvg());
        }
        b.append("</div>");
        for (String k : List.of("inputs", "generator", "blend", "anchor")) {
            b.append("<h2>").append(escape(k)).append("</h2><pre>")
                    .append(escape(HtmlReport.pretty(withoutLocalDirectories(report.get(k))))).append("</pre>");
        }
        b.append("</section>\n");
    }

    /**
     * The value with every local absolute path ({@code /...}, {@code file:...}, {@code C:\...}) cut to its file name,
     * as the dataset card names inputs: the page is shared, the machine's directories are not part of the result.
     */
    static Object withoutLocalDirectories(Object v) {
        if (v instanceof String s && (s.startsWith("/") || s.startsWith("file:") || s.matches("^[A-Za-z]:[\\\\/].*"))) {
            return CardSections.sourceName(s);
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, withoutLocalDirectories(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ReportPage::withoutLocalDirectories).toList();
        }
        return v;
    }

    private static void keyValue(StringBuilder b, Map<String, Object> m, String k, String v) {
        b.append("<table><thead><tr><th>").append(escape(k)).append("</th><th>").append(escape(v))
                .append("</th></tr></thead><tbody>");
        m.forEach((key, val) -> b.append("<tr>").append(td(key)).append(num(val)).append("</tr>"));
        b.append("</tbody></table>");
    }

    private static String td(String s) {
        return "<td>" + escape(s) + "</td>";
    }

    private static String num(Object v) {
        return tdNum(ReportJson.num(v));
    }

    private static String tdNum(String s) {
        return "<td class=\"num\">" + escape(s) + "</td>";
    }
}

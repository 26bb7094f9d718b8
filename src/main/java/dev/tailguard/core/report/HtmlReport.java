package dev.tailguard.core.report;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.plot.Html;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The self-contained run report {@code report/index.html} (no scripts, no network; inline SVG from {@code core.plot}). */
public final class HtmlReport {

    /** Per-document score fields plotted as real-vs-synthetic distributions. */
    public static final List<String> DISTRIBUTIONS = List.of("perplexity", "tokens", "distinct_1", "distinct_2",
            "compression_ratio", "gopher_below_avg_threshold", "mattr_50");

    private HtmlReport() {
    }

    /**
     * Renders the verdict-first report of a succeeded run ({@link ReportPage}) with no examples and the lineage of
     * this report only.
     */
    public static String render(Map<String, Object> report, Map<String, double[]> real, Map<String, double[]> synthetic) {
        return render(report, TrainVerdict.of(report), new ReportExamples(List.of(), "No examples were collected."),
                AnchorLineage.of(report, List.of()), real, synthetic);
    }

    /** Renders the verdict-first report of a succeeded run ({@link ReportPage}). */
    public static String render(Map<String, Object> report, TrainVerdict verdict, ReportExamples examples,
                                AnchorLineage lineage, Map<String, double[]> real, Map<String, double[]> synthetic) {
        return ReportPage.render(report, verdict, examples, lineage, real, synthetic);
    }

    /** Renders the report of a failed run. */
    public static String failure(Map<String, Object> report) {
        String title = "Tailguard run " + report.get("run_id") + ": do not train (the run failed)";
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head><meta charset=\"utf-8\"/>"
                + "<title>" + Html.escape(title) + "</title><style>body{font-family:system-ui,sans-serif;max-width:72em;"
                + "margin:0 auto;padding:1em}#verdict{background:#fdecea;border:3px solid #c0392b;border-radius:8px;"
                + "padding:1em 1.4em}pre{background:#f6f6f6;padding:.6em;overflow-x:auto}</style></head>\n<body>\n"
                + "<section id=\"verdict\" class=\"v-do_not_train\" data-verdict=\"do_not_train\"><p>Tailguard run "
                + Html.escape(String.valueOf(report.get("run_id"))) + "</p><h1>Do not train: the run failed</h1><p>Stage "
                + Html.escape(report.get("failed_stage") + ": " + report.get("reason")) + "</p></section>\n<pre>"
                + Html.escape(pretty(ReportPage.withoutLocalDirectories(report))) + "</pre>\n</body>\n</html>\n";
    }

    static String pretty(Object o) {
        return new String(Json.pretty(o), StandardCharsets.UTF_8);
    }
}

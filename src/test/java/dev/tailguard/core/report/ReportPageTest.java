package dev.tailguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The page's structure and escaping, on a report.json-shaped map with hostile document text. */
class ReportPageTest {

    static final String HOSTILE = "<script>alert('x')</script> & <img src=http://evil/x.png> \"quoted\"";

    @Test
    @SuppressWarnings("unchecked")
    void verdictFirstEscapedAndWellFormed() throws Exception {
        Map<String, Object> report = TrainVerdictTest.report("medium", 10, 10, List.of(Map.of("stage", "blend",
                "name", "drift_tv_party.max", "value", 0.3, "threshold", 0.2, "passed", false, "on_fail", "quarantine")));
        ((Map<String, Object>) report.get("collapse_risk")).put("reasons", List.of(Map.of("signal", "c2st_auc",
                "level", "medium", "value", 0.8, "ci", List.of(0.75, 0.85), "baseline", 0.55, "threshold", 0.7)));
        ReportExamples ex = new ReportExamples(List.of(new ReportExamples.Example("least real-looking",
                new ReportExamples.Excerpt("syn-1", HOSTILE), 0.91, true,
                new ReportExamples.Excerpt("seed-1", "A real " + HOSTILE))), "note " + HOSTILE);
        String html = HtmlReport.render(report, TrainVerdict.of(report), ex, AnchorLineage.of(report, List.of()),
                Map.of(), Map.of());

        assertThat(html).doesNotContain("<script", "<img", "src=\"http", "href=\"http", "url(")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img");
        org.w3c.dom.Document dom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        Element body = (Element) dom.getElementsByTagName("body").item(0);
        Element first = firstElement(body);
        assertThat(first.getAttribute("id")).isEqualTo("verdict");
        assertThat(first.getAttribute("data-verdict")).isEqualTo("review");
        assertThat(first.getTextContent()).contains("review first", "c2st_auc = 0.8", "95% CI [0.75, 0.85]",
                "gate blend.drift_tv_party.max failed");
        assertThat(html.indexOf("id=\"verdict\"")).isLessThan(html.indexOf("id=\"examples\""));
        assertThat(html.indexOf("id=\"examples\"")).isLessThan(html.indexOf("id=\"gates\""));
        assertThat(html.indexOf("id=\"gates\"")).isLessThan(html.indexOf("id=\"lineage\""));
        assertThat(html).contains("<tr class=\"fail\"><td>blend.drift_tv_party.max</td>", ">FAIL<",
                "total-variation distance");
    }

    @Test
    void aSingleGenerationIsAnIntervalNotATrend() {
        Map<String, Object> report = TrainVerdictTest.report("low", 10, 10, List.of());
        String html = HtmlReport.render(report, TrainVerdict.of(report), new ReportExamples(List.of(), "none"),
                AnchorLineage.of(report, List.of()), Map.of(), Map.of());
        String lineage = html.substring(html.indexOf("id=\"lineage\""), html.indexOf("id=\"details\""));
        assertThat(lineage).contains("class=\"interval-plot\"", "One generation: 0.6 (95% CI [0.55, 0.65])")
                .doesNotContain("polyline");
    }

    @Test
    @SuppressWarnings("unchecked")
    void severalGenerationsArePlottedWithBandsAgainstTheBaseline() {
        Map<String, Object> parent = TrainVerdictTest.report("low", 10, 10, List.of());
        parent.put("run_id", "parent");
        ((Map<String, Object>) parent.get("collapse_risk")).put("context", Map.of("max_generation", 1));
        Map<String, Object> child = TrainVerdictTest.report("low", 10, 10, List.of());
        ((Map<String, Object>) child.get("collapse_risk")).put("context", new LinkedHashMap<>(Map.of("max_generation", 2)));
        AnchorLineage lin = AnchorLineage.of(child, List.of(parent));
        assertThat(lin.signals().get("c2st_auc")).extracting(AnchorLineage.Point::generation).containsExactly(1, 2);
        String html = HtmlReport.render(child, TrainVerdict.of(child), new ReportExamples(List.of(), "none"), lin,
                Map.of(), Map.of());
        String lineage = html.substring(html.indexOf("id=\"lineage\""), html.indexOf("id=\"details\""));
        assertThat(lineage).contains("class=\"band\"", "generation-0 baseline", "c2st_auc by generation");
    }

    private static Element firstElement(Element parent) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("no element");
    }
}

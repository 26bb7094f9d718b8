package dev.tailguard.core.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class LineChartTest {

    private static final double[] GENS = {0, 1, 2, 3, 4, 5};

    @Test
    void rendersOnePolylinePerSeriesWithBandsMarkersAndLegend() throws Exception {
        String svg = LineChart.titled("Held-out perplexity").xLabel("generation").yLabel("perplexity").integerX(true)
                .series("replace", GENS, new double[] {250, 330, 400, 455, 500, 540},
                        new double[] {245, 320, 390, 450, 490, 530}, new double[] {255, 340, 410, 460, 510, 550})
                .series("accumulate", GENS, new double[] {250, 275, 293, 308, 321, 332})
                .toSvg();
        Document d = Xml.parse(svg);

        assertThat(d.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(d.getDocumentElement().getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(Xml.count(d, "polyline", null)).isEqualTo(2);
        assertThat(Xml.count(d, "path", "band")).isEqualTo(1);
        assertThat(Xml.count(d, "circle", null)).isEqualTo(12);
        assertThat(Xml.count(d, "g", "legend-item")).isEqualTo(2);
        assertThat(Xml.firstText(d, "text", "chart-title")).isEqualTo("Held-out perplexity");
        assertThat(svg).doesNotContain("<script").doesNotContain("http://www.w3.org/1999/xlink").doesNotContain("href");
    }

    @Test
    void integerXTicksAreTheGenerations() throws Exception {
        Document d = Xml.parse(LineChart.titled("t").integerX(true).series("s", GENS, new double[] {1, 2, 3, 4, 5, 6}).toSvg());
        assertThat(tickLabels(d, "x-ticks")).containsExactly("0", "1", "2", "3", "4", "5");
    }

    @Test
    void yTicksAreNiceNumbersCoveringTheData() throws Exception {
        Document d = Xml.parse(LineChart.titled("t").series("s", new double[] {0, 1}, new double[] {0.12, 0.87}).toSvg());
        assertThat(tickLabels(d, "y-ticks")).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
    }

    @Test
    void escapesTitleLabelsAndSeriesNames() throws Exception {
        String svg = LineChart.titled("a < b & \"c\"").xLabel("x's").yLabel("<y>")
                .series("blend:0.3 <&>", new double[] {0, 1}, new double[] {1, 2}).toSvg();
        Document d = Xml.parse(svg);
        assertThat(Xml.firstText(d, "text", "chart-title")).isEqualTo("a < b & \"c\"");
        assertThat(svg).contains("a &lt; b &amp; &quot;c&quot;").contains("blend:0.3 &lt;&amp;&gt;").contains("&lt;y&gt;");
    }

    @Test
    void nonFiniteValuesBreakTheLineAndAreCountedInTheLegend() throws Exception {
        String svg = LineChart.titled("t").series("s", GENS, new double[] {1, 2, Double.NaN, 4, Double.POSITIVE_INFINITY, 6})
                .toSvg();
        Document d = Xml.parse(svg);
        assertThat(Xml.count(d, "polyline", null)).isEqualTo(1);
        assertThat(Xml.count(d, "circle", null)).isEqualTo(4);
        assertThat(svg).contains("s (2 missing)");
    }

    @Test
    void emptyAndConstantChartsStillRender() throws Exception {
        Document empty = Xml.parse(LineChart.titled("nothing").toSvg());
        assertThat(Xml.firstText(empty, "text", "no-data")).isEqualTo("no data");
        Document flat = Xml.parse(LineChart.titled("flat").series("s", GENS, new double[] {3, 3, 3, 3, 3, 3}).toSvg());
        assertThat(Xml.count(flat, "polyline", null)).isEqualTo(1);
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThatThrownBy(() -> LineChart.titled("t").series("s", new double[] {0, 1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'s'");
        assertThatThrownBy(() -> LineChart.titled("t").series("s", new double[] {0, 1}, new double[] {1, 2}, new double[] {1}, new double[] {2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> tickLabels(Document d, String group) {
        List<String> out = new ArrayList<>();
        NodeList gs = d.getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (group.equals(g.getAttribute("class"))) {
                NodeList texts = g.getElementsByTagName("text");
                for (int j = 0; j < texts.getLength(); j++) {
                    out.add(texts.item(j).getTextContent());
                }
            }
        }
        return out;
    }
}

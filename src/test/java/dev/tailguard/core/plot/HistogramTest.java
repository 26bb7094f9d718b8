package dev.tailguard.core.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class HistogramTest {

    @Test
    void sharesBinsAcrossSeries() {
        Histogram.Binned b = Histogram.titled("t").bins(4)
                .series("real", new double[] {0, 1, 2, 3, 4})
                .series("synthetic", new double[] {1, 1, 1, 8})
                .binned();
        assertThat(b.edges()).containsExactly(0, 2, 4, 6, 8);
        assertThat(b.counts().get(0)).containsExactly(2, 2, 1, 0);
        assertThat(b.counts().get(1)).containsExactly(3, 0, 0, 1);
        assertThat(b.totals()).containsExactly(5, 4);
        assertThat(b.excluded()).containsExactly(0, 0);
    }

    @Test
    void rendersOneBarPerNonEmptyBinAndOneOutlinePerSeries() throws Exception {
        String svg = Histogram.titled("Per-document perplexity").xLabel("perplexity").bins(4)
                .series("real", new double[] {0, 1, 2, 3, 4})
                .series("synthetic", List.of(1, 1, 1, 8))
                .toSvg();
        Document d = Xml.parse(svg);
        assertThat(Xml.count(d, "rect", "bar")).isEqualTo(3 + 2);
        assertThat(Xml.count(d, "path", "outline")).isEqualTo(2);
        assertThat(Xml.count(d, "g", "legend-item")).isEqualTo(2);
        assertThat(svg).contains("real (n=5)").contains("synthetic (n=4)");
    }

    @Test
    void excludedValuesAreCountedNotHidden() throws Exception {
        Histogram h = Histogram.titled("t").bins(2).range(0, 10)
                .series("a", new double[] {1, 9, 11, -1, Double.NaN});
        Histogram.Binned b = h.binned();
        assertThat(b.counts().get(0)).containsExactly(1, 1);
        assertThat(b.excluded()).containsExactly(3);
        assertThat(h.toSvg()).contains("a (n=2, 3 excluded)");
    }

    @Test
    void escapesNamesAndParsesWithNoData() throws Exception {
        String svg = Histogram.titled("<&>").series("x\"y'", new double[0]).toSvg();
        Document d = Xml.parse(svg);
        assertThat(Xml.firstText(d, "text", "chart-title")).isEqualTo("<&>");
        assertThat(Xml.count(d, "rect", "bar")).isZero();
        assertThat(svg).contains("x&quot;y&#39;");
    }

    @Test
    void constantValuesGetABin() {
        Histogram.Binned b = Histogram.titled("t").bins(3).series("c", new double[] {5, 5, 5}).binned();
        assertThat(b.counts().get(0)).containsExactly(0, 3, 0);
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> Histogram.titled("t").bins(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Histogram.titled("t").range(2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

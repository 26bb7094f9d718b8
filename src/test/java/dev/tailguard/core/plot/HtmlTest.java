package dev.tailguard.core.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class HtmlTest {

    @Test
    void escapesMarkupQuotesAndInvalidXmlCharacters() {
        assertThat(Html.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(Html.escape("bell\u0007 tab\t lone\uD800 pair\uD83D\uDE00")).isEqualTo("bell\uFFFD tab\t lone\uFFFD pair\uD83D\uDE00");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void pageIsSelfContainedWellFormedAndEscaped() throws Exception {
        String svg = LineChart.titled("chart").series("s", new double[] {0, 1}, new double[] {1, 2}).toSvg();
        String page = Html.page("Report <1> & co")
                .heading("Numbers")
                .paragraph("p < q")
                .table(List.of("strategy", "ppl"), List.of(List.of("replace", "542.2"), List.of("<script>")))
                .svg(svg, "Figure 1 & 2")
                .list(List.of("held", "did not hold"))
                .pre("a\n<b>")
                .build();
        Document d = Xml.parse(page);
        assertThat(d.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Report <1> & co");
        assertThat(d.getElementsByTagName("h1").item(0).getTextContent()).isEqualTo("Report <1> & co");
        assertThat(Xml.count(d, "svg", null)).isEqualTo(1);
        assertThat(Xml.count(d, "td", null)).isEqualTo(4);
        assertThat(Xml.count(d, "td", "num")).isEqualTo(1);
        assertThat(Xml.count(d, "li", null)).isEqualTo(2);
        assertThat(Xml.count(d, "script", null)).isZero();
        assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http://www.w3.org/1999/xlink")
                .doesNotContain("<link").doesNotContain("src=");
    }
}

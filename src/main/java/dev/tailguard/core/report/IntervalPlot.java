package dev.tailguard.core.report;

import dev.tailguard.core.plot.Html;

import java.util.Locale;

/**
 * A one-measurement plot: the value as a dot on its 95% interval bar, with the generation-0 baseline (dashed) and,
 * when known, the threshold (red) on the same axis. Used when a signal has a single generation, so a lone dot never
 * pretends to be a trend. Inline SVG, well-formed XML.
 */
final class IntervalPlot {

    private static final int W = 460;
    private static final int H = 120;
    private static final double LEFT = 20;
    private static final double RIGHT = 20;

    private IntervalPlot() {
    }

    static String svg(String title, double value, double lo, double hi, double baseline, Double threshold) {
        double min = Math.min(Math.min(lo, value), baseline);
        double max = Math.max(Math.max(hi, value), baseline);
        if (threshold != null) {
            min = Math.min(min, threshold);
            max = Math.max(max, threshold);
        }
        double pad = (max - min) * 0.1;
        if (pad == 0) {
            pad = Math.abs(max) * 0.05 + 1e-9;
        }
        double a = min - pad;
        double b = max + pad;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"interval-plot\" width=\"").append(W)
                .append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">");
        s.append("<title>").append(Html.escape(title)).append("</title>");
        s.append(text(W / 2.0, 18, "middle", "font-size=\"13\" font-weight=\"bold\"", title));
        double axisY = 86;
        s.append(line(LEFT, axisY, W - RIGHT, axisY, "#444", 1, null));
        for (int i = 0; i <= 4; i++) {
            double v = a + (b - a) * i / 4;
            double x = x(v, a, b);
            s.append(line(x, axisY, x, axisY + 4, "#444", 1, null));
            s.append(text(x, axisY + 17, "middle", "font-size=\"11\"", ReportJson.num(v)));
        }
        double bx = x(baseline, a, b);
        s.append(line(bx, 30, bx, axisY, "#555", 1.5, "4 3"));
        s.append(text(bx, 30, bx > W / 2.0 ? "end" : "start", "font-size=\"11\" fill=\"#555\"",
                " generation-0 baseline " + ReportJson.num(baseline) + " "));
        if (threshold != null) {
            double tx = x(threshold, a, b);
            s.append(line(tx, 30, tx, axisY, "#c0392b", 1.5, null));
            s.append(text(tx, 44, tx > W / 2.0 ? "end" : "start", "font-size=\"11\" fill=\"#c0392b\"",
                    " threshold " + ReportJson.num(threshold) + " "));
        }
        double y = 62;
        s.append(line(x(lo, a, b), y, x(hi, a, b), y, "#2c6fbb", 6, null).replace("/>", " stroke-opacity=\"0.45\"/>"));
        s.append("<circle cx=\"").append(fmt(x(value, a, b))).append("\" cy=\"").append(fmt(y))
                .append("\" r=\"5\" fill=\"#2c6fbb\"><title>").append(Html.escape(ReportJson.num(value) + " (95% CI ["
                        + ReportJson.num(lo) + ", " + ReportJson.num(hi) + "])")).append("</title></circle>");
        s.append("</svg>");
        return s.toString();
    }

    private static double x(double v, double a, double b) {
        return LEFT + (v - a) / (b - a) * (W - LEFT - RIGHT);
    }

    private static String line(double x1, double y1, double x2, double y2, String color, double width, String dash) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + color + "\" stroke-width=\"" + fmt(width) + "\""
                + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>";
    }

    private static String text(double x, double y, String anchor, String extra, String content) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\" font-family=\"sans-serif\" "
                + extra + ">" + Html.escape(content) + "</text>";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

package dev.tailguard.core.plot;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Shared SVG helpers: palette, coordinate formatting, nice axis ticks, the chart frame. Package-private. */
final class Svg {

    /** Okabe–Ito colour-blind-safe palette (yellow dropped: unreadable on white). */
    static final String[] PALETTE = {
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"
    };

    static final String FONT = "font-family=\"sans-serif\"";

    private Svg() {
    }

    static String color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** A coordinate with at most two decimals, locale-independent. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        double r = Math.round(v * 100.0) / 100.0;
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Long.toString((long) r);
        }
        return String.format(Locale.ROOT, "%.2f", r).replaceAll("0+$", "");
    }

    static String open(int width, int height, String title) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" " + FONT + " font-size=\"12\">"
                + "<title>" + Html.escape(title) + "</title>"
                + "<rect class=\"background\" x=\"0\" y=\"0\" width=\"" + width + "\" height=\"" + height
                + "\" fill=\"#ffffff\"/>";
    }

    static String text(double x, double y, String anchor, String extra, String content) {
        return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\""
                + (extra.isEmpty() ? "" : " " + extra) + ">" + Html.escape(content) + "</text>";
    }

    /** A line from (x1, y1) to (x2, y2), stroked by its group. */
    static String line(double x1, double y1, double x2, double y2) {
        return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) + "\"/>";
    }

    /**
     * The plot area of a chart, in pixels.
     *
     * @param left   x of the y axis
     * @param top    y of the top edge
     * @param width  plot width
     * @param height plot height (the x axis is at {@code top + height})
     */
    record Area(double left, double top, double width, double height) {
    }

    /**
     * Opens a chart of {@code width} × {@code height} and draws what line charts and histograms share: the title,
     * horizontal grid lines at the y ticks, both axes, tick marks with labels and the two axis labels.
     */
    static StringBuilder frame(int width, int height, String title, Area a, Ticks xt, DoubleUnaryOperator sx,
                               Ticks yt, DoubleUnaryOperator sy, String xLabel, String yLabel) {
        double left = a.left(), top = a.top(), pw = a.width(), ph = a.height();
        StringBuilder svg = new StringBuilder(4096);
        svg.append(open(width, height, title));
        svg.append(text(width / 2.0, 20, "middle", "font-size=\"15\" font-weight=\"bold\" class=\"chart-title\"", title));
        svg.append("<g class=\"grid\" stroke=\"#e5e5e5\" stroke-width=\"1\">");
        for (double v : yt.values()) {
            svg.append(line(left, sy.applyAsDouble(v), left + pw, sy.applyAsDouble(v)));
        }
        svg.append("</g><g class=\"axes\" stroke=\"#444\" stroke-width=\"1\">")
                .append(line(left, top + ph, left + pw, top + ph)).append(line(left, top, left, top + ph)).append("</g>");
        svg.append("<g class=\"x-ticks\">");
        for (double v : xt.values()) {
            double px = sx.applyAsDouble(v);
            svg.append(line(px, top + ph, px, top + ph + 4).replace("/>", " stroke=\"#444\"/>"));
            svg.append(text(px, top + ph + 17, "middle", "class=\"tick\"", xt.label(v)));
        }
        svg.append("</g><g class=\"y-ticks\">");
        for (double v : yt.values()) {
            double py = sy.applyAsDouble(v);
            svg.append(line(left - 4, py, left, py).replace("/>", " stroke=\"#444\"/>"));
            svg.append(text(left - 7, py + 4, "end", "class=\"tick\"", yt.label(v)));
        }
        svg.append("</g>");
        svg.append(text(left + pw / 2, height - 10, "middle", "class=\"axis-label\"", xLabel));
        svg.append(text(16, top + ph / 2, "middle",
                "class=\"axis-label\" transform=\"rotate(-90 16 " + num(top + ph / 2) + ")\"", yLabel));
        return svg;
    }

    /** Axis ticks: "nice" numbers (1, 2, 2.5, 5 × 10^k) covering [lo, hi] with about {@code target} intervals. */
    static Ticks ticks(double lo, double hi, int target, boolean integer) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            lo = 0;
            hi = 1;
        }
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        if (hi == lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        double raw = (hi - lo) / Math.max(1, target);
        double step = niceStep(raw);
        if (integer) {
            step = Math.max(1, Math.round(step));
        }
        double start = Math.floor(lo / step + 1e-9) * step;
        double end = Math.ceil(hi / step - 1e-9) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = start + i * step;
        }
        return new Ticks(start, end, step, values);
    }

    private static double niceStep(double raw) {
        double exp = Math.floor(Math.log10(raw));
        double base = Math.pow(10, exp);
        double f = raw / base;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * base;
    }

    /** Axis ticks and the resulting axis domain. */
    record Ticks(double min, double max, double step, double[] values) {

        String label(double v) {
            if (Math.abs(v) < step * 1e-6) {
                v = 0;
            }
            double abs = Math.abs(step);
            if (abs >= 1000 && Math.abs(v) >= 10000 && Math.rint(v / 1000) == v / 1000) {
                return Long.toString(Math.round(v / 1000)) + "k";
            }
            int decimals = 0;
            while (decimals < 8 && Math.abs(abs * Math.pow(10, decimals) - Math.rint(abs * Math.pow(10, decimals))) > 1e-6) {
                decimals++;
            }
            return String.format(Locale.ROOT, "%." + Math.min(decimals, 8) + "f", v);
        }
    }
}

package dev.tailguard.core.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A line chart as a self-contained SVG string: one polyline (with point markers) per series, an optional shaded
 * min/max band per series (for example the spread over seeds), nice axis ticks with labels, a legend and a title.
 * Non-finite y values break the line (the point is omitted, and counted in the legend so nothing is hidden).
 *
 * <pre>{@code
 * String svg = LineChart.titled("Held-out perplexity")
 *         .xLabel("generation").yLabel("perplexity").integerX(true)
 *         .series("replace", gens, mean, min, max)
 *         .toSvg();
 * }</pre>
 */
public final class LineChart {

    /** One series; {@code lo}/{@code hi} are null or the same length as {@code x}. */
    public record Series(String name, double[] x, double[] y, double[] lo, double[] hi) {

        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " values, y has " + y.length);
            }
            if ((lo == null) != (hi == null)) {
                throw new IllegalArgumentException("series '" + name + "': band needs both min and max");
            }
            if (lo != null && (lo.length != x.length || hi.length != x.length)) {
                throw new IllegalArgumentException("series '" + name + "': band length differs from x length " + x.length);
            }
        }

        boolean hasBand() {
            return lo != null;
        }
    }

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private int width = 640;
    private int height = 360;
    private boolean integerX;
    private boolean yFromZero;
    private final List<Series> series = new ArrayList<>();

    private LineChart(String title) {
        this.title = title == null ? "" : title;
    }

    /** Starts a chart with the given title. */
    public static LineChart titled(String title) {
        return new LineChart(title);
    }

    /** Sets the x axis label. */
    public LineChart xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    /** Sets the y axis label. */
    public LineChart yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** Sets the SVG size in pixels (defaults 640 × 360). */
    public LineChart size(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("chart must be at least 200 x 150, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Uses integer x ticks only (for generations). */
    public LineChart integerX(boolean integer) {
        this.integerX = integer;
        return this;
    }

    /** Forces the y axis to include zero. */
    public LineChart yFromZero(boolean fromZero) {
        this.yFromZero = fromZero;
        return this;
    }

    /** Adds a series without band. */
    public LineChart series(String name, double[] x, double[] y) {
        series.add(new Series(name, x.clone(), y.clone(), null, null));
        return this;
    }

    /** Adds a series with a shaded band between {@code min} and {@code max} at each x. */
    public LineChart series(String name, double[] x, double[] y, double[] min, double[] max) {
        series.add(new Series(name, x.clone(), y.clone(), min == null ? null : min.clone(), max == null ? null : max.clone()));
        return this;
    }

    /** Renders the chart. With no finite points the axes show a default range and the chart says "no data". */
    public String toSvg() {
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i])) {
                    continue;
                }
                double[] ys = s.hasBand() ? new double[] {s.y()[i], s.lo()[i], s.hi()[i]} : new double[] {s.y()[i]};
                for (double v : ys) {
                    if (Double.isFinite(v)) {
                        xMin = Math.min(xMin, s.x()[i]);
                        xMax = Math.max(xMax, s.x()[i]);
                        yMin = Math.min(yMin, v);
                        yMax = Math.max(yMax, v);
                    }
                }
            }
        }
        boolean empty = xMin > xMax;
        if (yFromZero && !empty) {
            yMin = Math.min(0, yMin);
            yMax = Math.max(0, yMax);
        }
        Svg.Ticks xt = Svg.ticks(xMin, xMax, 6, integerX);
        Svg.Ticks yt = Svg.ticks(yMin, yMax, 5, false);

        int longest = 0;
        for (Series s : series) {
            longest = Math.max(longest, s.name().length() + 12);
        }
        double left = 64, top = 36, bottom = 48;
        double right = Math.min(width * 0.35, 28 + 6.5 * longest);
        double pw = width - left - right, ph = height - top - bottom;
        Scale sx = new Scale(xt.min(), xt.max(), left, left + pw);
        Scale sy = new Scale(yt.min(), yt.max(), top + ph, top);

        StringBuilder svg = Svg.frame(width, height, title, new Svg.Area(left, top, pw, ph), xt, sx::map, yt, sy::map,
                xLabel, yLabel);
        if (empty) {
            svg.append(Svg.text(left + pw / 2, top + ph / 2, "middle", "class=\"no-data\" fill=\"#888\"", "no data"));
        }

        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String color = Svg.color(k);
            svg.append("<g class=\"series\" data-name=\"").append(Html.escape(s.name())).append("\">");
            if (s.hasBand()) {
                for (int[] run : runs(s, true)) {
                    svg.append(band(s, run, sx, sy, color));
                }
            }
            for (int[] run : runs(s, false)) {
                if (run[1] - run[0] >= 1) {
                    svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"");
                    for (int i = run[0]; i <= run[1]; i++) {
                        svg.append(i > run[0] ? " " : "").append(Svg.num(sx.map(s.x()[i]))).append(',')
                                .append(Svg.num(sy.map(s.y()[i])));
                    }
                    svg.append("\"/>");
                }
            }
            for (int i = 0; i < s.x().length; i++) {
                if (finite(s, i, false)) {
                    svg.append("<circle cx=\"").append(Svg.num(sx.map(s.x()[i]))).append("\" cy=\"")
                            .append(Svg.num(sy.map(s.y()[i]))).append("\" r=\"3\" fill=\"").append(color).append("\">")
                            .append("<title>").append(Html.escape(s.name() + " @ " + fmt(s.x()[i]) + ": " + fmt(s.y()[i])
                                    + (s.hasBand() ? " [" + fmt(s.lo()[i]) + ", " + fmt(s.hi()[i]) + "]" : "")))
                            .append("</title></circle>");
                }
            }
            svg.append("</g>");
        }

        double lx = left + pw + 14;
        svg.append("<g class=\"legend\">");
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            int missing = 0;
            for (int i = 0; i < s.x().length; i++) {
                missing += finite(s, i, false) ? 0 : 1;
            }
            double ly = top + 8 + k * 18;
            String label = s.name() + (missing > 0 ? " (" + missing + " missing)" : "");
            svg.append("<g class=\"legend-item\">")
                    .append("<rect x=\"").append(Svg.num(lx)).append("\" y=\"").append(Svg.num(ly - 8))
                    .append("\" width=\"14\" height=\"10\" fill=\"").append(Svg.color(k)).append("\"/>")
                    .append(Svg.text(lx + 19, ly + 1, "start", "", label)).append("</g>");
        }
        svg.append("</g></svg>");
        return svg.toString();
    }

    private static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return Math.abs(v) >= 100 ? String.format(java.util.Locale.ROOT, "%.1f", v)
                : String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    private static boolean finite(Series s, int i, boolean band) {
        boolean ok = Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]);
        return band ? ok && Double.isFinite(s.lo()[i]) && Double.isFinite(s.hi()[i]) : ok;
    }

    /** Maximal index runs [from, to] of consecutive finite points. */
    private static List<int[]> runs(Series s, boolean band) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.x().length; i++) {
            boolean ok = i < s.x().length && finite(s, i, band);
            if (ok && start < 0) {
                start = i;
            } else if (!ok && start >= 0) {
                out.add(new int[] {start, i - 1});
                start = -1;
            }
        }
        return out;
    }

    private static String band(Series s, int[] run, Scale sx, Scale sy, String color) {
        StringBuilder d = new StringBuilder();
        for (int i = run[0]; i <= run[1]; i++) {
            d.append(i == run[0] ? "M" : "L").append(Svg.num(sx.map(s.x()[i]))).append(',').append(Svg.num(sy.map(s.hi()[i])));
        }
        for (int i = run[1]; i >= run[0]; i--) {
            d.append('L').append(Svg.num(sx.map(s.x()[i]))).append(',').append(Svg.num(sy.map(s.lo()[i])));
        }
        d.append('Z');
        String stroke = run[0] == run[1] ? " stroke=\"" + color + "\" stroke-opacity=\"0.5\" stroke-width=\"6\"" : "";
        return "<path class=\"band\" d=\"" + d + "\" fill=\"" + color + "\" fill-opacity=\"0.18\"" + stroke + "/>";
    }

    private record Scale(double d0, double d1, double r0, double r1) {
        double map(double v) {
            return d1 == d0 ? (r0 + r1) / 2 : r0 + (v - d0) / (d1 - d0) * (r1 - r0);
        }
    }
}

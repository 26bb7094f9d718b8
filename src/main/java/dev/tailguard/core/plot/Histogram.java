package dev.tailguard.core.plot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Overlaid histograms of two or more value sets on shared bins (for example per-document perplexity of real versus
 * synthetic text), as a self-contained SVG string. Bars are semi-transparent with a step outline per series so
 * overlaps stay readable. By default each series is normalised to fractions (so sets of different sizes compare);
 * non-finite values and values outside an explicit range are excluded from the bars and counted in the legend.
 */
public final class Histogram {

    /** Shared bin edges (length bins+1) and, per series, the bin counts and the number of excluded values. */
    public record Binned(double[] edges, List<long[]> counts, int[] excluded, long[] totals) {
    }

    private record Values(String name, double[] values) {
    }

    private final String title;
    private String xLabel = "";
    private int bins = 30;
    private double lo = Double.NaN;
    private double hi = Double.NaN;
    private boolean normalize = true;
    private int width = 640;
    private int height = 360;
    private final List<Values> series = new ArrayList<>();

    private Histogram(String title) {
        this.title = title == null ? "" : title;
    }

    /** Starts a histogram with the given title. */
    public static Histogram titled(String title) {
        return new Histogram(title);
    }

    /** Sets the x axis label. */
    public Histogram xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    /** Number of equal-width bins (default 30). */
    public Histogram bins(int bins) {
        if (bins < 1 || bins > 10_000) {
            throw new IllegalArgumentException("bins must be in 1..10000, got " + bins);
        }
        this.bins = bins;
        return this;
    }

    /** Fixes the binned range; by default it spans the finite values of all series. */
    public Histogram range(double min, double max) {
        if (!(Double.isFinite(min) && Double.isFinite(max) && max > min)) {
            throw new IllegalArgumentException("range needs finite min < max, got " + min + ", " + max);
        }
        this.lo = min;
        this.hi = max;
        return this;
    }

    /** Fractions per series (default) or raw counts. */
    public Histogram normalize(boolean normalize) {
        this.normalize = normalize;
        return this;
    }

    /** Sets the SVG size in pixels (defaults 640 × 360). */
    public Histogram size(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("chart must be at least 200 x 150, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Adds a value set. */
    public Histogram series(String name, double[] values) {
        series.add(new Values(Objects.requireNonNull(name, "name"), values.clone()));
        return this;
    }

    /** Adds a value set. */
    public Histogram series(String name, Collection<? extends Number> values) {
        double[] v = new double[values.size()];
        int i = 0;
        for (Number n : values) {
            v[i++] = n == null ? Double.NaN : n.doubleValue();
        }
        series.add(new Values(Objects.requireNonNull(name, "name"), v));
        return this;
    }

    /** Computes the shared bins; a value equal to the upper edge falls in the last bin. */
    public Binned binned() {
        double min = lo, max = hi;
        if (Double.isNaN(min)) {
            min = Double.POSITIVE_INFINITY;
            max = Double.NEGATIVE_INFINITY;
            for (Values s : series) {
                for (double v : s.values()) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            if (min > max) {
                min = 0;
                max = 1;
            } else if (min == max) {
                double pad = min == 0 ? 0.5 : Math.abs(min) * 0.05;
                min -= pad;
                max += pad;
            }
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = min + (max - min) * i / bins;
        }
        List<long[]> counts = new ArrayList<>();
        int[] excluded = new int[series.size()];
        long[] totals = new long[series.size()];
        for (int k = 0; k < series.size(); k++) {
            long[] c = new long[bins];
            for (double v : series.get(k).values()) {
                if (!Double.isFinite(v) || v < min || v > max) {
                    excluded[k]++;
                    continue;
                }
                int b = (int) Math.floor((v - min) / (max - min) * bins);
                c[Math.min(bins - 1, Math.max(0, b))]++;
                totals[k]++;
            }
            counts.add(c);
        }
        return new Binned(edges, counts, excluded, totals);
    }

    /** Renders the chart. */
    public String toSvg() {
        Binned b = binned();
        double[] edges = b.edges();
        double yMax = 0;
        List<double[]> heights = new ArrayList<>();
        for (int k = 0; k < series.size(); k++) {
            long[] c = b.counts().get(k);
            double[] h = new double[bins];
            for (int i = 0; i < bins; i++) {
                h[i] = normalize ? (b.totals()[k] == 0 ? 0 : (double) c[i] / b.totals()[k]) : c[i];
                yMax = Math.max(yMax, h[i]);
            }
            heights.add(h);
        }
        Svg.Ticks xt = Svg.ticks(edges[0], edges[bins], 6, false);
        Svg.Ticks yt = Svg.ticks(0, yMax == 0 ? 1 : yMax, 5, false);
        int longest = 0;
        for (Values s : series) {
            longest = Math.max(longest, s.name().length() + 22);
        }
        double left = 64, top = 36, bottom = 48;
        double right = Math.min(width * 0.4, 28 + 6.5 * longest);
        double pw = width - left - right, ph = height - top - bottom;
        double x0 = Math.min(xt.min(), edges[0]), x1 = Math.max(xt.max(), edges[bins]);
        java.util.function.DoubleUnaryOperator sx = v -> left + (v - x0) / (x1 - x0) * pw;
        java.util.function.DoubleUnaryOperator sy = v -> top + ph - (v - yt.min()) / (yt.max() - yt.min()) * ph;

        String yLabel = normalize ? "fraction" : "count";
        StringBuilder svg = Svg.frame(width, height, title, new Svg.Area(left, top, pw, ph), xt, sx, yt, sy, xLabel, yLabel);

        for (int k = 0; k < series.size(); k++) {
            String color = Svg.color(k);
            double[] h = heights.get(k);
            long[] c = b.counts().get(k);
            svg.append("<g class=\"series\" data-name=\"").append(Html.escape(series.get(k).name())).append("\">");
            StringBuilder outline = new StringBuilder("M").append(Svg.num(sx.applyAsDouble(edges[0]))).append(',')
                    .append(Svg.num(sy.applyAsDouble(0)));
            for (int i = 0; i < bins; i++) {
                double xa = sx.applyAsDouble(edges[i]), xb = sx.applyAsDouble(edges[i + 1]), yh = sy.applyAsDouble(h[i]);
                outline.append('L').append(Svg.num(xa)).append(',').append(Svg.num(yh))
                        .append('L').append(Svg.num(xb)).append(',').append(Svg.num(yh));
                if (c[i] > 0) {
                    svg.append("<rect class=\"bar\" x=\"").append(Svg.num(xa)).append("\" y=\"").append(Svg.num(yh))
                            .append("\" width=\"").append(Svg.num(Math.max(0.5, xb - xa))).append("\" height=\"")
                            .append(Svg.num(sy.applyAsDouble(0) - yh)).append("\" fill=\"").append(color)
                            .append("\" fill-opacity=\"0.3\"><title>")
                            .append(Html.escape(series.get(k).name() + " [" + fmt(edges[i]) + ", " + fmt(edges[i + 1])
                                    + "): " + c[i]))
                            .append("</title></rect>");
                }
            }
            outline.append('L').append(Svg.num(sx.applyAsDouble(edges[bins]))).append(',').append(Svg.num(sy.applyAsDouble(0)));
            svg.append("<path class=\"outline\" d=\"").append(outline).append("\" fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"1.5\"/></g>");
        }

        double lx = left + pw + 14;
        svg.append("<g class=\"legend\">");
        for (int k = 0; k < series.size(); k++) {
            double ly = top + 8 + k * 18;
            String label = series.get(k).name() + " (n=" + b.totals()[k]
                    + (b.excluded()[k] > 0 ? ", " + b.excluded()[k] + " excluded" : "") + ")";
            svg.append("<g class=\"legend-item\"><rect x=\"").append(Svg.num(lx)).append("\" y=\"").append(Svg.num(ly - 8))
                    .append("\" width=\"14\" height=\"10\" fill=\"").append(Svg.color(k)).append("\"/>")
                    .append(Svg.text(lx + 19, ly + 1, "start", "", label)).append("</g>");
        }
        svg.append("</g></svg>");
        return svg.toString();
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}

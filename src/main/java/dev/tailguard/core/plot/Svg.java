package dev.tailguard.core.plot;

import java.util.Locale;

/** Shared SVG helpers: palette, coordinate formatting, nice axis ticks. Package-private. */
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

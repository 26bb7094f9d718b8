package dev.tailguard.core.report;

import java.util.Locale;

/** Minimal self-contained SVG: overlaid histograms of two samples (real vs synthetic). */
public final class Svg {

    private Svg() {
    }

    /** An overlaid histogram of {@code a} (real, blue) and {@code b} (synthetic, orange), as normalised frequencies. */
    public static String histogram(String title, double[] a, double[] b, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] xs : new double[][]{a, b}) {
            for (double x : xs) {
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        int w = 420;
        int h = 220;
        int pad = 36;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">", w, h, esc(title)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\" font-family=\"sans-serif\">%s</text>", pad, esc(title)));
        if (!(lo <= hi)) {
            return sb.append("<text x=\"40\" y=\"100\" font-size=\"12\">no data</text></svg>").toString();
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        double[] ha = counts(a, lo, hi, bins);
        double[] hb = counts(b, lo, hi, bins);
        double max = 0;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, Math.max(ha[i], hb[i]));
        }
        double bw = (w - 2.0 * pad) / bins;
        double ph = h - 2.0 * pad;
        for (int s = 0; s < 2; s++) {
            double[] hs = s == 0 ? ha : hb;
            String color = s == 0 ? "#1f77b4" : "#ff7f0e";
            for (int i = 0; i < bins; i++) {
                double bh = max == 0 ? 0 : hs[i] / max * ph;
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.5\"/>",
                        pad + i * bw, h - pad - bh, bw - 1, bh, color));
            }
        }
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", pad, h - pad, w - pad, h - pad));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" font-family=\"sans-serif\">%s</text>", pad, h - pad + 14, fmt(lo)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" font-family=\"sans-serif\">%s</text>", w - pad, h - pad + 14, fmt(hi)));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#1f77b4\" fill-opacity=\"0.5\"/><text x=\"%d\" y=\"%d\" font-size=\"11\" font-family=\"sans-serif\">real (n=%d)</text>", pad, h - 14, pad + 14, h - 5, a.length));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#ff7f0e\" fill-opacity=\"0.5\"/><text x=\"%d\" y=\"%d\" font-size=\"11\" font-family=\"sans-serif\">synthetic (n=%d)</text>", pad + 140, h - 14, pad + 154, h - 5, b.length));
        return sb.append("</svg>").toString();
    }

    private static double[] counts(double[] xs, double lo, double hi, int bins) {
        double[] c = new double[bins];
        for (double x : xs) {
            if (Double.isFinite(x)) {
                int i = (int) Math.min(bins - 1, Math.floor((x - lo) / (hi - lo) * bins));
                c[i]++;
            }
        }
        if (xs.length > 0) {
            for (int i = 0; i < bins; i++) {
                c[i] /= xs.length;
            }
        }
        return c;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v);
    }

    /** XML-escapes text. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

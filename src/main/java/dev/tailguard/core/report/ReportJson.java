package dev.tailguard.core.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Defensive reads of report.json's content (a map parsed from JSON): absent or mistyped fields read as empty. */
final class ReportJson {

    private ReportJson() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** A number with at most 4 significant digits (integers as they are); "n/a" when absent. */
    static String num(Object o) {
        if (!(o instanceof Number n)) {
            return o == null ? "n/a" : String.valueOf(o);
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** An interval {@code [lo, hi]} or {@code {lo, hi}} as " (95% CI [lo, hi])"; empty when absent. */
    static String ci(Object o) {
        double[] ci = interval(o);
        return ci == null ? "" : " (95% CI [" + num(ci[0]) + ", " + num(ci[1]) + "])";
    }

    /** The interval's bounds, or null. */
    static double[] interval(Object o) {
        if (o instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            return new double[] {a.doubleValue(), b.doubleValue()};
        }
        if (o instanceof Map<?, ?> m && m.get("lo") instanceof Number a && m.get("hi") instanceof Number b) {
            return new double[] {a.doubleValue(), b.doubleValue()};
        }
        return null;
    }
}

package dev.tailguard.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The collapse signals of a run and of its parent runs, by generation, against the frozen anchor: for each signal the
 * measured value with its 95% interval and the generation-0 baseline. Built from report.json contents (this run's
 * and every readable parent's); a signal measured once stays a single point with its interval.
 *
 * @param signals per signal key, its points in generation order
 */
public record AnchorLineage(Map<String, List<Point>> signals) {

    /**
     * One measurement.
     *
     * @param runId      the run that measured it
     * @param generation the run's highest synthetic generation (0 for a run with no synthetic document blended)
     * @param value      measured value
     * @param lo         95% interval low
     * @param hi         95% interval high
     * @param baseline   generation-0 baseline of the run's anchor
     */
    public record Point(String runId, int generation, double value, double lo, double hi, double baseline) {
    }

    public AnchorLineage {
        signals = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(signals)); // sorted: same page in every JVM
    }

    /**
     * The lineage of this report and its parents' reports (parents first, each run once).
     *
     * @param report  this run's report.json content
     * @param parents the readable parent reports' contents
     */
    public static AnchorLineage of(Map<String, Object> report, List<Map<String, Object>> parents) {
        Map<String, List<Point>> out = new TreeMap<>();
        List<Map<String, Object>> all = new ArrayList<>(parents);
        all.add(report);
        for (Map<String, Object> r : all) {
            Map<String, Object> risk = ReportJson.map(r.get("collapse_risk"));
            Object g = ReportJson.map(risk.get("context")).get("max_generation");
            if (g == null) {
                g = ReportJson.map(r.get("lineage")).get("max_generation");
            }
            int generation = g instanceof Number n ? n.intValue() : 0;
            ReportJson.map(risk.get("signals")).forEach((key, v) -> {
                Map<String, Object> s = ReportJson.map(v);
                double[] ci = ReportJson.interval(s.get("ci"));
                if (s.get("value") instanceof Number val && s.get("baseline") instanceof Number base && ci != null) {
                    out.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(String.valueOf(r.get("run_id")),
                            generation, val.doubleValue(), ci[0], ci[1], base.doubleValue()));
                }
            });
        }
        out.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(Point::generation)));
        return new AnchorLineage(out);
    }
}

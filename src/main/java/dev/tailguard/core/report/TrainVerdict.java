package dev.tailguard.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one-line answer at the top of the report and the dataset card: may this blended dataset be trained on? Decided
 * from what the run measured (report.json's {@code collapse_risk}, {@code gates} and {@code counts}), never from the
 * configuration, with a typed reason for every step away from "train on it":
 * <ul>
 *   <li><b>do not train</b>: the collapse verdict is {@code high} (a collapse signal's 95% interval lies wholly
 *       beyond its high threshold), or nothing was blended;</li>
 *   <li><b>review first</b>: the collapse verdict is {@code medium} or {@code unanchored} (nothing to measure
 *       against), a core collapse signal could not be measured, any gate failed, or synthetic documents were
 *       generated but none was blended (the whole batch was rejected: the data is the real input only and the
 *       generator's output failed);</li>
 *   <li><b>train on it</b>: otherwise.</li>
 * </ul>
 * Report.json is read defensively: a field another stage has not written yet counts as not measured.
 *
 * @param verdict the decision
 * @param reasons why (empty only for "train on it" with every check passed)
 */
public record TrainVerdict(Verdict verdict, List<Reason> reasons) {

    /** The three answers, worst last. */
    public enum Verdict {
        /** Every check passed. */
        TRAIN("train on it"),
        /** Something needs a human look before training. */
        REVIEW("review first"),
        /** A measurement says the data would harm the model. */
        DO_NOT_TRAIN("do not train");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        /** The words shown to the reader. */
        public String label() {
            return label;
        }

        /** The JSON key ({@code train}, {@code review}, {@code do_not_train}). */
        public String key() {
            return this == TRAIN ? "train" : this == REVIEW ? "review" : "do_not_train";
        }
    }

    /** Why a verdict is not "train on it". */
    public enum Kind {
        /** collapse_risk level high. */
        COLLAPSE_HIGH(Verdict.DO_NOT_TRAIN),
        /** collapse_risk level medium. */
        COLLAPSE_MEDIUM(Verdict.REVIEW),
        /** no anchor: collapse was not measured. */
        UNANCHORED(Verdict.REVIEW),
        /** a core collapse signal was not computed. */
        SIGNAL_MISSING(Verdict.REVIEW),
        /** a gate failed. */
        GATE_FAILED(Verdict.REVIEW),
        /** synthetic documents were generated but none was blended. */
        SYNTHETIC_ALL_REJECTED(Verdict.REVIEW),
        /** the blended output is empty. */
        NOTHING_BLENDED(Verdict.DO_NOT_TRAIN);

        private final Verdict verdict;

        Kind(Verdict verdict) {
            this.verdict = verdict;
        }

        /** The verdict this reason implies at least. */
        public Verdict verdict() {
            return verdict;
        }

        /** Lower-case JSON key. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One reason.
     *
     * @param kind    what kind
     * @param message the measured facts in one sentence (value, interval, threshold where there is one)
     */
    public record Reason(Kind kind, String message) {
    }

    /** Collapse signals whose absence leaves the verdict unsupported (the embedding signals are optional). */
    static final List<String> CORE_SIGNALS = List.of("anchor_perplexity", "tail_recall", "c2st_auc");

    public TrainVerdict {
        reasons = List.copyOf(reasons);
    }

    /** Decides from report.json's content. */
    public static TrainVerdict of(Map<String, Object> report) {
        List<Reason> reasons = new ArrayList<>();
        long blended = DatasetCard.count(report, "blended");
        long generated = DatasetCard.count(report, "synthetic_generated");
        long synBlended = DatasetCard.count(report, "synthetic_blended");
        if (blended == 0) {
            reasons.add(new Reason(Kind.NOTHING_BLENDED, "the blended output is empty"));
        }
        if (generated > 0 && synBlended == 0) {
            reasons.add(new Reason(Kind.SYNTHETIC_ALL_REJECTED, "all " + generated + " synthetic documents were "
                    + "rejected (see the gates and quarantine): the dataset is the real input only and the "
                    + "generator's output failed"));
        }
        collapse(ReportJson.map(report.get("collapse_risk")), synBlended, reasons);
        for (Object g : ReportJson.list(report.get("gates"))) {
            Map<String, Object> gate = ReportJson.map(g);
            if (Boolean.FALSE.equals(gate.get("passed"))) {
                reasons.add(new Reason(Kind.GATE_FAILED, "gate " + gate.get("stage") + "." + gate.get("name")
                        + " failed: value " + ReportJson.num(gate.get("value")) + ReportJson.ci(gate.get("ci"))
                        + ", threshold " + ReportJson.num(gate.get("threshold")) + " (on fail: "
                        + gate.get("on_fail") + ")"));
            }
        }
        Verdict v = Verdict.TRAIN;
        for (Reason r : reasons) {
            if (r.kind().verdict().ordinal() > v.ordinal()) {
                v = r.kind().verdict();
            }
        }
        return new TrainVerdict(v, reasons);
    }

    private static void collapse(Map<String, Object> risk, long synBlended, List<Reason> reasons) {
        String level = String.valueOf(risk.getOrDefault("level", "not assessed"));
        switch (level) {
            case "high", "medium" -> {
                Kind kind = "high".equals(level) ? Kind.COLLAPSE_HIGH : Kind.COLLAPSE_MEDIUM;
                List<Object> fired = ReportJson.list(risk.get("reasons"));
                if (fired.isEmpty()) {
                    reasons.add(new Reason(kind, "collapse risk " + level));
                }
                for (Object o : fired) {
                    Map<String, Object> r = ReportJson.map(o);
                    reasons.add(new Reason(kind, "collapse risk " + level + ": " + r.get("signal") + " = "
                            + ReportJson.num(r.get("value")) + ReportJson.ci(r.get("ci")) + " against threshold "
                            + ReportJson.num(r.get("threshold")) + " (generation-0 baseline "
                            + ReportJson.num(r.get("baseline")) + ")"));
                }
            }
            case "low" -> {
                // measured and inside every threshold
            }
            case "unmeasurable" -> reasons.add(new Reason(Kind.SIGNAL_MISSING, "collapse not measurable: the sample is"
                    + " too small for an interval narrow enough to decide (" + risk.getOrDefault("note", "see report.json")
                    + ")"));
            case "unanchored" -> reasons.add(new Reason(Kind.UNANCHORED, "collapse not measured: "
                    + risk.getOrDefault("note", "no frozen real anchor")));
            default -> reasons.add(new Reason(Kind.UNANCHORED, "collapse not assessed (report.json has no "
                    + "collapse_risk level)"));
        }
        if (!"low".equals(level) && !"medium".equals(level) && !"high".equals(level)) {
            return;
        }
        Map<String, Object> signals = ReportJson.map(risk.get("signals"));
        for (String s : CORE_SIGNALS) {
            if ("c2st_auc".equals(s) && synBlended == 0) {
                continue; // nothing synthetic to classify; reported as SYNTHETIC_ALL_REJECTED when generated
            }
            if (!signals.containsKey(s)) {
                String why = ReportJson.list(risk.get("missing")).stream().map(String::valueOf)
                        .filter(m -> m.contains(s)).findFirst().orElse(s + ": not computed");
                reasons.add(new Reason(Kind.SIGNAL_MISSING, "not measured: " + why));
            } else if (Boolean.FALSE.equals(ReportJson.map(signals.get(s)).get("comparable"))) {
                reasons.add(new Reason(Kind.SIGNAL_MISSING, "not comparable with its baseline: " + s + " ("
                        + ReportJson.map(signals.get(s)).get("note") + ")"));
            }
        }
    }

    /**
     * The run's last words on the terminal: {@code verdict: review first (first reason; N more in the report)} and
     * {@code open: <path of index.html>}.
     *
     * @param report   report.json's content
     * @param htmlPath where index.html is, as the user can open it
     */
    public static String endOfRun(Map<String, Object> report, String htmlPath) {
        TrainVerdict v = of(report);
        StringBuilder sb = new StringBuilder("verdict: ").append(v.verdict().label().toUpperCase(Locale.ROOT));
        if (!v.reasons().isEmpty()) {
            sb.append(" (").append(v.reasons().get(0).message());
            if (v.reasons().size() > 1) {
                sb.append("; ").append(v.reasons().size() - 1).append(" more in the report");
            }
            sb.append(')');
        }
        return sb.append(System.lineSeparator()).append("open: ").append(htmlPath).toString();
    }

    /** {@code report.json} {@code verdict}: {@code {decision, label, reasons:[{kind, message}]}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision", verdict.key());
        m.put("label", verdict.label());
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Reason r : reasons) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", r.kind().key());
            x.put("message", r.message());
            rs.add(x);
        }
        m.put("reasons", rs);
        return m;
    }
}

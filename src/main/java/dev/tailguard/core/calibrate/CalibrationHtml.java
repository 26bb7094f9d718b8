package dev.tailguard.core.calibrate;

import java.util.List;
import java.util.Locale;


/** {@code calibration.html}: one self-contained page (inline CSS, no script, no external resource). */
final class CalibrationHtml {

    private CalibrationHtml() {
    }

    static String render(CalibrationResult r) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tailguard calibration</title>")
                .append("<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:")
                .append("collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
                .append("th{background:#f3f3f3}.ok{color:#1a7f37;font-weight:bold}.bad{color:#c62828;")
                .append("font-weight:bold}.na{color:#888}</style></head><body>\n");
        b.append("<h1>Tailguard calibration on the real pipeline</h1>\n<p>Corpus <code>").append(esc(r.corpus()))
                .append("</code>: anchor ").append(r.anchor().documents()).append(" documents / ")
                .append(r.anchor().tokens()).append(" tokens (share ").append(fmt(r.anchorShare()))
                .append(", <code>").append(esc(r.anchor().key())).append("</code>), real input ")
                .append(r.realDocuments()).append(" documents / ").append(r.realTokens()).append(" tokens, fresh pool ")
                .append(r.freshDocuments()).append(" documents. Wall time ").append(fmt(r.seconds())).append(" s.</p>\n");
        acceptance(b, r.acceptance());
        summary(b, r);
        points(b, r.points());
        return b.append("</body></html>\n").toString();
    }

    private static void acceptance(StringBuilder b, CalibrationResult.Acceptance a) {
        b.append("<h2>Acceptance (issue 11)</h2>\n<table><tr><th>statement</th><th>measured</th></tr>\n");
        row(b, "replace flagged (medium+, measured reasons) by generation 2", a.replaceFlaggedByGeneration2());
        row(b, "fresh-real control never flagged", a.controlNeverFlagged());
        row(b, "accumulate's level &le; replace's at every generation", a.accumulateAtMostReplace());
        row(b, "word salad flagged at generation 1", a.saladFlaggedAtGeneration1());
        row(b, "default trigram output flagged at generation 1", a.trigramFlaggedAtGeneration1());
        b.append("</table>\n");
    }

    private static void row(StringBuilder b, String statement, Boolean v) {
        b.append("<tr><td>").append(statement).append("</td><td class=\"")
                .append(v == null ? "na\">not run" : v ? "ok\">holds" : "bad\">does not hold").append("</td></tr>\n");
    }

    private static void summary(StringBuilder b, CalibrationResult r) {
        b.append("<h2>Per signal</h2>\n<p>First generation at which the signal fired, per chain (one entry per seed; ")
                .append("&ndash; = never), false alarms on the fresh-real control, and the AUC separating collapsing ")
                .append("chain points from control points.</p>\n<table><tr><th>signal</th>");
        List<String> chains = r.plan().chains();
        for (String c : chains) {
            b.append("<th>").append(esc(c)).append("</th>");
        }
        b.append("<th>control false alarms</th><th>AUC</th></tr>\n");
        for (CalibrationResult.SignalSummary s : r.summary()) {
            b.append("<tr><td>").append(esc(s.signal())).append("</td>");
            for (String c : chains) {
                List<Integer> f = s.firstFired().get(c);
                b.append("<td>").append(f == null ? "" : String.join(", ", f.stream()
                        .map(g -> g == null ? "&ndash;" : g.toString()).toList())).append("</td>");
            }
            b.append("<td>").append(s.controlAlarms()).append(" / ").append(s.controlPoints()).append("</td><td>")
                    .append(s.auc() == null ? "&ndash;" : fmt(s.auc())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void points(StringBuilder b, List<ChainPoint> points) {
        b.append("<h2>Chain points</h2>\n<p>value [95% interval] (generation-0 baseline); a fired reason in bold.")
                .append("</p>\n<table><tr><th>chain</th><th>seed</th><th>gen</th><th>level</th><th>signals</th>")
                .append("<th>blended</th><th>synthetic share</th><th>s</th></tr>\n");
        for (ChainPoint p : points) {
            b.append("<tr><td>").append(esc(p.chain())).append("</td><td>").append(p.seed()).append("</td><td>")
                    .append(p.generation()).append("</td><td class=\"").append(p.flagged() ? "bad" : "ok").append("\">")
                    .append(esc(p.level())).append("</td><td>");
            for (SignalReading s : p.signals()) {
                String text = String.format(Locale.ROOT, "%s %s [%s, %s] (%s)%s", s.signal(), fmt(s.value()),
                        fmt(s.lo()), fmt(s.hi()), fmt(s.baseline()), s.comparable() ? "" : " not comparable");
                b.append(s.fired() != null ? "<b>" + esc(text) + " &rarr; " + esc(s.fired()) + "</b>" : esc(text))
                        .append("<br>");
            }
            if (p.note() != null) {
                b.append("<i>").append(esc(p.note())).append("</i>");
            }
            b.append("</td><td>").append(p.blended()).append("</td><td>").append(fmt(p.syntheticRatio()))
                    .append("</td><td>").append(fmt(p.seconds())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder o = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '&' -> o.append("&amp;");
                case '"' -> o.append("&quot;");
                default -> o.append(c);
            }
        }
        return o.toString();
    }

}

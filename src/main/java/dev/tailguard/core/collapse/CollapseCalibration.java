package dev.tailguard.core.collapse;

import dev.tailguard.core.doc.Document;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Calibration of the verdict on chains whose truth is known (issue 11 item 4): replace at a high synthetic ratio,
 * accumulate, a fresh-real control over several seeds, word salad (an order-2 sampler) and the default order-3
 * generator, all measured against one anchor frozen from the corpus. A share of the corpus (by id hash) is kept out
 * of the real input as the fresh pool of the control.
 */
public final class CollapseCalibration {

    /** Share of documents (outside the anchor) kept as the control's fresh real pool. */
    public static final double FRESH_SHARE = 0.3;

    /**
     * One measured chain point.
     *
     * @param chain      chain label
     * @param seed       seed
     * @param generation generation
     * @param collapsing the known truth (false only for the fresh-real control)
     * @param verdict    the verdict with all signals
     */
    public record Row(String chain, long seed, int generation, boolean collapsing, CollapseVerdict verdict) {
    }

    /**
     * The result of a calibration run.
     *
     * @param anchor       the anchor used
     * @param rows         every chain point
     * @param realTokens   tokens of the real input (N0)
     * @param falseAlarms  control points flagged medium or higher
     * @param controls     control points
     */
    public record Result(AnchorRef anchor, List<Row> rows, long realTokens, int falseAlarms, int controls) {
    }

    private CollapseCalibration() {
    }

    /**
     * Runs all chains.
     *
     * @param docs          the real corpus
     * @param split         the anchor split
     * @param cfg           signal settings
     * @param thresholds    verdict thresholds
     * @param embedder      embedding model or null
     * @param generations   generations of replace and accumulate
     * @param controlSeeds  seeds of the fresh-real control
     * @param log           progress (may be null)
     */
    public static Result run(List<Document> docs, AnchorSplit split, CollapseConfig cfg, CollapseThresholds thresholds,
                             Embedder embedder, int generations, int controlSeeds, PrintStream log) {
        List<Document> fresh = new ArrayList<>();
        AnchorBuilder builder = new AnchorBuilder(split, cfg);
        List<Document> real = new ArrayList<>();
        for (Document d : docs) {
            if (split.isAnchor(d.id())) {
                builder.add(d);
            } else if (AnchorSplit.unit("fresh:" + split.salt() + ":" + d.id()) < FRESH_SHARE) {
                fresh.add(d);
            } else {
                builder.add(d);
                real.add(d);
            }
        }
        Anchor anchor = builder.build(embedder);
        CalibrationChains chains = new CalibrationChains(real, fresh, cfg.order());
        CollapsePolicy policy = new CollapsePolicy(thresholds);
        List<CalibrationChains.Point> points = new ArrayList<>();
        for (long s = 1; s <= controlSeeds; s++) {
            points.add(chains.control(s));
        }
        points.add(chains.generator(2, "word-salad:order-2", 1));
        points.add(chains.generator(3, "ngram:order-3", 1));
        points.addAll(chains.replace(0.9, generations, 1));
        points.addAll(chains.accumulate(generations, 1));
        List<Row> rows = new ArrayList<>();
        int alarms = 0;
        for (CalibrationChains.Point p : points) {
            CollapseVerdict v = policy.decide(CollapseSignals.measure(anchor, p.blended(), p.synthetic(), embedder));
            Row r = new Row(p.chain(), p.seed(), p.generation(), p.collapsing(), v);
            rows.add(r);
            if (!p.collapsing() && (v.level() == RiskLevel.MEDIUM || v.level() == RiskLevel.HIGH)) {
                alarms++;
            }
            if (log != null) {
                log.println(format(r) + String.format(Locale.ROOT, " %.1fs", v.signals().seconds()));
            }
        }
        AnchorRef ref = new AnchorRef("(not stored)", "", anchor.documents().size(), anchor.anchorTokens());
        return new Result(ref, rows, chains.realTokens(), alarms, controlSeeds);
    }

    /** One table line: chain, seed, generation, level, each signal as value [lo, hi] (baseline), fired reasons. */
    public static String format(Row r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %-20s | %2d | %d | %-6s |", r.chain(),
                r.seed(), r.generation(), r.verdict().level().key()));
        for (SignalKind k : SignalKind.values()) {
            Signal s = r.verdict().signals().get(k);
            b.append(s == null ? " - |" : String.format(Locale.ROOT, " %.3f [%.3f, %.3f] (%.3f)%s |", s.value(),
                    s.ci().lo(), s.ci().hi(), s.baseline(), s.comparable() ? "" : "*"));
        }
        List<String> fired = new ArrayList<>();
        for (CollapseReason c : r.verdict().reasons()) {
            fired.add(c.signal().key() + ":" + c.level().key());
        }
        return b.append(' ').append(String.join(", ", fired)).append(" |").toString();
    }

    /** The table header matching {@link #format}. */
    public static String header() {
        StringBuilder b = new StringBuilder("| chain | seed | gen | level |");
        StringBuilder line = new StringBuilder("|---|---|---|---|");
        for (SignalKind k : SignalKind.values()) {
            b.append(' ').append(k.key()).append(" |");
            line.append("---|");
        }
        return b.append(" reasons |\n").append(line).append("---|").toString();
    }
}

package dev.tailguard.core.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * FineWeb's own quality filters (collapse-anchors §8, arXiv 2406.17557, datatrove {@code FineWebQualityFilter}).
 * Lines are the text split at "\n"; blank lines are ignored (datatrove counts them, which penalises texts with
 * blank-line paragraph breaks: every blank line is a short line without punctuation).
 * <ul>
 * <li>{@code line_punct_ratio}: share of lines ending in {@code . ' " ! ?}; dropped when ≤ 0.12.</li>
 * <li>{@code short_line_ratio}: share of lines of ≤ 30 characters; dropped when ≥ 0.67.</li>
 * <li>{@code char_dup_ratio}: characters of repeated lines (occurrences after the first) / characters of the
 * text without newlines; dropped when ≥ 0.1 (the paper's value; the datatrove code default is 0.01, §8).</li>
 * <li>{@code list_ratio}: newlines / words (tokens); dropped when &gt; 0.3 (datatrove code, not in the paper).</li>
 * </ul>
 */
public final class FineWebRules implements QualityRule {

    /** Thresholds. */
    public record Params(double linePunctMax, double shortLineMin, int shortLineLength, double charDupMin,
            double listRatioMax) {
    }

    /** §8 paper thresholds (char_dup 0.1) and datatrove's list ratio 0.3. */
    public static final Params DEFAULTS = new Params(0.12, 0.67, 30, 0.1, 0.3);

    private final Params p;

    /** Rules with {@link #DEFAULTS}. */
    public FineWebRules() {
        this(DEFAULTS);
    }

    /** Rules with the given thresholds. */
    public FineWebRules(Params p) {
        this.p = p;
    }

    @Override
    public List<RuleResult> apply(String text, List<String> tokens) {
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n", -1)) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        int punct = 0;
        int shortLines = 0;
        for (String l : lines) {
            if (!l.isEmpty() && ".'\"!?".indexOf(l.charAt(l.length() - 1)) >= 0) {
                punct++;
            }
            if (l.length() <= p.shortLineLength()) {
                shortLines++;
            }
        }
        double punctRatio = lines.isEmpty() ? 0 : (double) punct / lines.size();
        double shortRatio = lines.isEmpty() ? 0 : (double) shortLines / lines.size();
        long dupChars = GopherRepetitionRules.duplicates(lines)[1];
        int charsNoNl = text.length() - TextLines.count(text, "\n");
        double dupRatio = charsNoNl == 0 ? 0 : (double) dupChars / charsNoNl;
        double listRatio = tokens.isEmpty() ? 0 : (double) TextLines.count(text, "\n") / tokens.size();
        return List.of(
                new RuleResult(RuleFamily.FINEWEB, "line_punct_ratio", punctRatio, p.linePunctMax(),
                        punctRatio <= p.linePunctMax() ? "line_punct_ratio" : null),
                new RuleResult(RuleFamily.FINEWEB, "short_line_ratio", shortRatio, p.shortLineMin(),
                        shortRatio >= p.shortLineMin() ? "short_line_ratio" : null),
                new RuleResult(RuleFamily.FINEWEB, "char_dup_ratio", dupRatio, p.charDupMin(),
                        dupRatio >= p.charDupMin() ? "char_dup_ratio" : null),
                RuleResult.max(RuleFamily.FINEWEB, "list_ratio", listRatio, p.listRatioMax()));
    }
}

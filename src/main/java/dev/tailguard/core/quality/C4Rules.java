package dev.tailguard.core.quality;

import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * C4 heuristics (collapse-anchors §8, Raffel et al. arXiv 1910.10683, as datatrove's {@code C4QualityFilter}).
 * Lines ({@code splitlines}, stripped) are removed when they hold a word longer than 1000 characters, lack terminal
 * punctuation ({@code . ? ! " '}, not "...", after removing citation markers; skipped when
 * {@code terminalPunctuation} is false, the FineWeb variant), have fewer than 3 words, or mention "javascript" or a
 * cookie/policy phrase. Document rules: {@code lorem_ipsum} and {@code curly_bracket} (counted on the whole text)
 * and {@code too_few_sentences} (fewer than 5 sentences, {@code Tokenizer.sentences}, in the kept lines). The
 * LDNOOBW bad-words list and the 3-sentence-window deduplication are not implemented.
 */
public final class C4Rules implements QualityRule {

    /** Citation markers removed before the terminal-punctuation check. */
    public static final Pattern CITATION = Pattern.compile("\\[\\d*]|\\[edit]|\\[citation needed]");
    /** Cookie and policy phrases (datatrove). */
    public static final List<String> POLICY = List.of("terms of use", "privacy policy", "cookie policy",
            "uses cookies", "use of cookies", "use cookies");
    /** §8: documents with fewer sentences are dropped. */
    public static final int MIN_SENTENCES = 5;
    /** §8: lines with fewer words are removed. */
    public static final int MIN_WORDS_PER_LINE = 3;
    /** datatrove: lines with a longer word are removed. */
    public static final int MAX_WORD_LENGTH = 1000;

    /** Line filtering outcome: kept lines, number of lines, sentences in kept lines. */
    public record Lines(List<String> kept, int total, int sentences) {
        /** Share of lines removed; 0 for a text without lines. */
        public double removedFraction() {
            return total == 0 ? 0 : (double) (total - kept.size()) / total;
        }

        /** Kept lines joined by newlines (the cleaned text). */
        public String text() {
            return String.join("\n", kept);
        }
    }

    private final boolean terminalPunctuation;

    /** C4 as published (terminal punctuation required). */
    public C4Rules() {
        this(true);
    }

    /** C4 with or without the terminal-punctuation line filter (FineWeb drops it, §8). */
    public C4Rules(boolean terminalPunctuation) {
        this.terminalPunctuation = terminalPunctuation;
    }

    /** Applies the line filters. */
    public Lines filterLines(String text) {
        List<String> lines = TextLines.lines(text);
        List<String> kept = new ArrayList<>();
        int sentences = 0;
        for (String raw : lines) {
            String line = raw.strip();
            int words = 0;
            int longest = 0;
            int run = 0;
            for (int i = 0; i <= line.length(); i++) {
                if (i == line.length() || Character.isWhitespace(line.charAt(i))) {
                    if (run > 0) {
                        words++;
                        longest = Math.max(longest, run);
                    }
                    run = 0;
                } else {
                    run++;
                }
            }
            if (longest > MAX_WORD_LENGTH) {
                continue;
            }
            if (line.indexOf('[') >= 0) {
                line = CITATION.matcher(line).replaceAll("");
            }
            if (terminalPunctuation && (!endsTerminal(line) || line.endsWith("..."))) {
                continue;
            }
            if (words < MIN_WORDS_PER_LINE) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("javascript") || POLICY.stream().anyMatch(lower::contains)) {
                continue;
            }
            sentences += Tokenizer.sentences(line).size();
            kept.add(line);
        }
        return new Lines(kept, lines.size(), sentences);
    }

    private static boolean endsTerminal(String line) {
        if (line.isEmpty()) {
            return false;
        }
        char c = line.charAt(line.length() - 1);
        return c == '.' || c == '?' || c == '!' || c == '"' || c == '\'';
    }

    @Override
    public List<RuleResult> apply(String text, List<String> tokens) {
        return results(text, filterLines(text));
    }

    /** The document rules given the text and its already computed line filtering. */
    public List<RuleResult> results(String text, Lines l) {
        String lower = text.toLowerCase(Locale.ROOT);
        return List.of(
                RuleResult.max(RuleFamily.C4, "lorem_ipsum", TextLines.count(lower, "lorem ipsum"), 0),
                RuleResult.max(RuleFamily.C4, "curly_bracket", TextLines.count(text, "{"), 0),
                RuleResult.min(RuleFamily.C4, "too_few_sentences", l.sentences(), MIN_SENTENCES));
    }
}

package dev.tailguard.core.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Gopher quality heuristics (collapse-anchors §8, Rae et al. arXiv 2112.11446, thresholds as datatrove defaults).
 * One result per rule, named as datatrove's drop reasons.
 *
 * <p>Words are the {@code Tokenizer.words} tokens containing a letter or digit ("non-symbol words"; datatrove
 * drops tokens that are ASCII punctuation). Ratios whose denominator is zero are reported as 0 (the word-count
 * rule then drops the document). Stop words are counted by occurrence, as datatrove does. Bullet lines start
 * (after leading white space) with one of {@value #BULLETS}.
 *
 * <p>Language: the stop-word rule ({@code gopher_enough_stop_words}) counts English words, and Gopher (like
 * FineWeb/datatrove, whose {@code GopherQualityFilter} runs after a language filter keeps English) applies it to English
 * text only. It is therefore not applied ({@link RuleResult#notApplicable}, reason {@code language xx} or
 * {@code script xxx}) to a document that {@link DocumentLanguage#nonEnglish} finds clearly not English; English and
 * undetermined documents keep it. The other rules (word count, mean word length, symbol ratios, bullet and ellipsis
 * lines, alphabetic share) count Unicode letters and digits and apply to every language.
 */
public final class GopherQualityRules implements QualityRule {

    /** Characters recognised as bullets at the start of a line. */
    public static final String BULLETS = "•‣◦▪▫●○■□∙⁃";
    /** Gopher stop words (§8). */
    public static final Set<String> STOP_WORDS = Set.of("the", "be", "to", "of", "and", "that", "have", "with");

    /** Name of the English-only stop-word rule. */
    public static final String STOP_WORDS_RULE = "gopher_enough_stop_words";

    private final Params p;

    /** Thresholds; {@link #DEFAULTS} are the published values (§8). */
    public record Params(int minWords, int maxWords, double minMeanWordLength, double maxMeanWordLength,
            double maxSymbolWordRatio, double maxBulletLinesRatio, double maxEllipsisLinesRatio,
            double minAlphaWordsRatio, int minStopWords) {
    }

    /** §8: 50–100,000 words, mean length 3–10, symbol ratio 0.1, bullets 0.9, ellipsis lines 0.3, alpha 0.8, 2. */
    public static final Params DEFAULTS = new Params(50, 100_000, 3, 10, 0.1, 0.9, 0.3, 0.8, 2);

    /** Rules with the published thresholds. */
    public GopherQualityRules() {
        this(DEFAULTS);
    }

    /** Rules with the given thresholds. */
    public GopherQualityRules(Params p) {
        this.p = p;
    }

    @Override
    public List<RuleResult> apply(String text, List<String> tokens) {
        int words = 0;
        long wordChars = 0;
        int alphaWords = 0;
        int stop = 0;
        for (String t : tokens) {
            boolean letter = false;
            boolean digit = false;
            int codePoints = 0;
            for (int i = 0, n = t.length(); i < n; i++) {
                char c = t.charAt(i);
                if (!Character.isLowSurrogate(c)) {
                    codePoints++;
                }
                if (!letter) {
                    letter = Character.isLetter(c);
                    digit |= Character.isDigit(c);
                }
            }
            if (letter || digit) {
                words++;
                wordChars += codePoints;
            }
            if (letter) {
                alphaWords++;
                if (t.length() >= 2 && t.length() <= 4 && STOP_WORDS.contains(t)) {
                    stop++;
                }
            }
        }
        List<String> lines = TextLines.lines(text);
        int bullets = 0;
        int ellipsisLines = 0;
        for (String l : lines) {
            String s = l.stripLeading();
            if (!s.isEmpty() && BULLETS.indexOf(s.charAt(0)) >= 0) {
                bullets++;
            }
            String e = l.stripTrailing();
            if (e.endsWith("...") || e.endsWith("…")) {
                ellipsisLines++;
            }
        }
        double meanLen = words == 0 ? 0 : (double) wordChars / words;
        double hash = words == 0 ? 0 : (double) TextLines.count(text, "#") / words;
        double ellipsis = words == 0 ? 0 : (double) (TextLines.count(text, "...") + TextLines.count(text, "…")) / words;
        double bulletRatio = lines.isEmpty() ? 0 : (double) bullets / lines.size();
        double ellipsisRatio = lines.isEmpty() ? 0 : (double) ellipsisLines / lines.size();
        double alpha = words == 0 ? 0 : (double) alphaWords / words;
        List<RuleResult> out = new ArrayList<>(10);
        out.add(RuleResult.min(RuleFamily.GOPHER_QUALITY, "gopher_short_doc", words, p.minWords()));
        out.add(RuleResult.max(RuleFamily.GOPHER_QUALITY, "gopher_long_doc", words, p.maxWords()));
        out.add(RuleResult.min(RuleFamily.GOPHER_QUALITY, "gopher_below_avg_threshold", meanLen, p.minMeanWordLength()));
        out.add(RuleResult.max(RuleFamily.GOPHER_QUALITY, "gopher_above_avg_threshold", meanLen, p.maxMeanWordLength()));
        out.add(RuleResult.max(RuleFamily.GOPHER_QUALITY, "gopher_too_many_hashes", hash, p.maxSymbolWordRatio()));
        out.add(RuleResult.max(RuleFamily.GOPHER_QUALITY, "gopher_too_many_ellipsis", ellipsis, p.maxSymbolWordRatio()));
        out.add(RuleResult.max(RuleFamily.GOPHER_QUALITY, "gopher_too_many_bullets", bulletRatio, p.maxBulletLinesRatio()));
        out.add(RuleResult.max(RuleFamily.GOPHER_QUALITY, "gopher_too_many_end_ellipsis", ellipsisRatio, p.maxEllipsisLinesRatio()));
        out.add(RuleResult.min(RuleFamily.GOPHER_QUALITY, "gopher_below_alpha_threshold", alpha, p.minAlphaWordsRatio()));
        out.add(stopWords(stop, DocumentLanguage.nonEnglish(tokens).orElse(null)));
        return out;
    }

    /** The English-only stop-word rule: not applied when {@code nonEnglish} (why) is given. */
    private RuleResult stopWords(int stop, String nonEnglish) {
        return nonEnglish == null
                ? RuleResult.min(RuleFamily.GOPHER_QUALITY, STOP_WORDS_RULE, stop, p.minStopWords())
                : RuleResult.notApplicable(RuleFamily.GOPHER_QUALITY, STOP_WORDS_RULE, stop, p.minStopWords(), nonEnglish);
    }
}

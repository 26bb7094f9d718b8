package dev.tailguard.core.quality;

import dev.tailguard.core.collections.LongCountMap;
import dev.tailguard.core.collections.LongHashSet;
import dev.tailguard.core.collections.NgramHash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gopher repetition rules, collapse-anchors §8 Table A1 (Rae et al. arXiv 2112.11446). Each value is dropped when
 * above its threshold; names follow datatrove's drop reasons.
 *
 * <ul>
 * <li>Duplicate line / paragraph fraction: occurrences after the first of a line (paragraph) / number of lines
 * (paragraphs). Blank lines are ignored (datatrove counts repeated empty lines as duplicates, which flags any
 * text with blank-line paragraph breaks). Paragraphs are the stripped text split at two or more newlines.</li>
 * <li>Duplicate line / paragraph character fraction: characters of those repeated occurrences / text length.</li>
 * <li>Top n-gram character fraction (n = 2, 3, 4): length of the most frequent n-gram (tokens joined by single
 * spaces; ties go to the first occurring) × its count / text length (§8).</li>
 * <li>Duplicate n-gram character fraction (n = 5..10): every token covered by an occurrence of an n-gram that
 * already occurred earlier in the document is marked; the characters of the marked tokens plus one space between
 * adjacent marked tokens, divided by the text length. Each character is counted once (no overlap double count);
 * first occurrences are not counted.</li>
 * </ul>
 * Tokens are the {@code Tokenizer.words} tokens. Empty texts yield 0 everywhere.
 */
public final class GopherRepetitionRules implements QualityRule {

    /** Table A1 thresholds: top 2/3/4-gram. */
    public static final double[] TOP_NGRAM_MAX = {0.20, 0.18, 0.16};
    /** Table A1 thresholds: duplicate 5..10-gram. */
    public static final double[] DUP_NGRAM_MAX = {0.15, 0.14, 0.13, 0.12, 0.11, 0.10};
    /** Table A1: duplicate line and paragraph fraction. */
    public static final double DUP_FRAC_MAX = 0.30;
    /** Table A1: duplicate line and paragraph character fraction. */
    public static final double DUP_CHAR_FRAC_MAX = 0.20;

    @Override
    public List<RuleResult> apply(String text, List<String> tokens) {
        return apply(text, tokens, NgramHash.tokens(tokens));
    }

    /** The rules given precomputed token hashes ({@link NgramHash#tokens}). */
    public List<RuleResult> apply(String text, List<String> tokens, long[] th) {
        double len = Math.max(1, text.length());
        List<RuleResult> out = new ArrayList<>(13);
        long[] para = duplicates(TextLines.paragraphs(text));
        long[] line = duplicates(TextLines.nonBlankLines(text));
        out.add(RuleResult.max(RuleFamily.GOPHER_REPETITION, "dup_para_frac", para[2] == 0 ? 0 : (double) para[0] / para[2], DUP_FRAC_MAX));
        out.add(RuleResult.max(RuleFamily.GOPHER_REPETITION, "dup_para_char_frac", para[1] / len, DUP_CHAR_FRAC_MAX));
        out.add(RuleResult.max(RuleFamily.GOPHER_REPETITION, "dup_line_frac", line[2] == 0 ? 0 : (double) line[0] / line[2], DUP_FRAC_MAX));
        out.add(RuleResult.max(RuleFamily.GOPHER_REPETITION, "dup_line_char_frac", line[1] / len, DUP_CHAR_FRAC_MAX));
        int[] tokLen = new int[tokens.size()];
        for (int i = 0; i < tokLen.length; i++) {
            tokLen[i] = tokens.get(i).length();
        }
        long[] cur = th.clone();
        LongCountMap counts = new LongCountMap(th.length);
        for (int n = 2; n <= 4; n++) {
            int m = NgramHash.extend(cur, th, n);
            out.add(RuleResult.max(RuleFamily.GOPHER_REPETITION, "top_" + n + "_gram", topNgramChars(cur, m, tokLen, n, counts) / len,
                    TOP_NGRAM_MAX[n - 2]));
        }
        LongHashSet seen = new LongHashSet(th.length);
        boolean[] marked = new boolean[th.length];
        for (int n = 5; n <= 10; n++) {
            int m = NgramHash.extend(cur, th, n);
            out.add(RuleResult.max(RuleFamily.GOPHER_REPETITION, "duplicated_" + n + "_n_grams",
                    dupNgramChars(cur, m, tokLen, n, seen, marked) / len, DUP_NGRAM_MAX[n - 5]));
        }
        return out;
    }

    /** {duplicate elements, duplicate characters, elements}. */
    static long[] duplicates(List<String> items) {
        Set<String> seen = new HashSet<>();
        long dup = 0;
        long chars = 0;
        for (String s : items) {
            if (!seen.add(s)) {
                dup++;
                chars += s.length();
            }
        }
        return new long[] {dup, chars, items.size()};
    }

    static long topNgramChars(long[] hashes, int m, int[] tokLen, int n, LongCountMap counts) {
        if (m <= 0) {
            return 0;
        }
        counts.clear();
        long max = 0;
        for (int i = 0; i < m; i++) {
            max = Math.max(max, counts.add(hashes[i], 1));
        }
        for (int i = 0; i < m; i++) {
            if (counts.get(hashes[i]) == max) {
                long chars = n - 1;
                for (int j = i; j < i + n; j++) {
                    chars += tokLen[j];
                }
                return chars * max;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    static long dupNgramChars(long[] hashes, int m, int[] tokLen, int n, LongHashSet seen, boolean[] marked) {
        if (m <= 1) {
            return 0;
        }
        seen.clear();
        java.util.Arrays.fill(marked, false);
        for (int i = 0; i < m; i++) {
            if (!seen.add(hashes[i])) {
                for (int j = i; j < i + n; j++) {
                    marked[j] = true;
                }
            }
        }
        long chars = 0;
        for (int j = 0; j < marked.length; j++) {
            if (marked[j]) {
                chars += tokLen[j];
                if (j > 0 && marked[j - 1]) {
                    chars++;
                }
            }
        }
        return chars;
    }
}

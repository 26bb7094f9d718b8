package dev.tailguard.core.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the token runs a synthetic text copies verbatim from its seed, so a reviewer sees memorisation at a glance.
 * Tokens follow {@link dev.tailguard.core.text.Tokenizer#words} (lower-cased letter/digit runs, every other visible
 * character its own token) but keep their character offsets. Scanning the synthetic text left to right, at each
 * position the longest run shared with any seed position is taken when it has at least {@code minTokens} tokens,
 * and the scan continues after it; spans therefore never overlap in the synthetic text.
 */
public final class MemorisedSpans {

    /** Seed positions kept per k-gram: bounds the work on highly repetitive seeds. */
    private static final int MAX_POSITIONS = 256;

    private MemorisedSpans() {
    }

    /** A token with its character range. */
    record Token(String text, int start, int end) {
    }

    /** Spans of at least {@code minTokens} tokens shared by {@code seed} and {@code synthetic}. */
    public static List<Span> find(String seed, String synthetic, int minTokens) {
        if (minTokens < 1) {
            throw new IllegalArgumentException("minTokens must be >= 1, got " + minTokens);
        }
        List<Token> a = tokens(seed);
        List<Token> b = tokens(synthetic);
        List<Span> out = new ArrayList<>();
        if (a.size() < minTokens || b.size() < minTokens) {
            return out;
        }
        Map<String, List<Integer>> index = new HashMap<>();
        for (int j = 0; j + minTokens <= a.size(); j++) {
            List<Integer> positions = index.computeIfAbsent(key(a, j, minTokens), k -> new ArrayList<>());
            if (positions.size() < MAX_POSITIONS) {
                positions.add(j);
            }
        }
        int i = 0;
        while (i + minTokens <= b.size()) {
            List<Integer> candidates = index.get(key(b, i, minTokens));
            int bestLen = 0;
            int bestJ = -1;
            if (candidates != null) {
                for (int j : candidates) {
                    int len = 0;
                    while (i + len < b.size() && j + len < a.size() && a.get(j + len).text.equals(b.get(i + len).text)) {
                        len++;
                    }
                    if (len > bestLen) {
                        bestLen = len;
                        bestJ = j;
                    }
                }
            }
            if (bestLen >= minTokens) {
                out.add(new Span(b.get(i).start, b.get(i + bestLen - 1).end, a.get(bestJ).start,
                        a.get(bestJ + bestLen - 1).end, bestLen));
                i += bestLen;
            } else {
                i++;
            }
        }
        return out;
    }

    private static String key(List<Token> tokens, int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < from + n; k++) {
            sb.append(tokens.get(k).text).append('\u0001');
        }
        return sb.toString();
    }

    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int start = -1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean word = Character.isLetterOrDigit(c)
                    || (Character.getType(c) == Character.NON_SPACING_MARK && start >= 0)
                    || ((c == '\'' || c == '\u2019') && start >= 0 && i + 1 < n && Character.isLetter(text.charAt(i + 1))
                    && Character.isLetter(text.charAt(i - 1)));
            if (word) {
                if (start < 0) {
                    start = i;
                }
                continue;
            }
            if (start >= 0) {
                out.add(wordToken(text, start, i));
                start = -1;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n) {
                out.add(new Token(text.substring(i, i + 2), i, i + 2));
                i++;
            } else if (!Character.isWhitespace(c) && !Character.isISOControl(c) && c != '\u00a0') {
                out.add(new Token(punct(c), i, i + 1));
            }
        }
        if (start >= 0) {
            out.add(wordToken(text, start, n));
        }
        return out;
    }

    private static Token wordToken(String text, int start, int end) {
        return new Token(text.substring(start, end).replace('\u2019', '\'').toLowerCase(Locale.ROOT), start, end);
    }

    private static String punct(char c) {
        return switch (c) {
            case '\u2014', '\u2013', '\u2012', '\u2015' -> "-";
            case '\u201c', '\u201d', '\u201e' -> "\"";
            case '\u2018', '\u2019' -> "'";
            default -> String.valueOf(c);
        };
    }
}

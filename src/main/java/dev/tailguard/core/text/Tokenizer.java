package dev.tailguard.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deterministic, locale-independent tokenisation shared by every metric, the language model and the generators.
 * Word tokens are lower-cased runs of letters and digits (an apostrophe between letters stays inside the word);
 * every other non-space character is a token of its own; em and en dashes become {@code -}. This matches the
 * pre-tokenised KenLM reference text ({@code chapter 1 .}, {@code ago - never}).
 */
public final class Tokenizer {

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "gen", "col", "capt", "gov", "sen", "rep",
            "hon", "no", "co", "inc", "ltd", "u.s", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
            "sep", "sept", "oct", "nov", "dec");

    /** Longest token kept in {@link #RECENT}. */
    private static final int CACHED_MAX_LENGTH = 12;
    /**
     * Recently made short tokens by hash slot: a repeated token (most running words) is returned as the same
     * {@code String} instance, so it is not allocated again and its cached {@code hashCode} serves every later map
     * lookup. Racy by design: a slot holds any equal-valued string or another token; a miss only costs an allocation
     * (strings are immutable and safely published through their final fields).
     */
    private static final String[] RECENT = new String[1 << 14];

    private Tokenizer() {
    }

    /** The token {@code cur[0, len)} whose {@link String#hashCode} is {@code hash}: a cached instance when recent. */
    private static String token(char[] cur, int len, int hash) {
        if (len > CACHED_MAX_LENGTH) {
            return new String(cur, 0, len);
        }
        int slot = (hash ^ (hash >>> 14)) & (RECENT.length - 1);
        String s = RECENT[slot];
        if (s != null && s.length() == len) {
            int i = 0;
            while (i < len && s.charAt(i) == cur[i]) {
                i++;
            }
            if (i == len) {
                return s;
            }
        }
        s = new String(cur, 0, len);
        RECENT[slot] = s;
        return s;
    }

    /** Lower-cased word and punctuation tokens of the text. */
    public static List<String> words(CharSequence text) {
        int n = text.length();
        List<String> out = new ArrayList<>(Math.max(16, n / 4));
        // a plain char buffer rather than a StringBuilder: no per-character coder check (profiled hot spot)
        char[] cur = new char[32];
        int len = 0;
        int hash = 0; // String.hashCode of cur[0, len)
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char lower;
            if (c < 128) { // ASCII fast path: same answers as the Character methods below
                lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        ? c : 0;
            } else {
                lower = Character.isLetterOrDigit(c) || (Character.getType(c) == Character.NON_SPACING_MARK && len > 0)
                        ? Character.toLowerCase(c) : 0;
            }
            if (lower != 0) {
                if (len == cur.length) {
                    cur = java.util.Arrays.copyOf(cur, 2 * len);
                }
                cur[len++] = lower;
                hash = 31 * hash + lower;
            } else if ((c == '\'' || c == '\u2019') && len > 0 && i + 1 < n
                    && Character.isLetter(text.charAt(i + 1)) && Character.isLetter(text.charAt(i - 1))) {
                if (len == cur.length) {
                    cur = java.util.Arrays.copyOf(cur, 2 * len);
                }
                cur[len++] = '\'';
                hash = 31 * hash + '\'';
            } else {
                if (len > 0) {
                    out.add(token(cur, len, hash));
                    len = 0;
                    hash = 0;
                }
                if (Character.isHighSurrogate(c) && i + 1 < n) {
                    out.add(text.subSequence(i, i + 2).toString());
                    i++;
                } else if (!Character.isWhitespace(c) && !Character.isISOControl(c) && c != '\u00a0') {
                    out.add(punct(c));
                }
            }
        }
        if (len > 0) {
            out.add(token(cur, len, hash));
        }
        return out;
    }

    /** The one-character token of each ASCII character (punctuation tokens are not allocated per occurrence). */
    private static final String[] ASCII = new String[128];

    static {
        for (char c = 0; c < ASCII.length; c++) {
            ASCII[c] = String.valueOf(c);
        }
    }

    private static String punct(char c) {
        if (c < ASCII.length) {
            return ASCII[c];
        }
        return switch (c) {
            case '\u2014', '\u2013', '\u2012', '\u2015' -> "-";
            case '\u201c', '\u201d', '\u201e' -> "\"";
            case '\u2018', '\u2019' -> "'";
            default -> String.valueOf(c);
        };
    }

    /** Whitespace-separated tokens, unchanged (the tokenisation of the n-gram diversity score). */
    public static List<String> whitespace(CharSequence text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int start = -1;
        for (int i = 0; i < n; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                if (start >= 0) {
                    out.add(text.subSequence(start, i).toString());
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            out.add(text.subSequence(start, n).toString());
        }
        return out;
    }

    /**
     * Splits text into sentences: after {@code . ! ?} (and any closing quotes or brackets) followed by white
     * space, unless the word before the period is a known abbreviation or a single letter; and at blank lines.
     */
    public static List<String> sentences(CharSequence text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean boundary = false;
            int end = i + 1;
            if (c == '.' || c == '!' || c == '?') {
                while (end < n && isCloser(text.charAt(end))) {
                    end++;
                }
                if (end >= n || Character.isWhitespace(text.charAt(end))) {
                    boundary = c != '.' || !abbreviationBefore(text, i);
                }
            } else if (c == '\n' && i + 1 < n && text.charAt(i + 1) == '\n') {
                boundary = true;
            }
            if (boundary) {
                addTrimmed(out, text, start, end);
                start = end;
                i = end - 1;
            }
        }
        addTrimmed(out, text, start, n);
        return out;
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201d' || c == '\u2019';
    }

    private static boolean abbreviationBefore(CharSequence text, int dot) {
        int j = dot - 1;
        while (j >= 0 && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '.')) {
            j--;
        }
        String word = text.subSequence(j + 1, dot).toString().toLowerCase(java.util.Locale.ROOT);
        if (word.isEmpty()) {
            return false;
        }
        return (word.length() == 1 && Character.isUpperCase(text.charAt(dot - 1))) || ABBREVIATIONS.contains(word);
    }

    /** Adds {@code text[from, to)} stripped as {@link String#strip} does (white space is in the BMP), when not empty. */
    private static void addTrimmed(List<String> out, CharSequence text, int from, int to) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (from < to) {
            out.add(text.subSequence(from, to).toString());
        }
    }
}

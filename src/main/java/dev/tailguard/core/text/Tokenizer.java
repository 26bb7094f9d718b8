package dev.tailguard.core.text;

import dev.tailguard.core.collections.NgramHash;
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

    private Tokenizer() {
    }

    /** {@code words(text).size()}, without making the tokens. */
    public static int count(CharSequence text) {
        int[] n = {0};
        scan(text, new TokenSink() {
            @Override
            public void word(char[] chars, int len) {
                n[0]++;
            }

            @Override
            public void symbol(String token) {
                n[0]++;
            }
        });
        return n[0];
    }

    /**
     * {@code NgramHash.tokens(words(text))}, hashing each token's characters in place (no String made per token).
     */
    public static long[] tokenHashes(CharSequence text) {
        long[][] out = {new long[Math.max(16, text.length() / 4)]};
        int[] k = {0};
        scan(text, new TokenSink() {
            @Override
            public void word(char[] chars, int len) {
                add(NgramHash.token(chars, len));
            }

            @Override
            public void symbol(String token) {
                add(token.length() == 1 && token.charAt(0) < ASCII_HASH.length
                        ? ASCII_HASH[token.charAt(0)] : NgramHash.token(token));
            }

            private void add(long h) {
                if (k[0] == out[0].length) {
                    out[0] = java.util.Arrays.copyOf(out[0], 2 * k[0]);
                }
                out[0][k[0]++] = h;
            }
        });
        return k[0] == out[0].length ? out[0] : java.util.Arrays.copyOf(out[0], k[0]);
    }

    /** {@code NgramHash.token} of each one-character ASCII token. */
    private static final long[] ASCII_HASH = new long[128];

    static {
        for (char c = 0; c < ASCII_HASH.length; c++) {
            ASCII_HASH[c] = NgramHash.token(String.valueOf(c));
        }
    }

    /** Lower-cased word and punctuation tokens of the text. */
    public static List<String> words(CharSequence text) {
        List<String> out = new ArrayList<>(Math.max(16, text.length() / 4));
        scan(text, new TokenSink() {
            @Override
            public void word(char[] chars, int len) {
                out.add(new String(chars, 0, len));
            }

            @Override
            public void symbol(String token) {
                out.add(token);
            }
        });
        return out;
    }

    /**
     * Receives the tokens of {@link #scan} in text order: the tokens of {@link #words}, without a String made for a
     * word (a caller that interns or counts tokens reads the characters in place).
     */
    interface TokenSink {

        /** A word token: {@code chars[0, len)}, lower-cased; the array is reused after the call returns. */
        void word(char[] chars, int len);

        /** A token of one character, or of a high surrogate with the character after it. */
        void symbol(String token);
    }

    /** Hands the tokens of {@link #words} to {@code sink}, in order (the one implementation of the rules). */
    static void scan(CharSequence text, TokenSink sink) {
        int n = text.length();
        // the text copied once into a per-thread buffer (String.getChars is an intrinsic): the loop below then reads
        // a plain char array, with no per-character coder or bounds check (profiled hot spot)
        char[] src = source(n);
        if (text instanceof String s) {
            s.getChars(0, n, src, 0);
        } else {
            for (int i = 0; i < n; i++) {
                src[i] = text.charAt(i);
            }
        }
        char[] cur = new char[32];
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = src[i];
            char lower = c < 128 ? ASCII_WORD_CHAR[c] // same answers as the Character methods below
                    : Character.isLetterOrDigit(c) || (Character.getType(c) == Character.NON_SPACING_MARK && len > 0)
                            ? Character.toLowerCase(c) : 0;
            if (lower != 0) {
                if (len == cur.length) {
                    cur = java.util.Arrays.copyOf(cur, 2 * len);
                }
                cur[len++] = lower;
            } else if ((c == '\'' || c == '\u2019') && len > 0 && i + 1 < n
                    && Character.isLetter(src[i + 1]) && Character.isLetter(src[i - 1])) {
                if (len == cur.length) {
                    cur = java.util.Arrays.copyOf(cur, 2 * len);
                }
                cur[len++] = '\'';
            } else {
                if (len > 0) {
                    sink.word(cur, len);
                    len = 0;
                }
                if (c < ASCII_SYMBOL.length) {
                    if (ASCII_SYMBOL[c]) { // the answer of the Character calls below, tabled (profiled hot spot)
                        sink.symbol(ASCII[c]);
                    }
                } else if (Character.isHighSurrogate(c) && i + 1 < n) {
                    sink.symbol(new String(src, i, 2));
                    i++;
                } else if (!Character.isWhitespace(c) && !Character.isISOControl(c) && c != '\u00a0') {
                    sink.symbol(punct(c));
                }
            }
        }
        if (len > 0) {
            sink.word(cur, len);
        }
    }

    /** A per-thread buffer of at least {@code n} chars; texts above {@value #KEPT_SOURCE} chars get their own. */
    private static char[] source(int n) {
        if (n > KEPT_SOURCE) {
            return new char[n];
        }
        char[] b = SOURCE.get();
        if (b.length < n) {
            b = new char[Math.min(KEPT_SOURCE, Math.max(n, 2 * b.length))];
            SOURCE.set(b);
        }
        return b;
    }

    /** Largest per-thread text buffer kept between calls (chars; 128 KiB). */
    private static final int KEPT_SOURCE = 1 << 16;
    private static final ThreadLocal<char[]> SOURCE = ThreadLocal.withInitial(() -> new char[1024]);

    /** Each ASCII character's lower-cased word character (letters and digits), or 0 when it is not one. */
    private static final char[] ASCII_WORD_CHAR = new char[128];

    static {
        for (char c = 0; c < ASCII_WORD_CHAR.length; c++) {
            ASCII_WORD_CHAR[c] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A'))
                    : (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : 0;
        }
    }

    /** The one-character token of each ASCII character (punctuation tokens are not allocated per occurrence). */
    private static final String[] ASCII = new String[128];

    static {
        for (char c = 0; c < ASCII.length; c++) {
            ASCII[c] = String.valueOf(c);
        }
    }

    /** Whether an ASCII character that is not a word character is a token of its own (not white space or control). */
    private static final boolean[] ASCII_SYMBOL = new boolean[128];

    static {
        for (char c = 0; c < ASCII_SYMBOL.length; c++) {
            ASCII_SYMBOL[c] = !Character.isWhitespace(c) && !Character.isISOControl(c);
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

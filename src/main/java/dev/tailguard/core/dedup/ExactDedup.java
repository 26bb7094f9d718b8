package dev.tailguard.core.dedup;

import dev.tailguard.core.collections.LongHashSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Exact deduplication on normalised text. {@link #key} normalises (NFKC, lower-case, punctuation removed, white
 * space collapsed to single spaces and trimmed) and hashes with SHA-256. The seen-set keeps the first 64 bits of
 * each digest (8–16 bytes per document in a {@link LongHashSet}); two different texts share a 64-bit prefix with
 * probability 2^-64 per pair (≈ 3·10^-8 expected false duplicates among 10^6 documents). Mergeable.
 */
public final class ExactDedup {

    private final LongHashSet seen = new LongHashSet(1024);

    /** The normalised text that {@link #key} hashes. */
    public static String normalize(String text) {
        // NFKC and Locale.ROOT lower-casing map ASCII to ASCII char by char: skip the normaliser and the lower-cased
        // copy (profiled hot spots) for ASCII-only text
        boolean ascii = isAscii(text);
        String s = ascii ? text : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        char[] out = new char[s.length()];
        int len = 0;
        boolean space = false;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            int kind;
            if (c < ASCII_KIND.length) {
                kind = ASCII_KIND[c]; // the answers of the Character calls below, tabled (profiled hot spot)
                if (ascii && c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
            } else {
                kind = kind(c);
            }
            if (kind == SPACE) {
                space = len > 0;
            } else if (kind == KEEP) {
                if (space) {
                    out[len++] = ' ';
                    space = false;
                }
                out[len++] = c;
            }
        }
        return new String(out, 0, len);
    }

    private static final byte KEEP = 0;
    private static final byte SPACE = 1;
    private static final byte PUNCTUATION = 2;
    /** {@link #kind} of each ASCII character. */
    private static final byte[] ASCII_KIND = new byte[128];

    static {
        for (char c = 0; c < ASCII_KIND.length; c++) {
            ASCII_KIND[c] = kind(c);
        }
    }

    /** Whether the character separates words, is dropped as punctuation, or is kept. */
    private static byte kind(char c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return SPACE;
        }
        return isPunctuation(c) ? PUNCTUATION : KEEP;
    }

    private static boolean isAscii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPunctuation(char c) {
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** SHA-256 hex of the normalised text. */
    public static String key(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    /** First 64 bits of the SHA-256 digest of the normalised text. */
    public static long key64(String text) {
        byte[] d = digest(text);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return v;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(normalize(text).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Records the text; true when its normalised form was not seen before. */
    public boolean add(String text) {
        return seen.add(key64(text));
    }

    /** Records a text by its {@link #key64} (computed elsewhere, e.g. in parallel); true when it was not seen before. */
    public boolean addKey(long key64) {
        return seen.add(key64);
    }

    /** True when the normalised text was seen. */
    public boolean contains(String text) {
        return seen.contains(key64(text));
    }

    /** Number of distinct normalised texts. */
    public long size() {
        return seen.size();
    }

    /** Adds every key of {@code other}. */
    public void merge(ExactDedup other) {
        seen.addAll(other.seen);
    }
}

package dev.tailguard.core.collections;

import java.util.List;

/**
 * Deterministic 64-bit hashing of tokens and token n-grams. Token hashes depend only on the token's characters
 * (FNV-1a over UTF-16 code units, then the MurmurHash3 64-bit finaliser), so states built on different shards or
 * machines agree and can be merged. N-gram hashes chain the finaliser over the token hashes: h_1 = hash(t_i),
 * h_k = fmix64(h_{k−1}·φ + hash(t_{i+k−1})), so the (n+1)-gram hashes of a document follow from its n-gram hashes
 * in one pass ({@link #extend}). Two distinct n-grams collide with probability about 2^-64;
 * with 10^8 distinct n-grams the expected number of colliding pairs is about 3·10^-4, which is why sets of these
 * hashes are treated as exact.
 */
public final class NgramHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private NgramHash() {
    }

    /** 64-bit hash of one token. */
    public static long token(CharSequence s) {
        long h = FNV_OFFSET;
        for (int i = 0, n = s.length(); i < n; i++) {
            h ^= s.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    /** 64-bit hash of the token {@code chars[0, len)}; equals {@code token(new String(chars, 0, len))}. */
    public static long token(char[] chars, int len) {
        long h = FNV_OFFSET;
        for (int i = 0; i < len; i++) {
            h ^= chars[i];
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    /** 64-bit hash of the characters {@code s[from, to)}; equals {@code token(s.subSequence(from, to))}. */
    public static long token(CharSequence s, int from, int to) {
        long h = FNV_OFFSET;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    /**
     * Two independent 64-bit hashes of a whole text's characters, read four at a time as one 64-bit word: an
     * xor-multiply-rotate chain and an add-multiply-rotate chain with other constants (the rotation carries each
     * word's high characters into the low bits before the next multiply), each finished with the length and the
     * finaliser. Used to find exact copies of a text already processed: for texts that are not crafted to collide, a
     * false match needs both to collide, about 2^-128 per pair. Not a cryptographic hash.
     */
    public static long[] textKey(CharSequence text) {
        long a = FNV_OFFSET;
        long b = 0x243F6A8885A308D3L;
        int n = text.length();
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long w = text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                    | (long) text.charAt(i + 3) << 48;
            a = Long.rotateLeft((a ^ w) * 0xff51afd7ed558ccdL, 31);
            b = Long.rotateLeft((b + w) * PHI, 27);
        }
        for (; i < n; i++) {
            char c = text.charAt(i);
            a = Long.rotateLeft((a ^ c) * 0xff51afd7ed558ccdL, 31);
            b = Long.rotateLeft((b + c) * PHI, 27);
        }
        return new long[] {mix(a ^ n), mix(b + n * 0xC2B2AE3D27D4EB4FL)};
    }

    /** Hashes of the whitespace-separated tokens of a text (as {@code Tokenizer.whitespace}, without copying). */
    public static long[] whitespaceTokens(CharSequence text) {
        long[] out = new long[Math.max(16, text.length() / 5)];
        int k = 0;
        int n = text.length();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean ws = i == n || Character.isWhitespace(text.charAt(i));
            if (ws) {
                if (start >= 0) {
                    if (k == out.length) {
                        out = java.util.Arrays.copyOf(out, k * 2);
                    }
                    out[k++] = token(text, start, i);
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** Token hashes of a token list. */
    public static long[] tokens(List<String> tokens) {
        long[] out = new long[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = token(tokens.get(i));
        }
        return out;
    }

    /** Hash of the n-gram {@code th[start .. start+n-1]}. */
    public static long ngram(long[] th, int start, int n) {
        long h = th[start];
        for (int i = start + 1, end = start + n; i < end; i++) {
            h = mix(h * PHI + th[i]);
        }
        return h;
    }

    /**
     * Turns the (n−1)-gram hashes {@code cur[i]} (i = 0..th.length−n+1) into n-gram hashes in place; returns the
     * number of n-grams, {@code max(0, th.length − n + 1)}. Start with {@code cur = th.clone()} (n = 1).
     */
    public static int extend(long[] cur, long[] th, int n) {
        int m = th.length - n + 1;
        for (int i = 0; i < m; i++) {
            cur[i] = mix(cur[i] * PHI + th[i + n - 1]);
        }
        return Math.max(0, m);
    }

    private static final long PHI = 0x9E3779B97F4A7C15L;

    /** Seeded variant used by MinHash permutations. */
    public static long seeded(long h, long seed) {
        return mix(h ^ mix(seed * 0xD6E8FEB86659FD93L + 0x632BE59BD9B4E019L));
    }

    /** MurmurHash3 fmix64 finaliser. */
    public static long mix(long z) {
        z ^= z >>> 33;
        z *= 0xff51afd7ed558ccdL;
        z ^= z >>> 33;
        z *= 0xc4ceb9fe1a85ec53L;
        z ^= z >>> 33;
        return z;
    }
}

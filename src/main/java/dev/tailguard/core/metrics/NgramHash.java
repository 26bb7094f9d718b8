package dev.tailguard.core.metrics;

import java.util.List;

/**
 * Deterministic 64-bit hashing of tokens and token n-grams. Token hashes depend only on the token's characters
 * (FNV-1a over UTF-16 code units, then the MurmurHash3 64-bit finaliser), so states built on different shards or
 * machines agree and can be merged. N-gram hashes chain the finaliser over the token hashes and mix in n, so a
 * 2-gram never collides with a 3-gram by construction. Two distinct n-grams collide with probability about 2^-64;
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
        long h = 0x9E3779B97F4A7C15L * n;
        for (int i = start, end = start + n; i < end; i++) {
            h = mix(h + th[i]);
        }
        return h;
    }

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

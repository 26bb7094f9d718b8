package dev.tailguard.core.dedup;

import dev.tailguard.core.collections.NgramHash;
import java.util.Arrays;
import java.util.List;

/**
 * MinHash signatures over word shingles (collapse-anchors §9). Shingles are the word n-grams of the
 * {@code Tokenizer.words} tokens after dropping tokens without a letter or digit (FineWeb normalises punctuation
 * away before shingling); a document with fewer words than the shingle size has its whole word sequence as one
 * shingle; a document without words has no shingles and gets the empty signature (all {@link Long#MAX_VALUE}),
 * which never matches. Hash function i is {@code a_i·h + b_i mod 2^64} (a_i odd, so a bijection) of the
 * already mixed 64-bit shingle hash h — the multiply-add family of common MinHash implementations — with a_i, b_i
 * derived deterministically from {@link MinHashParams#seed()}. Signatures merge by element-wise minimum (the
 * signature of the union of shingle sets).
 */
public final class MinHash {

    private final MinHashParams params;
    private final long[] seeds;
    private final long[] mult;

    /** A MinHash family with the given parameters. */
    public MinHash(MinHashParams params) {
        this.params = params;
        seeds = new long[params.numHashes()];
        mult = new long[params.numHashes()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = NgramHash.mix(params.seed() * 0x9E3779B97F4A7C15L + 2 * i + 1);
            mult[i] = NgramHash.mix(params.seed() * 0x9E3779B97F4A7C15L + 2 * i + 2) | 1L;
        }
    }

    /** The parameters. */
    public MinHashParams params() {
        return params;
    }

    /** Signature of a document's tokens. */
    public long[] signature(List<String> tokens) {
        return signature(tokens, NgramHash.tokens(tokens));
    }

    /** Signature of a document's tokens given their precomputed hashes ({@link NgramHash#tokens}). */
    public long[] signature(List<String> tokens, long[] tokenHashes) {
        int words = 0;
        long[] th = new long[tokens.size()];
        for (int i = 0; i < th.length; i++) {
            if (hasLetterOrDigit(tokens.get(i))) {
                th[words++] = tokenHashes[i];
            }
        }
        long[] sig = new long[seeds.length];
        Arrays.fill(sig, Long.MAX_VALUE);
        if (words == 0) {
            return sig;
        }
        int n = Math.min(params.shingleSize(), words);
        long[] w = java.util.Arrays.copyOf(th, words);
        long[] cur = w.clone();
        int m = words;
        for (int k = 2; k <= n; k++) {
            m = NgramHash.extend(cur, w, k);
        }
        for (int i = 0; i < m; i++) {
            long h = cur[i];
            for (int j = 0; j < seeds.length; j++) {
                long v = h * mult[j] + seeds[j];
                if (v < sig[j]) {
                    sig[j] = v;
                }
            }
        }
        return sig;
    }

    private static boolean hasLetterOrDigit(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isLetterOrDigit(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** True when the signature is that of a document without words. */
    public static boolean isEmpty(long[] sig) {
        for (long v : sig) {
            if (v != Long.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** One 64-bit key per band (hash of the band's rows and the band index). */
    public long[] bandKeys(long[] sig) {
        long[] keys = new long[params.bands()];
        int r = params.rows();
        for (int b = 0; b < keys.length; b++) {
            long h = 0x632BE59BD9B4E019L + b;
            for (int j = b * r; j < b * r + r; j++) {
                h = NgramHash.mix(h + sig[j]);
            }
            keys[b] = h;
        }
        return keys;
    }

    /** Estimated Jaccard similarity: share of equal signature positions. */
    public static double estimatedJaccard(long[] a, long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("signature lengths differ: " + a.length + " vs " + b.length);
        }
        int eq = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i] && a[i] != Long.MAX_VALUE) {
                eq++;
            }
        }
        return (double) eq / a.length;
    }

    /** Element-wise minimum: the signature of the union of the two shingle sets. */
    public static long[] merge(long[] a, long[] b) {
        long[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(out[i], b[i]);
        }
        return out;
    }
}

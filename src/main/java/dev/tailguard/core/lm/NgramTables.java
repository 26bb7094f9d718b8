package dev.tailguard.core.lm;

import dev.tailguard.core.collections.NgramHash;

/**
 * A model's n-gram tables for orders k &ge; 2, keyed as KenLM's probing tables are: by a 63-bit hash of the n-gram's
 * words, built word by word from the newest ({@link #unigram}, then {@link #extend} with each older word). A query
 * therefore computes the key of every order from the words alone and the lookups of the orders do not wait on one
 * another (the processor overlaps their cache misses), where a key made of the suffix's table index would chain them.
 * A slot's value holds the entry index, the float log10 probability and the {@link LongIntHashMap#NO_EXTENSION} flag.
 * Two distinct n-grams of one order with the same key are detected when the tables are built; the tables are then
 * rebuilt with the next {@link #seed} (a probability of about n&sup2;/2<sup>64</sup> per order of n n-grams).
 */
final class NgramTables {
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;
    private static final long C2 = 0xc2b2ae3d27d4eb4fL;
    /** Seeds tried before giving up: each collides with probability ~1e-6 for millions of n-grams. */
    private static final int MAX_SEEDS = 16;

    /** Per order k &ge; 2; entries 0 and 1 are null. */
    final LongIntHashMap[] tables;
    /** Hash seed of the keys (stored in the model file). */
    final long seed;

    NgramTables(LongIntHashMap[] tables, long seed) {
        this.tables = tables;
        this.seed = seed;
    }

    /** Key of the one-word sequence {@code word}. */
    static long unigram(int word, long seed) {
        return mix(word + seed * GOLDEN);
    }

    /** Key of the sequence {@code (older, words of key)}. */
    static long extend(long key, int older) {
        return mix(key * GOLDEN + (older + 1) * C2);
    }

    /** MurmurHash3's fmix64 (a bijection), top bit cleared so that no key equals {@link LongIntHashMap#EMPTY}. */
    private static long mix(long k) {
        return NgramHash.mix(k) & Long.MAX_VALUE;
    }

    /**
     * Builds the tables at KenLM's load factor 2/3, the values holding probability and no-extension flag: backoff 0
     * and not the prefix (context) of any n-gram of the next order. Extendable n-grams are closed under suffixes, so a
     * query state may forget the flagged ones (their backoff adds 0 and no longer n-gram follows them), as KenLM's
     * right-state minimisation does.
     *
     * @param prefix per order k = 3..order: index at order k-1 of each k-gram's first k-1 words, or -1
     * @param suffix per order k &ge; 2: index at order k-1 of each k-gram's last k-1 words
     * @param first per order k &ge; 2: each k-gram's first (oldest) word
     */
    static NgramTables build(int order, int[][] prefix, int[][] suffix, int[][] first, float[][] logProb,
                             float[][] logBackoff) {
        boolean[][] noExtension = new boolean[order + 1][];
        for (int k = 2; k <= order; k++) {
            boolean[] flag = new boolean[logProb[k].length];
            if (k == order) {
                java.util.Arrays.fill(flag, true);
            } else {
                boolean[] ext = new boolean[flag.length];
                for (int p : prefix[k + 1]) {
                    if (p >= 0) {
                        ext[p] = true;
                    }
                }
                for (int e = 0; e < flag.length; e++) {
                    flag[e] = !ext[e] && logBackoff[k][e] == 0f;
                }
            }
            noExtension[k] = flag;
        }
        for (long seed = 0; seed < MAX_SEEDS; seed++) {
            LongIntHashMap[] tables = tryBuild(order, seed, suffix, first, logProb, noExtension);
            if (tables != null) {
                return new NgramTables(tables, seed);
            }
        }
        throw new IllegalStateException("n-gram key collisions with " + MAX_SEEDS + " hash seeds");
    }

    private static LongIntHashMap[] tryBuild(int order, long seed, int[][] suffix, int[][] first,
                                             float[][] logProb, boolean[][] noExtension) {
        LongIntHashMap[] tables = new LongIntHashMap[order + 1];
        long[] lowerKeys = new long[logProb[1].length];
        for (int w = 0; w < lowerKeys.length; w++) {
            lowerKeys[w] = unigram(w, seed);
        }
        for (int k = 2; k <= order; k++) {
            int n = logProb[k].length;
            long[] keys = new long[n];
            LongIntHashMap t = LongIntHashMap.probing(n);
            int[] suf = suffix[k];
            int[] fst = first[k];
            float[] lp = logProb[k];
            boolean[] flag = noExtension[k];
            for (int e = 0; e < n; e++) {
                long key = extend(lowerKeys[suf[e]], fst[e]);
                if (!t.putNew(key, LongIntHashMap.value(e, lp[e], flag[e]))) {
                    return null;
                }
                keys[e] = key;
            }
            tables[k] = t;
            lowerKeys = keys;
        }
        return tables;
    }

    /** Prefix indices (see {@link #build}) looked up in tables keyed by (suffix index, first word). */
    static int[][] prefixes(int order, LongIntHashMap[] entryTables, int[][] suffix, int[][] first,
                            float[][] logProb) {
        int[][] prefix = new int[order + 1][];
        prefix[2] = first[2];
        for (int k = 3; k <= order; k++) {
            int n = logProb[k].length;
            int[] pre = new int[n];
            for (int e = 0; e < n; e++) {
                int p = prefix[k - 1][suffix[k][e]];
                pre[e] = p < 0 ? -1 : entryTables[k - 1].get(LongIntHashMap.pack(p, first[k][e]));
            }
            prefix[k] = pre;
        }
        return prefix;
    }
}

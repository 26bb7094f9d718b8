package dev.tailguard.core.lm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Word lookup straight from UTF-8 bytes, so a query reads tokens without decoding them into Strings (the same idea
 * as KenLM's vocabulary of 64-bit word hashes, {@code lm/vocab.hh}; here a hit is also verified byte by byte, so two
 * words never collide). Open addressing with linear probing at load factor at most 1/2; immutable.
 */
final class ByteVocabulary {
    private final byte[] pool;
    private final int[] offsets;
    private final long[] hashes;
    private final int[] ids;
    private final int mask;

    ByteVocabulary(Vocabulary vocab) {
        int v = vocab.size();
        offsets = new int[v + 1];
        byte[][] words = new byte[v][];
        int total = 0;
        for (int i = 0; i < v; i++) {
            words[i] = vocab.word(i).getBytes(StandardCharsets.UTF_8);
            total += words[i].length;
        }
        pool = new byte[total];
        int at = 0;
        for (int i = 0; i < v; i++) {
            offsets[i] = at;
            System.arraycopy(words[i], 0, pool, at, words[i].length);
            at += words[i].length;
        }
        offsets[v] = at;
        int cap = Integer.highestOneBit(Math.max(16, v * 2 - 1)) << 1;
        mask = cap - 1;
        hashes = new long[cap];
        ids = new int[cap];
        Arrays.fill(ids, -1);
        for (int i = 0; i < v; i++) {
            long h = hash(pool, offsets[i], offsets[i + 1]);
            int s = (int) h & mask;
            while (ids[s] >= 0) {
                s = (s + 1) & mask;
            }
            hashes[s] = h;
            ids[s] = i;
        }
    }

    /** 64-bit FNV-1a over the bytes, finished with a MurmurHash3 fmix64 so that the low bits are well mixed. */
    static long hash(byte[] b, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= b[i];
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** Id of the word in {@code b[from, to)}, or {@link Vocabulary#UNK} when it is not in the vocabulary. */
    int id(byte[] b, int from, int to) {
        long h = hash(b, from, to);
        int s = (int) h & mask;
        while (true) {
            int id = ids[s];
            if (id < 0) {
                return Vocabulary.UNK;
            }
            if (hashes[s] == h && Arrays.equals(pool, offsets[id], offsets[id + 1], b, from, to)) {
                return id;
            }
            s = (s + 1) & mask;
        }
    }

    /** The vocabulary's words as one UTF-8 pool: word i is {@code pool()[offsets()[i], offsets()[i + 1])}. */
    byte[] pool() {
        return pool;
    }

    int[] offsets() {
        return offsets;
    }
}

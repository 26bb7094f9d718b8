package dev.tailguard.core.pipeline;

import dev.tailguard.core.collections.NgramHash;
import java.util.HashMap;
import java.util.Map;

/**
 * An index of the raw texts a pass has already measured (issue 12). In the score plan, a real document whose raw
 * text is an exact copy of an earlier one takes that one's dedup key, UTF-8 size and token count instead of being
 * normalised, digested and tokenised again, and adds no 13-gram (the earlier one added them all); the ingest takes
 * a copy's token count. A text is found by two independent
 * 64-bit hashes of its characters ({@link #hashes}): a false copy needs both to collide, about 2^-128 per pair.
 * Holds at most {@value #MAX_TEXTS} texts (about 100 bytes each); a new text after that is planned in full.
 */
final class RawCopies {

    /** Most texts indexed. */
    static final int MAX_TEXTS = 1 << 18;

    /**
     * A planned text.
     *
     * @param check    the second hash of its characters
     * @param dedupKey its {@code ExactDedup.key64}
     * @param utf8     its UTF-8 size
     * @param tokens   its {@code Tokenizer.words} count
     */
    record Text(long check, long dedupKey, long utf8, long tokens) {
    }

    private final Map<Long, Text> byHash = new HashMap<>();

    /** The two hashes of a text's characters ({@link NgramHash#textKey}). */
    static long[] hashes(String text) {
        return NgramHash.textKey(text);
    }

    /** The planned text with these {@link #hashes}, or null. */
    Text copyOf(long[] hashes) {
        Text t = byHash.get(hashes[0]);
        return t != null && t.check() == hashes[1] ? t : null;
    }

    /** Whether a text with this first hash is indexed (its own or a colliding one). */
    boolean known(long[] hashes) {
        return byHash.containsKey(hashes[0]);
    }

    /** Indexes a planned text (unless full, or another text holds its first hash). */
    void add(long[] hashes, long dedupKey, long utf8, long tokens) {
        if (byHash.size() < MAX_TEXTS) {
            byHash.putIfAbsent(hashes[0], new Text(hashes[1], dedupKey, utf8, tokens));
        }
    }
}

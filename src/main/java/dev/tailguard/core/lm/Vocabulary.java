package dev.tailguard.core.lm;

import java.util.ArrayList;
import java.util.List;

/**
 * Word ↔ id mapping with KenLM's fixed ids: {@code <unk>}=0, {@code <s>}=1, {@code </s>}=2. The word → id side is
 * an open-addressing table (linear probing, at most half full) of the words and their hashes: a lookup per token is
 * a hot path of training and scoring, where a {@code HashMap<String, Integer>} cost a node and a boxed id per probe.
 */
final class Vocabulary {
    static final String UNK_WORD = "<unk>";
    static final String BOS_WORD = "<s>";
    static final String EOS_WORD = "</s>";
    static final int UNK = 0;
    static final int BOS = 1;
    static final int EOS = 2;

    private final List<String> words = new ArrayList<>();
    /** Slot → word id + 1, or 0 when empty; the length is a power of two. */
    private int[] slots = new int[64];
    /** Word id → its {@code String.hashCode}. */
    private int[] hashes = new int[32];

    Vocabulary() {
        add(UNK_WORD);
        add(BOS_WORD);
        add(EOS_WORD);
    }

    int add(String w) {
        int h = w.hashCode();
        int i = find(w, h);
        if (slots[i] != 0) {
            return slots[i] - 1;
        }
        int n = words.size();
        words.add(w);
        if (n == hashes.length) {
            hashes = java.util.Arrays.copyOf(hashes, 2 * n);
        }
        hashes[n] = h;
        slots[i] = n + 1;
        if (2 * words.size() > slots.length) {
            rehash();
        }
        return n;
    }

    /** Id of the word, or {@link #UNK} when unknown. */
    int id(String w) {
        int slot = slots[find(w, w.hashCode())];
        return slot == 0 ? UNK : slot - 1;
    }

    boolean contains(String w) {
        return slots[find(w, w.hashCode())] != 0;
    }

    /** The slot holding {@code w}, or the empty slot where it would go. */
    private int find(String w, int h) {
        int mask = slots.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0 || (hashes[slot - 1] == h && words.get(slot - 1).equals(w))) {
                return i;
            }
        }
    }

    private void rehash() {
        int[] grown = new int[2 * slots.length];
        int mask = grown.length - 1;
        for (int id = 0; id < words.size(); id++) {
            int i = spread(hashes[id]) & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = id + 1;
        }
        slots = grown;
    }

    private static int spread(int h) {
        h *= 0x9E3779B9; // Fibonacci hashing: String.hashCode's low bits alone cluster
        return h ^ (h >>> 16);
    }

    String word(int id) {
        return words.get(id);
    }

    int size() {
        return words.size();
    }
}

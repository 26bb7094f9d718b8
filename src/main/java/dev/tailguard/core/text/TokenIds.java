package dev.tailguard.core.text;

import java.util.Arrays;

/**
 * Interns the tokens of {@link Tokenizer} as dense ids (0, 1, 2, … in first-seen order), reading each word's
 * characters in place: a text becomes an {@code int[]} without a String or a map entry made per token (issue 12: a
 * String-keyed {@code HashMap} per token was the anchor feed's hot spot). Open addressing with linear probing over
 * the tokens' characters; a token's String is made once, when first asked for. Not thread-safe: one table per
 * thread or pass.
 */
public final class TokenIds {

    private static final int ASCII = 128;
    /** Largest token buffer kept between texts (ids; 256 KiB). */
    private static final int KEPT_BUFFER = 1 << 16;

    private char[][] keys = new char[256][];
    private int[] hashes = new int[256];
    /** Each id's {@link #packed} characters (0 for a token above 3 characters). */
    private long[] packedKeys = new long[256];
    private String[] strings = new String[256];
    /** Open-addressing slots: id + 1, or 0 when empty; the length is a power of two, at most half full. */
    private int[] slots = new int[512];
    private int size;
    /** Id of each one-character ASCII token, or -1 before it is first seen. */
    private final int[] asciiIds = new int[ASCII];
    private int[] buffer = new int[1024];
    private int count;
    private boolean irregular;
    private final Tokenizer.TokenSink sink = new Tokenizer.TokenSink() {
        @Override
        public void word(char[] chars, int len) {
            append(id(chars, len));
        }

        @Override
        public void symbol(String token) {
            char c = token.charAt(0);
            if (token.length() == 1 && c < ASCII) {
                int id = asciiIds[c];
                if (id < 0) {
                    id = id(token.toCharArray(), 1);
                    asciiIds[c] = id;
                }
                append(id);
                return;
            }
            if (token.length() == 2 && !Character.isLowSurrogate(token.charAt(1))) {
                irregular = true; // a lone high surrogate took the character after it (see sentenceTokens)
            }
            append(id(token.toCharArray(), token.length()));
        }
    };

    /** An empty table. */
    public TokenIds() {
        Arrays.fill(asciiIds, -1);
    }

    /**
     * The ids of the tokens of the text's sentences, in order: the tokens of {@code Tokenizer.words(s)} for each
     * {@code s} of {@code Tokenizer.sentences(text)}, concatenated (without the sentence boundaries). Every sentence
     * boundary falls on white space, which ends any token, so the whole text is scanned at once; only where a lone
     * high surrogate took the character after it into its token (a boundary might have split that pair) is the text
     * scanned sentence by sentence instead.
     *
     * @return a new array of exactly the tokens' length
     */
    public int[] sentenceTokens(CharSequence text) {
        count = 0;
        irregular = false;
        Tokenizer.scan(text, sink);
        if (irregular) {
            count = 0;
            for (String sentence : Tokenizer.sentences(text)) {
                Tokenizer.scan(sentence, sink);
            }
        }
        return result();
    }

    /** The ids of {@code Tokenizer.words(text)}, in order (a new array of exactly the tokens' length). */
    public int[] words(CharSequence text) {
        count = 0;
        Tokenizer.scan(text, sink);
        return result();
    }

    /** The tokens collected; a buffer grown above {@value #KEPT_BUFFER} ids by a long text is not kept. */
    private int[] result() {
        int[] out = Arrays.copyOf(buffer, count);
        if (buffer.length > KEPT_BUFFER) {
            buffer = new int[1024];
        }
        return out;
    }

    /** The id of a token (interned when new). */
    public int id(String token) {
        return id(token.toCharArray(), token.length());
    }

    /** The token of an id. */
    public String token(int id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("token id " + id + " of " + size);
        }
        String s = strings[id];
        if (s == null) {
            s = new String(keys[id]);
            strings[id] = s;
        }
        return s;
    }

    /** Number of distinct tokens interned. */
    public int size() {
        return size;
    }

    private void append(int id) {
        if (count == buffer.length) {
            buffer = Arrays.copyOf(buffer, 2 * count);
        }
        buffer[count++] = id;
    }

    private int id(char[] chars, int len) {
        int h = hash(chars, len);
        long p = packed(chars, len);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return insert(Arrays.copyOf(chars, len), h, p, i);
            }
            int id = slot - 1;
            if (hashes[id] == h && (p != 0 ? packedKeys[id] == p : same(keys[id], chars, len))) {
                return id;
            }
        }
    }

    /**
     * A token of 1 to 3 characters as one long (16 bits each, first character lowest, the length in bits 48 and
     * up), else 0: non-zero and different for every character sequence and length, so comparing it replaces reading
     * the key's characters (the interning's profiled cache miss) for the most frequent, short tokens.
     */
    private static long packed(char[] chars, int len) {
        if (len == 0 || len > 3) {
            return 0;
        }
        long p = 0;
        for (int i = len - 1; i >= 0; i--) {
            p = (p << 16) | chars[i];
        }
        return p | ((long) len << 48);
    }

    /** Whether {@code key} is {@code chars[0, len)} (a plain loop: tokens are short, {@code Arrays.equals} costs more). */
    private static boolean same(char[] key, char[] chars, int len) {
        if (key.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (key[i] != chars[i]) {
                return false;
            }
        }
        return true;
    }

    private int insert(char[] key, int h, long packed, int slot) {
        int id = size;
        if (id == keys.length) {
            keys = Arrays.copyOf(keys, 2 * id);
            hashes = Arrays.copyOf(hashes, 2 * id);
            packedKeys = Arrays.copyOf(packedKeys, 2 * id);
            strings = Arrays.copyOf(strings, 2 * id);
        }
        keys[id] = key;
        hashes[id] = h;
        packedKeys[id] = packed;
        slots[slot] = id + 1;
        size = id + 1;
        if (2 * size > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int[] grown = new int[2 * slots.length];
        int mask = grown.length - 1;
        for (int id = 0; id < size; id++) {
            int i = hashes[id] & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = id + 1;
        }
        slots = grown;
    }

    private static int hash(char[] chars, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = 31 * h + chars[i];
        }
        h *= 0x9E3779B9; // Fibonacci hashing: spreads the high bits into the low ones the mask keeps
        return h ^ (h >>> 16);
    }
}

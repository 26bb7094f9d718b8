package dev.tailguard.core.collections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link NgramHash#textKey}: equal texts agree; texts one or two characters apart, or of other lengths, do not. */
class TextKeyTest {

    @Test
    void nearIdenticalTextsGetDistinctKeysInBothHalves() {
        Random r = new Random(1);
        char[] base = new char[64];
        for (int i = 0; i < base.length; i++) {
            base[i] = (char) ('a' + r.nextInt(26));
        }
        Set<String> texts = new HashSet<>();
        Set<Long> first = new HashSet<>();
        Set<Long> second = new HashSet<>();
        for (int p = 0; p < base.length; p++) {
            for (char c = 'a'; c <= 'z'; c++) {
                for (int q = p; q < base.length; q += 7) {
                    for (char d : new char[] {'A', 'B', '\u00e9', '\uffff'}) {
                        char[] t = base.clone();
                        t[p] = c;
                        t[q] = d;
                        add(new String(t), texts, first, second);
                    }
                }
            }
        }
        for (int len = 0; len < 200; len++) {
            add("x".repeat(len), texts, first, second);
            add("\u0000".repeat(len), texts, first, second);
        }
        assertThat(texts).hasSizeGreaterThan(20_000);
        assertThat(first).hasSameSizeAs(texts);
        assertThat(second).hasSameSizeAs(texts);
        assertThat(NgramHash.textKey(new String(base))).containsExactly(NgramHash.textKey(String.valueOf(base)));
    }

    private static void add(String text, Set<String> texts, Set<Long> first, Set<Long> second) {
        if (texts.add(text)) {
            long[] k = NgramHash.textKey(text);
            first.add(k[0]);
            second.add(k[1]);
        }
    }
}

package dev.tailguard.core.collections;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link CopyIndex}: a copy is found by both hashes of the exact characters; any change makes it a new text. */
class CopyIndexTest {

    @Test
    void anExactCopyIsFoundAndAVariantIsNot() {
        CopyIndex<String> copies = new CopyIndex<>(10);
        String text = "We the People of the United States, in Order to form a more perfect Union.";
        long[] h = NgramHash.textKey(text);
        assertThat(copies.get(h)).isNull();
        copies.put(h, "kept", 1);
        assertThat(copies.get(NgramHash.textKey(new String(text.toCharArray())))).isEqualTo("kept");
        for (String variant : new String[] {text.toLowerCase(java.util.Locale.ROOT), text + " ", text.replace(",", ""),
                text.substring(1), "\u0000" + text}) {
            long[] v = NgramHash.textKey(variant);
            assertThat(v).as(variant).isNotEqualTo(h);
            assertThat(copies.get(v)).as(variant).isNull();
        }
    }

    @Test
    void aFirstHashHeldByAnotherTextIsNotACopy() {
        CopyIndex<String> copies = new CopyIndex<>(10);
        long[] h = NgramHash.textKey("a");
        copies.put(h, "first", 1);
        long[] colliding = {h[0], h[1] + 1}; // same first hash, other second hash
        assertThat(copies.get(colliding)).isNull();
        copies.put(colliding, "second", 1); // does not replace the text that holds the first hash
        assertThat(copies.get(h)).isEqualTo("first");
        assertThat(copies.get(colliding)).isNull();
    }

    @Test
    void theIndexStopsGrowingAtItsBudget() {
        CopyIndex<Integer> copies = new CopyIndex<>(100);
        for (int i = 0; i < 60; i++) {
            copies.put(new long[] {i, i}, i, 2); // 50 entries fill the budget of 100
        }
        assertThat(copies.get(new long[] {49, 49})).isEqualTo(49);
        assertThat(copies.get(new long[] {50, 50})).isNull();
        CopyIndex<Integer> heavy = new CopyIndex<>(5);
        heavy.put(new long[] {1, 1}, 1, 6); // heavier than the whole budget: not kept
        heavy.put(new long[] {2, 2}, 2, 5);
        assertThat(heavy.get(new long[] {1, 1})).isNull();
        assertThat(heavy.get(new long[] {2, 2})).isEqualTo(2);
    }
}

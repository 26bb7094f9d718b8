package dev.tailguard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link RawCopies}: a copy is found by both hashes of the exact characters; any change makes it a new text. */
class RawCopiesTest {

    @Test
    void anExactCopyIsFoundAndAVariantIsNot() {
        RawCopies copies = new RawCopies();
        String text = "We the People of the United States, in Order to form a more perfect Union.";
        long[] h = RawCopies.hashes(text);
        assertThat(copies.copyOf(h)).isNull();
        assertThat(copies.known(h)).isFalse();
        copies.add(h, 42L, 73L, 15L);
        RawCopies.Text t = copies.copyOf(RawCopies.hashes(new String(text.toCharArray())));
        assertThat(t).isEqualTo(new RawCopies.Text(h[1], 42L, 73L, 15L));
        for (String variant : new String[] {text.toLowerCase(java.util.Locale.ROOT), text + " ", text.replace(",", ""),
                text.substring(1), "\u0000" + text}) {
            long[] v = RawCopies.hashes(variant);
            assertThat(v).as(variant).isNotEqualTo(h);
            assertThat(copies.copyOf(v)).as(variant).isNull();
        }
    }

    @Test
    void aFirstHashHeldByAnotherTextIsNotACopy() {
        RawCopies copies = new RawCopies();
        long[] h = RawCopies.hashes("a");
        copies.add(h, 1L, 1L, 1L);
        long[] colliding = {h[0], h[1] + 1}; // same first hash, other second hash
        assertThat(copies.known(colliding)).isTrue();
        assertThat(copies.copyOf(colliding)).isNull();
        copies.add(colliding, 2L, 2L, 2L); // does not replace the text that holds the first hash
        assertThat(copies.copyOf(h).dedupKey()).isEqualTo(1L);
    }

    @Test
    void theIndexStopsGrowingAtItsBound() {
        RawCopies copies = new RawCopies();
        for (int i = 0; i < RawCopies.MAX_TEXTS + 10; i++) {
            copies.add(new long[] {i, i}, i, i, i);
        }
        assertThat(copies.copyOf(new long[] {RawCopies.MAX_TEXTS - 1, RawCopies.MAX_TEXTS - 1})).isNotNull();
        assertThat(copies.copyOf(new long[] {RawCopies.MAX_TEXTS + 5, RawCopies.MAX_TEXTS + 5})).isNull();
    }
}

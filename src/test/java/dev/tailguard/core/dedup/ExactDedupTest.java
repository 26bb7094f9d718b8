package dev.tailguard.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExactDedupTest {

    @Test
    void normalisation() {
        assertThat(ExactDedup.normalize("  Hello,\t World!  ")).isEqualTo("hello world");
        assertThat(ExactDedup.normalize("\uFB01ne \u201Cquote\u201D")).isEqualTo("fine quote");
        // sha256("hello world") = b94d27b9...
        assertThat(ExactDedup.key("Hello, World!"))
                .isEqualTo("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
    }

    @Test
    void seenSetAndMerge() {
        ExactDedup d = new ExactDedup();
        assertThat(d.add("The whale.")).isTrue();
        assertThat(d.add("the   WHALE")).isFalse();
        assertThat(d.add("the ship")).isTrue();
        assertThat(d.size()).isEqualTo(2);
        ExactDedup other = new ExactDedup();
        other.add("THE SHIP!");
        other.add("a boat");
        d.merge(other);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.contains("A boat.")).isTrue();
    }
}

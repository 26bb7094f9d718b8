package dev.tailguard.core.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BinomialBoundsTest {

    @Test
    void matchesPublishedClopperPearsonValues() {
        // Clopper-Pearson 95% for 1/17 and 0/20 and 20/20 (R binom.test)
        Interval a = BinomialBounds.clopperPearson(1, 17, 0.95);
        assertThat(a.lo()).isCloseTo(0.001488, within(1e-5));
        assertThat(a.hi()).isCloseTo(0.286891, within(1e-5));
        Interval z = BinomialBounds.clopperPearson(0, 20, 0.95);
        assertThat(z.lo()).isZero();
        assertThat(z.hi()).isCloseTo(0.168433, within(1e-5));
        Interval f = BinomialBounds.clopperPearson(20, 20, 0.95);
        assertThat(f.hi()).isEqualTo(1.0);
        assertThat(f.lo()).isCloseTo(0.831567, within(1e-5));
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> BinomialBounds.clopperPearson(3, 2, 0.95)).hasMessageContaining("k=3 n=2");
        assertThatThrownBy(() -> BinomialBounds.clopperPearson(0, 0, 0.95)).hasMessageContaining("n >= 1");
    }
}

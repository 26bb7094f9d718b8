package dev.tailguard.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void meanMinMaxAndSlope() {
        double[] v = {3, -1, 4, 1.5};
        assertThat(Stats.mean(v)).isEqualTo(1.875);
        assertThat(Stats.min(v)).isEqualTo(-1);
        assertThat(Stats.max(v)).isEqualTo(4);
        assertThat(Stats.slope(new double[] {1, 3, 5, 7})).isEqualTo(2.0);
        assertThat(Stats.slope(new double[] {5})).isZero();
    }

    @Test
    void emptyAndNaNGiveNaN() {
        assertThat(Stats.mean(new double[0])).isNaN();
        assertThat(Stats.min(new double[0])).isNaN();
        assertThat(Stats.max(new double[0])).isNaN();
        assertThat(Stats.min(new double[] {1, Double.NaN, -5})).isNaN();
        assertThat(Stats.max(new double[] {1, Double.NaN, 9})).isNaN();
    }
}

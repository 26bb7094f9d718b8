package dev.tailguard.core.stats;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HomogeneityTest {

    @Test
    void identicalSharesGiveTvZeroAndPOne() {
        Homogeneity.Result r = Homogeneity.test(Map.of("a", 50L, "b", 50L), Map.of("a", 10L, "b", 10L), 199, 1);
        assertThat(r.tv()).isZero();
        assertThat(r.pValue()).isEqualTo(1.0);
        assertThat(r.nA()).isEqualTo(100);
        assertThat(r.nB()).isEqualTo(20);
        assertThat(r.nullTvMedian()).isPositive();
    }

    @Test
    void aDisjointSampleIsSignificantAndDeterministic() {
        Map<String, Long> real = Map.of("a", 100L, "b", 100L);
        Map<String, Long> syn = Map.of("c", 30L);
        Homogeneity.Result r = Homogeneity.test(real, syn, 999, 7);
        assertThat(r.tv()).isEqualTo(1.0);
        assertThat(r.pValue()).isEqualTo(1.0 / 1000);
        assertThat(Homogeneity.test(real, syn, 999, 7)).isEqualTo(r);
    }

    @Test
    void emptySideIsNotEvidence() {
        assertThat(Homogeneity.test(Map.of("a", 3L), Map.of(), 99, 1).pValue()).isEqualTo(1.0);
    }
}

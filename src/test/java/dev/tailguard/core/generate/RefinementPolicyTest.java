package dev.tailguard.core.generate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RefinementPolicyTest {

    private static final Map<String, Double> MEDIUM = Map.of("wrap-medium", 1.0);
    private static final Map<String, Double> MIXED = Map.of("wrap-easy", 1.0, "wrap-hard", 1.0);
    private final RefinementPolicy policy = new RefinementPolicy(0.4, 0.05, 2, 0.25, 1.2, 20, 100,
            List.of(MEDIUM, MIXED));

    @Test
    void passingBatchIsKept() {
        RefinementPolicy.Params p = new RefinementPolicy.Params(0.7, 40, MEDIUM);
        RefinementPolicy.Decision d = policy.decide(new RefinementPolicy.Diversity(0.4, 0.05), p, 0);
        assertThat(d.regenerate()).isFalse();
        assertThat(d.reason()).isEqualTo("passed");
        assertThat(d.next()).isEqualTo(p);
    }

    @Test
    void failingBatchIsRegeneratedHotterWithAnotherMix() {
        RefinementPolicy.Params p = new RefinementPolicy.Params(0.7, 40, MEDIUM);
        RefinementPolicy.Decision d = policy.decide(new RefinementPolicy.Diversity(0.39, 0.06), p, 0);
        assertThat(d.regenerate()).isTrue();
        assertThat(d.failures()).containsExactly("distinct2_below_floor", "near_duplicate_above_ceiling");
        assertThat(d.reason()).isEqualTo("distinct2_below_floor+near_duplicate_above_ceiling");
        assertThat(d.round()).isEqualTo(1);
        assertThat(d.next().temperature()).isEqualTo(0.95);
        assertThat(d.next().topK()).isEqualTo(60);
        assertThat(d.next().styleMix()).isEqualTo(MIXED);

        RefinementPolicy.Decision d2 = policy.decide(new RefinementPolicy.Diversity(0.3, 0.0), d.next(), 1);
        assertThat(d2.regenerate()).isTrue();
        assertThat(d2.round()).isEqualTo(2);
        assertThat(d2.next().temperature()).isEqualTo(1.2);
        assertThat(d2.next().topK()).isEqualTo(80);
        assertThat(d2.next().styleMix()).isEqualTo(MEDIUM);
        assertThat(d2.failures()).containsExactly("distinct2_below_floor");
    }

    @Test
    void stopsAfterMaxRoundsOrWhenNothingCanChange() {
        RefinementPolicy.Params p = new RefinementPolicy.Params(0.7, 40, MEDIUM);
        RefinementPolicy.Decision d = policy.decide(new RefinementPolicy.Diversity(0.1, 0.5), p, 2);
        assertThat(d.regenerate()).isFalse();
        assertThat(d.reason()).isEqualTo("max_rounds_reached");
        assertThat(d.next()).isEqualTo(p);

        RefinementPolicy fixed = new RefinementPolicy(0.4, 0.05, 5, 0.25, 1.0, 10, 50, List.of());
        RefinementPolicy.Params capped = new RefinementPolicy.Params(1.0, 50, MEDIUM);
        assertThat(fixed.decide(new RefinementPolicy.Diversity(0.1, 0.0), capped, 0).reason())
                .isEqualTo("no_adjustment_left");
        RefinementPolicy.Params noTopK = new RefinementPolicy.Params(0.5, 0, MEDIUM);
        RefinementPolicy.Decision up = fixed.decide(new RefinementPolicy.Diversity(0.1, 0.0), noTopK, 0);
        assertThat(up.next().topK()).isZero();
        assertThat(up.next().temperature()).isEqualTo(0.75);
    }
}

package dev.tailguard.core.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BlendPlanTest {

    private static RunConfig cfg(String strategy, double ratio, double floor) {
        return new RunConfig(1, ratio, "ngram", 3, 1.0, 0, strategy, floor, 1000, 1 << 20, "none", 100, List.of());
    }

    private static List<Double> ppl(double... v) {
        return Arrays.stream(v).boxed().toList();
    }

    @Test
    void accumulateAddsUpToRatioOverOneMinusRatioOfReal() {
        BlendPlan p = BlendPlan.plan(cfg("accumulate", 0.3, 0.7), 70, ppl(new double[40]));
        assertThat(p.realBlended()).isEqualTo(70);
        assertThat(p.syntheticBlended()).isEqualTo(30);
        assertThat(p.realUnused()).isZero();
        assertThat(Arrays.stream(p.decisions()).filter(d -> d == BlendPlan.OVER_CAP).count()).isEqualTo(10);
        assertThat(p.syntheticRatio()).isEqualTo(0.3);
    }

    @Test
    void replaceSubstitutesRealDocuments() {
        BlendPlan p = BlendPlan.plan(cfg("replace", 0.3, 0.7), 10, ppl(1, 2, 3, 4, 5));
        assertThat(p.syntheticBlended()).isEqualTo(3);
        assertThat(p.realBlended()).isEqualTo(7);
        assertThat(p.realUnused()).isEqualTo(3);
        assertThat(p.decisions()).containsExactly(0, 0, 0, BlendPlan.OVER_CAP, BlendPlan.OVER_CAP);
    }

    @Test
    void verifiedAccumulateKeepsOnlyCandidatesAtOrBelowTheMedianPerplexity() {
        BlendPlan p = BlendPlan.plan(cfg("verified-accumulate", 0.3, 0.7), 100, ppl(50, 10, 40, 20, 30));
        assertThat(p.verifyThreshold()).isEqualTo(30);
        assertThat(p.decisions()).containsExactly(BlendPlan.UNVERIFIED, 0, BlendPlan.UNVERIFIED, 0, 0);
        assertThat(p.syntheticBlended()).isEqualTo(3);
    }

    @Test
    void ratioAboveTheFloorIsCappedByMinRealFraction() {
        BlendPlan p = BlendPlan.plan(cfg("accumulate", 0.9, 0.7), 7, ppl(new double[100]));
        assertThat(p.syntheticBlended()).isEqualTo(3);
        assertThat((double) p.realBlended() / (p.realBlended() + p.syntheticBlended())).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void theRealFloorHoldsForEveryInput() {
        Random rnd = new Random(7);
        for (int i = 0; i < 5000; i++) {
            String strategy = RunConfig.STRATEGIES.get(rnd.nextInt(3));
            double ratio = rnd.nextDouble() * 0.99;
            double floor = 0.01 + rnd.nextDouble() * 0.99;
            long real = 1 + rnd.nextInt(300);
            int n = rnd.nextInt(400);
            List<Double> c = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                c.add(rnd.nextDouble() * 100);
            }
            BlendPlan p = BlendPlan.plan(cfg(strategy, ratio, floor), real, c);
            long blended = p.realBlended() + p.syntheticBlended();
            assertThat((double) p.realBlended() / blended).as("%s r=%s f=%s real=%s n=%s", strategy, ratio, floor, real, n)
                    .isGreaterThanOrEqualTo(floor);
            assertThat(p.realBlended() + p.realUnused()).isEqualTo(real);
            assertThat(Arrays.stream(p.decisions()).filter(d -> d == BlendPlan.BLEND).count()).isEqualTo(p.syntheticBlended());
            assertThat(p.syntheticBlended()).isLessThanOrEqualTo(n);
        }
    }
}

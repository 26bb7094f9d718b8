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
    void verifiedAccumulateKeepsTheSameShareFromEveryPerplexityStratum() {
        // 10 candidates, room for 5 (R = 12, r = 0.3 -> budget 5): one from each pair of perplexity ranks, not the lowest 5
        List<Double> c = ppl(91, 12, 55, 33, 70, 28, 47, 64, 83, 19);
        BlendPlan p = BlendPlan.plan(cfg("verified-accumulate", 0.3, 0.7), 12, c);
        assertThat(p.syntheticBlended()).isEqualTo(5);
        List<Double> kept = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            if (p.decisions()[i] == BlendPlan.BLEND) {
                kept.add(c.get(i));
            } else {
                assertThat(p.decisions()[i]).isEqualTo(BlendPlan.UNVERIFIED);
            }
        }
        // sorted: 12 19 | 28 33 | 47 55 | 64 70 | 83 91 -> the upper of each pair (rank floor((k + 0.5) * 2))
        assertThat(kept).containsExactlyInAnyOrder(19.0, 33.0, 55.0, 70.0, 91.0);
        assertThat(kept.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isEqualTo(91.0);
    }

    @Test
    void syntheticOriginInputCountsAsSynthetic() {
        // generation 2 of accumulate at 0.3 / floor 0.7: 70 real-origin + 30 synthetic-origin input already at the cap
        BlendPlan p = BlendPlan.plan(cfg("accumulate", 0.3, 0.7), 70, 30, ppl(new double[40]));
        assertThat(p.syntheticBlended()).isZero();
        assertThat(p.syntheticRatio()).isEqualTo(0.3);
        // with the floor lowered to 0.5 it adds one generation's budget (30, from the 70 real-origin documents), not 43
        BlendPlan q = BlendPlan.plan(cfg("accumulate", 0.3, 0.5), 70, 30, ppl(new double[40]));
        assertThat(q.budget()).isEqualTo(30);
        assertThat(q.syntheticBlended()).isEqualTo(30);
        assertThat(q.realBlended()).isEqualTo(70);
        assertThat(q.syntheticRatio()).isEqualTo(0.461538);
    }

    @Test
    void anInputThatBreaksTheFloorIsRepairedByDroppingSyntheticOriginDocuments() {
        BlendPlan p = BlendPlan.plan(cfg("accumulate", 0.3, 0.7), 50, 50, ppl(1, 2));
        assertThat(p.syntheticInputBlended()).isEqualTo(21);
        assertThat(p.syntheticInputUnused()).isEqualTo(29);
        assertThat(p.syntheticBlended()).isZero();
        assertThat(p.realBlended()).isEqualTo(50);
        assertThat((double) p.realBlended() / (p.realBlended() + p.syntheticInputBlended())).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void replaceTurnsOverSyntheticOriginInputFirst() {
        BlendPlan p = BlendPlan.plan(cfg("replace", 0.9, 0.1), 10, 90, ppl(new double[200]));
        assertThat(p.syntheticBlended()).isEqualTo(90);
        assertThat(p.syntheticInputUnused()).isEqualTo(90);
        assertThat(p.realBlended()).isEqualTo(10);
    }

    @Test
    void multiGenerationChainsNeverBreakTheFloorByOriginNorGrowGeometrically() {
        Random rnd = new Random(11);
        for (int chain = 0; chain < 2000; chain++) {
            long realOrigin = 1 + rnd.nextInt(200);
            long synOrigin = 0;
            for (int g = 1; g <= 1 + rnd.nextInt(8); g++) {
                String strategy = RunConfig.STRATEGIES.get(rnd.nextInt(3));
                double ratio = rnd.nextDouble() * 0.99;
                double floor = 0.01 + rnd.nextDouble() * 0.99;
                int n = rnd.nextInt(500);
                List<Double> c = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    c.add(rnd.nextDouble() * 100);
                }
                BlendPlan p = BlendPlan.plan(cfg(strategy, ratio, floor), realOrigin, synOrigin, c);
                long blended = p.realBlended() + p.syntheticInputBlended() + p.syntheticBlended();
                String at = String.format("chain %d gen %d %s r=%s f=%s R=%d S0=%d n=%d", chain, g, strategy, ratio, floor,
                        realOrigin, synOrigin, n);
                assertThat((double) p.realBlended() / blended).as(at).isGreaterThanOrEqualTo(floor);
                assertThat(p.realBlended() + p.realUnused()).as(at).isEqualTo(realOrigin);
                assertThat(p.syntheticInputBlended() + p.syntheticInputUnused()).as(at).isEqualTo(synOrigin);
                assertThat(p.syntheticBlended()).as(at).isLessThanOrEqualTo(p.budget());
                assertThat(Arrays.stream(p.decisions()).filter(d -> d == BlendPlan.BLEND).count()).isEqualTo(p.syntheticBlended());
                assertThat(p.syntheticRatio()).as(at).isCloseTo(
                        (double) (p.syntheticInputBlended() + p.syntheticBlended()) / blended, org.assertj.core.data.Offset.offset(1e-6));
                if (!"replace".equals(strategy)) {
                    assertThat(p.realBlended()).as(at + ": accumulate keeps all real-origin data").isEqualTo(realOrigin);
                    assertThat(blended).as(at + ": bounded by R/f").isLessThanOrEqualTo((long) Math.floor(realOrigin / floor + 1e-9));
                }
                // the blend is the next generation's input, its documents keep their origin
                realOrigin = p.realBlended();
                synOrigin = p.syntheticInputBlended() + p.syntheticBlended();
            }
        }
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

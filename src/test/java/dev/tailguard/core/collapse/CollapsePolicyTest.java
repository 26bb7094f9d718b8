package dev.tailguard.core.collapse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CollapsePolicyTest {

    private final CollapsePolicy policy = new CollapsePolicy(CollapseThresholds.defaults());

    @Test
    void aPointEstimateBeyondTheThresholdDoesNotFireWhileItsIntervalStraddlesIt() {
        // perplexity 1.30x the baseline, but the interval reaches down to 1.05x: no reason
        Signal wide = signal(SignalKind.ANCHOR_PERPLEXITY, 130, 105, 160, 100, true);
        assertThat(policy.decide(measurement(wide)).level()).isEqualTo(RiskLevel.LOW);
        Signal narrow = signal(SignalKind.ANCHOR_PERPLEXITY, 130, 126, 134, 100, true);
        CollapseVerdict v = policy.decide(measurement(narrow));
        assertThat(v.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(v.reasons()).singleElement().satisfies(r -> {
            assertThat(r.signal()).isEqualTo(SignalKind.ANCHOR_PERPLEXITY);
            assertThat(r.threshold()).isEqualTo(125.0);
            assertThat(r.baseline()).isEqualTo(100.0);
        });
    }

    @Test
    void bothSidesRaiseTheLevel() {
        Signal lostTail = signal(SignalKind.TAIL_RECALL, 0.50, 0.48, 0.52, 0.70, true);
        assertThat(policy.decide(measurement(lostTail)).level()).isEqualTo(RiskLevel.HIGH);
        Signal junk = signal(SignalKind.C2ST_AUC, 0.80, 0.76, 0.84, 0.50, true);
        assertThat(policy.decide(measurement(junk)).level()).isEqualTo(RiskLevel.MEDIUM);
        Signal lowPrecision = signal(SignalKind.EMBEDDING_PRECISION, 0.40, 0.33, 0.47, 0.80, true);
        assertThat(policy.decide(measurement(lowPrecision)).level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void aSignalThatIsNotSizeMatchedIsNeverAReason() {
        Signal notComparable = signal(SignalKind.ANCHOR_PERPLEXITY, 300, 290, 310, 100, false);
        assertThat(policy.decide(measurement(notComparable)).level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void aucMustAlsoExceedTheBaselineByTheMargin() {
        Signal closeToBaseline = signal(SignalKind.C2ST_AUC, 0.80, 0.76, 0.84, 0.72, true);
        assertThat(policy.decide(measurement(closeToBaseline)).level()).isEqualTo(RiskLevel.LOW);
    }

    private static Signal signal(SignalKind k, double v, double lo, double hi, double base, boolean comparable) {
        return new Signal(k, v, new Interval(lo, hi), base, 1000, 100, "test units", comparable, "test");
    }

    private static CollapseMeasurement measurement(Signal s) {
        return new CollapseMeasurement(List.of(s), List.of(), 10, 1000, 3, 0.0);
    }
}

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
        Signal lowPrecision = signal(SignalKind.EMBEDDING_PRECISION, 0.30, 0.25, 0.36, 0.80, true);
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

    @Test
    void noReasonOnAnUnderpoweredSampleIsUnmeasurableNotLow() {
        Signal ppl = signal(SignalKind.ANCHOR_PERPLEXITY, 105, 95, 115, 100, true);
        Signal few = new Signal(SignalKind.C2ST_AUC, 0.72, new Interval(0.53, 0.90), 0.5,
                CollapsePolicy.MIN_WINDOWS - 1, CollapsePolicy.MIN_WINDOWS - 1, "windows per side", true, "test");
        CollapseVerdict v = policy.decide(new CollapseMeasurement(List.of(ppl, few), List.of(), 10, 1000, 3, 0.0));
        assertThat(v.level()).isEqualTo(RiskLevel.UNMEASURABLE);
        assertThat(v.reasons()).isEmpty();
        assertThat(v.note()).contains("only 63 windows per side", "minimum 64",
                "c2st_auc 0.720 [0.530, 0.900]", "anchor_perplexity 105.000 [95.000, 115.000]");
        CollapseVerdict noC2st = policy.decide(new CollapseMeasurement(List.of(ppl), List.of("c2st_auc: too few"),
                10, 1000, 3, 0.0));
        assertThat(noC2st.level()).isEqualTo(RiskLevel.UNMEASURABLE);
        assertThat(noC2st.note()).contains("had no windows");
        Signal enough = new Signal(SignalKind.C2ST_AUC, 0.72, new Interval(0.66, 0.78), 0.5,
                CollapsePolicy.MIN_WINDOWS, CollapsePolicy.MIN_WINDOWS, "windows per side", true, "test");
        assertThat(policy.decide(new CollapseMeasurement(List.of(ppl, enough), List.of(), 10, 1000, 3, 0.0))
                .level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void aReasonOnASmallSampleStillStands() {
        Signal clear = new Signal(SignalKind.C2ST_AUC, 0.97, new Interval(0.90, 1.0), 0.5, 20, 20,
                "windows per side", true, "test");
        CollapseVerdict v = policy.decide(new CollapseMeasurement(List.of(clear), List.of(), 10, 1000, 3, 0.0));
        assertThat(v.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(v.note()).isNull();
    }

    /** The signal beside a neutral, adequately powered classifier test (so no verdict is unmeasurable). */
    private static CollapseMeasurement measurement(Signal s) {
        List<Signal> all = s.signal() == SignalKind.C2ST_AUC ? List.of(s)
                : List.of(s, signal(SignalKind.C2ST_AUC, 0.5, 0.45, 0.55, 0.5, true));
        return new CollapseMeasurement(all, List.of(), 10, 1000, 3, 0.0);
    }
}

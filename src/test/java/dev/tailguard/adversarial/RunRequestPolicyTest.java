package dev.tailguard.adversarial;

import dev.tailguard.core.gate.GateSpec;
import dev.tailguard.core.pipeline.FailureReasons;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunProfile;
import dev.tailguard.core.pipeline.RunRequestPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision on an untrusted run.requested (issue 13 item 1) and the path redaction of failure reasons. */
class RunRequestPolicyTest {

    private static final RunConfig DEPLOYMENT = new RunConfig(42, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 1000,
            8L << 20, "none", 5000, List.of(new GateSpec("blend", "real-fraction", 0.7, null, "stop")));
    private static final RunRequestPolicy POLICY = new RunRequestPolicy(DEPLOYMENT,
            Map.of("strict", new RunProfile(7L, null, null, true)));

    @Test
    void noProfileAndNoConfigGetsTheDeploymentConfiguration() {
        assertThat(POLICY.decide(null, null)).isEqualTo(new RunRequestPolicy.Accepted(null, DEPLOYMENT));
        assertThat(POLICY.decide(null, DEPLOYMENT)).as("the same config is harmless")
                .isEqualTo(new RunRequestPolicy.Accepted(null, DEPLOYMENT));
    }

    @Test
    void aConfigLoweringAnyBoundIsRefusedNamingTheFields() {
        RunConfig forged = new RunConfig(42, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 1, 4_000_000_000L, "none", 5000,
                List.of(), false);
        RunRequestPolicy.Decision d = POLICY.decide(null, forged);
        assertThat(d).isInstanceOf(RunRequestPolicy.Refused.class);
        RunRequestPolicy.Refused r = (RunRequestPolicy.Refused) d;
        assertThat(r.reason()).isEqualTo(RunRequestPolicy.Reason.CONFIG_NOT_ALLOWED);
        assertThat(r.message()).contains("shardSize", "maxLineBytes", "gates", "reviewRequired").doesNotContain("seed,");
    }

    @Test
    void outcomeSettingsMayDifferButTheBoundsStayTheDeployments() {
        RunConfig crd = new RunConfig(11, 0.2, "ngram", 2, 1.0, 0, "replace", 0.8, 1000, 8L << 20, "none", 300,
                DEPLOYMENT.gates(), true);
        RunRequestPolicy.Accepted a = (RunRequestPolicy.Accepted) POLICY.decide(null, crd);
        assertThat(a.config()).isEqualTo(crd);
        RunConfig lowerFloor = new RunConfig(11, 0.2, "ngram", 2, 1.0, 0, "replace", 0.5, 1000, 8L << 20, "none", 300,
                DEPLOYMENT.gates());
        assertThat(POLICY.decide(null, lowerFloor)).isInstanceOf(RunRequestPolicy.Refused.class)
                .extracting(x -> ((RunRequestPolicy.Refused) x).message()).asString().contains("minRealFraction");
        RunConfig moreTokens = new RunConfig(11, 0.2, "ngram", 2, 1.0, 0, "replace", 0.7, 1000, 8L << 20, "none", 9000,
                DEPLOYMENT.gates());
        assertThat(POLICY.decide(null, moreTokens)).isInstanceOf(RunRequestPolicy.Refused.class);
    }

    @Test
    void aProfileRaisesStrictnessButKeepsTheDeploymentBounds() {
        RunRequestPolicy.Accepted a = (RunRequestPolicy.Accepted) POLICY.decide("strict", null);
        assertThat(a.config().reviewRequired()).isTrue();
        assertThat(a.config().seed()).isEqualTo(7L);
        assertThat(a.config().gates()).isEqualTo(DEPLOYMENT.gates());
        assertThat(a.config().shardSize()).isEqualTo(DEPLOYMENT.shardSize());
        assertThat(POLICY.decide("lenient", null)).isInstanceOf(RunRequestPolicy.Refused.class)
                .extracting(x -> ((RunRequestPolicy.Refused) x).reason()).isEqualTo(RunRequestPolicy.Reason.UNKNOWN_PROFILE);
        assertThatThrownBy(() -> new RunProfile(null, null, null, false)).hasMessageContaining("never waive");
    }

    @Test
    void absoluteServerPathsAreCutToTheirLastSegment() {
        assertThat(FailureReasons.redact("cannot read input /srv/tailguard/store/runs/r1/input/a.jsonl: denied"))
                .isEqualTo("cannot read input …/a.jsonl: denied");
        assertThat(FailureReasons.redact("input incoming/x.jsonl and store:runs/r/a.jsonl stay"))
                .isEqualTo("input incoming/x.jsonl and store:runs/r/a.jsonl stay");
        assertThat(FailureReasons.redact("not found (\"/home/u/data/c.jsonl\")")).isEqualTo("not found (\"…/c.jsonl\")");
    }
}

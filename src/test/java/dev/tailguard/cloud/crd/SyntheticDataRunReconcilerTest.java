package dev.tailguard.cloud.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

class SyntheticDataRunReconcilerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T16:00:00Z"), ZoneOffset.UTC);

    private static SyntheticDataRun run(long generation, SyntheticDataRunStatus status) {
        SyntheticDataRun r = new SyntheticDataRun();
        r.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("Run_One").withGeneration(generation).build());
        r.setSpec(new SyntheticDataRunSpec(List.of("incoming/a.jsonl"), null, null, null, null));
        r.setStatus(status);
        return r;
    }

    private static final RunLauncher NEVER = new RunLauncher() {
        @Override
        public void launch(String runId, SyntheticDataRunSpec spec) {
            throw new AssertionError("next() must not launch");
        }

        @Override
        public Optional<RunProgress> progress(String runId) {
            return Optional.empty();
        }
    };

    @Test
    void runIdsAreDeterministicAndDnsSafe() {
        assertThat(RunLauncher.runId("ns", "Run_One", 3)).isEqualTo("ns-run-one-g3");
    }

    @Test
    void claimComesBeforeLaunchAndCrashAfterClaimRelaunchesTheSameRunId() throws Exception {
        SyntheticDataRunReconciler r = new SyntheticDataRunReconciler(NEVER, clock);
        SyntheticDataRunReconciler.Step first = r.next(run(2, null));
        assertThat(first).isInstanceOf(SyntheticDataRunReconciler.Claim.class);
        SyntheticDataRunStatus claimed = ((SyntheticDataRunReconciler.Claim) first).status();
        assertThat(claimed.phase()).isEqualTo("Pending");
        assertThat(claimed.observedGeneration()).isEqualTo(2L);
        assertThat(claimed.runId()).isEqualTo("ns-run-one-g2");
        assertThat(claimed.conditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Started");
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-24T16:00:00Z");
        });
        // claimed but not recorded as started (e.g. controller restarted): launch again with the same id
        assertThat(r.next(run(2, claimed))).isEqualTo(
                new SyntheticDataRunReconciler.Launch("ns-run-one-g2", run(2, claimed).getSpec(), 2));
    }

    @Test
    void startedGenerationIsNeverLaunchedAgainAndFinishedRunsAreLeftAlone() throws Exception {
        SyntheticDataRunReconciler r = new SyntheticDataRunReconciler(new RunLauncher() {
            @Override
            public void launch(String runId, SyntheticDataRunSpec spec) {
            }

            @Override
            public Optional<RunProgress> progress(String runId) {
                return Optional.empty();
            }
        }, clock);
        SyntheticDataRunStatus claimed = ((SyntheticDataRunReconciler.Claim) r.next(run(1, null))).status();
        SyntheticDataRunStatus running = r.launch(new SyntheticDataRunReconciler.Launch("ns-run-one-g1",
                run(1, claimed).getSpec(), 1), claimed);
        assertThat(running.phase()).isEqualTo("Running");
        assertThat(r.next(run(1, running))).isInstanceOf(SyntheticDataRunReconciler.Nothing.class);
        SyntheticDataRunStatus done = new SyntheticDataRunStatus("Succeeded", running.runId(), 1L, null, 0.3, "low",
                "s3://b/runs/x/report/report.html", null, running.conditions());
        assertThat(r.next(run(1, done))).isInstanceOf(SyntheticDataRunReconciler.Nothing.class);
        // a new generation is claimed even after success, and the old Ready condition is dropped
        SyntheticDataRunReconciler.Step next = r.next(run(2, done));
        assertThat(next).isInstanceOf(SyntheticDataRunReconciler.Claim.class);
        assertThat(((SyntheticDataRunReconciler.Claim) next).status().conditions())
                .extracting(c -> c.getType()).containsExactly("Started");
    }

    @Test
    void runningStatusCarriesTheStageProgressOfTheLauncher() throws Exception {
        List<SyntheticDataRunStatus.StageProgress> stages = List.of(
                new SyntheticDataRunStatus.StageProgress("generate", "done", 3, 3, 300L, 300L),
                new SyntheticDataRunStatus.StageProgress("score", "running", 1, 4, 90L, 400L));
        SyntheticDataRunReconciler r = new SyntheticDataRunReconciler(new RunLauncher() {
            @Override
            public void launch(String runId, SyntheticDataRunSpec spec) {
            }

            @Override
            public Optional<RunProgress> progress(String runId) {
                return Optional.of(new RunProgress("Running", null, null, null, null, "generated, scoring pending", stages));
            }
        }, clock);
        SyntheticDataRunStatus claimed = ((SyntheticDataRunReconciler.Claim) r.next(run(1, null))).status();
        SyntheticDataRunStatus running = r.launch(new SyntheticDataRunReconciler.Launch("ns-run-one-g1",
                run(1, claimed).getSpec(), 1), claimed);
        SyntheticDataRunReconciler.Step step = r.next(run(1, running));
        assertThat(step).isInstanceOf(SyntheticDataRunReconciler.Update.class);
        SyntheticDataRunStatus updated = ((SyntheticDataRunReconciler.Update) step).status();
        assertThat(updated.progress()).isEqualTo(stages);
        assertThat(updated.message()).isEqualTo("generated, scoring pending");
        // unchanged progress writes nothing
        assertThat(r.next(run(1, updated))).isInstanceOf(SyntheticDataRunReconciler.Nothing.class);
    }
}

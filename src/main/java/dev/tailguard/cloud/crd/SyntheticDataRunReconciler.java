package dev.tailguard.cloud.crd;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * Decides the next status of a {@link SyntheticDataRun} (no Kubernetes I/O; the controller writes what this
 * returns). A new spec generation is first <em>claimed</em> (status {@code Pending} with
 * {@code observedGeneration} = the generation, written with optimistic locking), then launched, then marked
 * {@code Running}; a generation whose claim is recorded is never launched again unless its launch is known not to
 * have happened ({@code Started} condition not {@code True}).
 */
public final class SyntheticDataRunReconciler {

    /** Condition: the run for {@code observedGeneration} was requested from the pipeline. */
    public static final String STARTED = "Started";
    /** Condition: the run finished successfully and its report exists. */
    public static final String READY = "Ready";

    private final RunLauncher launcher;
    private final Clock clock;

    public SyntheticDataRunReconciler(RunLauncher launcher, Clock clock) {
        this.launcher = Objects.requireNonNull(launcher);
        this.clock = Objects.requireNonNull(clock);
    }

    /** What to do next. */
    public sealed interface Step permits Claim, Launch, Update, Nothing {
    }

    /** Record the claim of a new generation (must succeed before {@link Launch}). */
    public record Claim(SyntheticDataRunStatus status) implements Step {
    }

    /** Launch the claimed run, then write {@code status}. */
    public record Launch(String runId, SyntheticDataRunSpec spec, long generation) implements Step {
    }

    /** Write a refreshed status. */
    public record Update(SyntheticDataRunStatus status) implements Step {
    }

    /** Up to date. */
    public record Nothing() implements Step {
    }

    /** The next step for the resource as currently stored. */
    public Step next(SyntheticDataRun run) throws Exception {
        long generation = Optional.ofNullable(run.getMetadata().getGeneration()).orElse(1L);
        SyntheticDataRunStatus status = run.getStatus();
        String runId = RunLauncher.runId(run.getMetadata().getNamespace(), run.getMetadata().getName(), generation);
        if (status == null || status.observedGeneration() == null || status.observedGeneration() != generation) {
            return new Claim(new SyntheticDataRunStatus(SyntheticDataRunStatus.PENDING, runId, generation,
                    null, null, null, null, "claimed generation " + generation,
                    conditions(status, condition(STARTED, "Unknown", "Claimed",
                            "run " + runId + " is about to be requested", generation))));
        }
        if (!isTrue(status, STARTED) && !SyntheticDataRunStatus.FAILED.equals(status.phase())) {
            return new Launch(status.runId(), run.getSpec(), generation);
        }
        if (SyntheticDataRunStatus.SUCCEEDED.equals(status.phase()) || SyntheticDataRunStatus.FAILED.equals(status.phase())) {
            return new Nothing();
        }
        Optional<RunLauncher.RunProgress> progress = launcher.progress(status.runId());
        if (progress.isEmpty()) {
            return new Nothing();
        }
        SyntheticDataRunStatus next = withProgress(status, progress.get(), generation);
        return next.equals(status) ? new Nothing() : new Update(next);
    }

    /** Performs a {@link Launch}: calls the launcher and returns the status to write. */
    public SyntheticDataRunStatus launch(Launch step, SyntheticDataRunStatus claimed) {
        try {
            launcher.launch(step.runId(), step.spec());
            return launched(step, claimed);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new SyntheticDataRunStatus(SyntheticDataRunStatus.PENDING, step.runId(), step.generation(),
                    claimed.counts(), null, null, null, "launch failed, will retry: " + reason,
                    conditions(claimed, condition(STARTED, "False", "LaunchFailed", reason, step.generation())));
        }
    }

    /**
     * The status of a {@link Launch} that this process already performed but could not record (its status write
     * failed, e.g. on a 409): {@code Running} with {@code Started=True}, without calling the launcher again.
     */
    public SyntheticDataRunStatus launched(Launch step, SyntheticDataRunStatus claimed) {
        return new SyntheticDataRunStatus(SyntheticDataRunStatus.RUNNING, step.runId(), step.generation(),
                claimed.counts(), null, null, null, "run " + step.runId() + " requested",
                conditions(claimed, condition(STARTED, "True", "Requested",
                        "run " + step.runId() + " requested", step.generation())));
    }

    private SyntheticDataRunStatus withProgress(SyntheticDataRunStatus s, RunLauncher.RunProgress p, long generation) {
        String phase = p.phase() == null ? s.phase() : p.phase();
        List<Condition> conditions = s.conditions();
        if (SyntheticDataRunStatus.SUCCEEDED.equals(phase)) {
            conditions = conditions(s, condition(READY, "True", "Reported",
                    p.reportLocation() == null ? "run succeeded" : "report at " + p.reportLocation(), generation));
        } else if (SyntheticDataRunStatus.FAILED.equals(phase)) {
            conditions = conditions(s, condition(READY, "False", "RunFailed",
                    p.message() == null ? "run failed" : p.message(), generation));
        }
        return new SyntheticDataRunStatus(phase, s.runId(), s.observedGeneration(),
                p.counts() == null ? s.counts() : p.counts(),
                p.syntheticRatio() == null ? s.syntheticRatio() : p.syntheticRatio(),
                p.collapseRisk() == null ? s.collapseRisk() : p.collapseRisk(),
                p.reportLocation() == null ? s.reportLocation() : p.reportLocation(),
                p.message() == null ? s.message() : p.message(), conditions,
                p.stages() == null ? s.progress() : p.stages());
    }

    private static boolean isTrue(SyntheticDataRunStatus s, String type) {
        return s.conditions() != null && s.conditions().stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus())
                        && Objects.equals(c.getObservedGeneration(), s.observedGeneration()));
    }

    private Condition condition(String type, String status, String reason, String message, long generation) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString()).build();
    }

    /** Replaces the condition of the same type; a new generation's claim drops the previous Ready. */
    private static List<Condition> conditions(SyntheticDataRunStatus old, Condition c) {
        List<Condition> out = new ArrayList<>();
        if (old != null && old.conditions() != null) {
            for (Condition o : old.conditions()) {
                boolean staleReady = READY.equals(o.getType()) && !Objects.equals(o.getObservedGeneration(),
                        c.getObservedGeneration());
                if (!o.getType().equals(c.getType()) && !staleReady) {
                    out.add(o);
                }
            }
        }
        out.add(c);
        return List.copyOf(out);
    }
}

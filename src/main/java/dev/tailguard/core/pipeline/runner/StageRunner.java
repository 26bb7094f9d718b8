package dev.tailguard.core.pipeline.runner;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.PipelineFailure;
import dev.tailguard.core.pipeline.ReportStage;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one step of one stage for a {@link StageEvent} and says which events follow. The protocol:
 * <ol>
 *   <li>{@link Step#PLAN}: the stage's plan is computed once and stored create-once ({@code plan.json}); a
 *       redelivered plan event reads the stored plan. Every task event follows (or the merge, for an empty plan or a
 *       stage already merged).</li>
 *   <li>{@link Step#TASK}: skipped when its completion marker exists; otherwise the task writes its outputs and its
 *       partial state as a create-once marker; the documents it reads are counted as they go
 *       ({@link dev.tailguard.core.pipeline.runner.LiveDocuments}) for the progress bar. When the markers of every task exist, whoever creates the create-once
 *       {@code merge.trigger} publishes the merge (exactly one merge event per stage).</li>
 *   <li>{@link Step#MERGE}: when {@code merged.json} exists, its outcome is returned again (nothing is written);
 *       otherwise the stage merges the partial states in task order, and the outcome leads to the next stage's plan.</li>
 * </ol>
 * A {@link PipelineFailure} writes the run's failure report and is rethrown. Stateless and thread-safe.
 */
public final class StageRunner {

    /**
     * Age after which a staged temporary file counts as a killed writer's: a live writer appends to it (or moves it
     * into place) far more often than this, even for the largest shard on a loaded machine.
     */
    public static final Duration TEMPORARY_LEASE = Duration.ofMinutes(2);

    private final ObjectStore store;
    private final Map<String, ShardedStage> stages = new LinkedHashMap<>();
    private final Clock clock;

    /** A runner over the given stages (looked up by {@link ShardedStage#name()}). */
    public StageRunner(ObjectStore store, List<ShardedStage> stages) {
        this(store, stages, Clock.systemUTC());
    }

    /** A runner whose temporary-file lease is measured by the given clock. */
    public StageRunner(ObjectStore store, List<ShardedStage> stages, Clock clock) {
        this.store = store;
        this.clock = clock;
        stages.forEach(s -> this.stages.put(s.name(), s));
    }

    /**
     * What handling an event produced.
     *
     * @param next   events to publish
     * @param merged the stage's outcome when this step was its merge, else null
     */
    public record Handled(List<StageEvent> next, StageOutcome merged) {

        /** The run's final outcome when this step ended (or paused) the run, else null. */
        public StageOutcome finished() {
            return merged != null && merged.next() == null ? merged : null;
        }
    }

    /** Handles one event. */
    public Handled handle(StageEvent ev) {
        ShardedStage stage = stages.get(ev.stage());
        if (stage == null) {
            throw new IllegalArgumentException("unknown stage '" + ev.stage() + "' (known: " + stages.keySet() + ")");
        }
        RunContext ctx = new RunContext(FrozenRun.load(store, ev.runId()), store);
        try {
            return switch (ev.step()) {
                case PLAN -> plan(ctx, stage);
                case TASK -> task(ctx, stage, ev.task());
                case MERGE -> merge(ctx, stage);
            };
        } catch (PipelineFailure e) {
            ReportStage.writeFailure(store, ev.runId(), ctx.config().seed(), e.stage(), e.getMessage());
            throw e;
        }
    }

    private Handled plan(RunContext ctx, ShardedStage stage) {
        if (exists(ctx.work().merged(stage.name()))) {
            // the stage is done: answer with its stored outcome, write nothing
            return new Handled(List.of(StageEvent.merge(ctx.runId(), stage.name())), null);
        }
        String key = ctx.work().plan(stage.name());
        StagePlan plan;
        if (exists(key)) {
            plan = read(key, StagePlan.class);
        } else {
            plan = new StagePlan(StagePlan.SCHEMA, ctx.runId(), stage.name(), stage.plan(ctx));
            if (!putIfAbsent(key, plan)) {
                plan = read(key, StagePlan.class);
            }
        }
        if (plan.tasks().isEmpty()) {
            putIfAbsent(ctx.work().mergeTrigger(stage.name()), Map.of("tasks", 0));
            return new Handled(List.of(StageEvent.merge(ctx.runId(), stage.name())), null);
        }
        List<StageEvent> tasks = new ArrayList<>();
        for (TaskSpec t : plan.tasks()) {
            tasks.add(StageEvent.task(ctx.runId(), stage.name(), t.index()));
        }
        return new Handled(tasks, null);
    }

    private Handled task(RunContext ctx, ShardedStage stage, int index) {
        StagePlan plan = read(ctx.work().plan(stage.name()), StagePlan.class);
        if (index >= plan.tasks().size()) {
            throw new IllegalArgumentException("stage " + stage.name() + " of run " + ctx.runId() + " has "
                    + plan.tasks().size() + " tasks; no task " + index);
        }
        String marker = ctx.work().done(stage.name(), index);
        boolean redelivered = exists(marker);
        if (!redelivered) {
            TaskSpec spec = plan.tasks().get(index);
            List<String> prefixes = stage.taskOutputPrefixes(ctx, spec);
            removeStaleTemporaries(prefixes);
            RecordingStore attempt = new RecordingStore(store);
            TaskResult r;
            try (var live = dev.tailguard.core.pipeline.runner.LiveDocuments.process().enter(ctx.runId(), stage.name())) {
                r = stage.task(new RunContext(ctx.run(), attempt), spec);
            }
            removeOrphans(prefixes, attempt.written());
            putIfAbsent(marker, r);
        }
        if (!allCompleted(ctx, stage, plan.tasks().size())) {
            return new Handled(List.of(), null);
        }
        boolean first = putIfAbsent(ctx.work().mergeTrigger(stage.name()), Map.of("tasks", plan.tasks().size()));
        boolean unmerged = !exists(ctx.work().merged(stage.name()));
        // a redelivered task re-publishes a merge that was triggered but never finished (its publisher died)
        return first || (redelivered && unmerged)
                ? new Handled(List.of(StageEvent.merge(ctx.runId(), stage.name())), null)
                : new Handled(List.of(), null);
    }

    /**
     * Deletes the shards a killed attempt of a task left under its output prefixes: every key there that this attempt
     * did not write. Runs after the task and before its completion marker, so no later stage sees an orphan. A
     * concurrent duplicate of the task (a redelivery while the first attempt is alive) writes the same keys (a task's
     * outputs are named by its index and deterministic, {@link ShardedStage}), so neither attempt deletes the other's
     * live output; deleting first and writing after, as before, let a duplicate that died remove the shards a live
     * attempt had already written and was about to mark complete.
     */
    private void removeOrphans(List<String> prefixes, Set<String> written) {
        try {
            for (String p : prefixes) {
                for (String k : store.list(p)) {
                    if (!written.contains(k)) {
                        store.delete(k);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes temporary files under the prefixes that were last modified more than {@link #TEMPORARY_LEASE} ago:
     * their writer is gone. Fresher ones may be a live concurrent attempt's and stay (they are never listed as
     * objects, so they cannot reach a later stage); a later attempt removes them once they are stale.
     */
    private void removeStaleTemporaries(List<String> prefixes) {
        try {
            Instant cutoff = clock.instant().minus(TEMPORARY_LEASE);
            for (String p : prefixes) {
                store.removeTemporaries(p, cutoff);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether every task's completion marker exists. The listing is only a shortcut: a marker it does not show is
     * looked up by key before the stage counts as unfinished, so a listing that misses a completed marker (S3 list
     * after write is strongly consistent on AWS, but a store's listing may skip objects written concurrently) cannot
     * make the last task believe it is not last, which would leave the stage without a merge.
     */
    private boolean allCompleted(RunContext ctx, ShardedStage stage, int tasks) {
        try {
            java.util.Set<String> listed = new java.util.HashSet<>(store.list(ctx.work().donePrefix(stage.name())));
            for (int i = 0; i < tasks; i++) {
                String marker = ctx.work().done(stage.name(), i);
                if (!listed.contains(marker) && !store.exists(marker)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Handled merge(RunContext ctx, ShardedStage stage) {
        String mergedKey = ctx.work().merged(stage.name());
        StageOutcome out;
        if (exists(mergedKey)) {
            out = read(mergedKey, StageOutcome.class);
        } else {
            StagePlan plan = read(ctx.work().plan(stage.name()), StagePlan.class);
            List<TaskResult> results = new ArrayList<>();
            for (TaskSpec t : plan.tasks()) {
                String marker = ctx.work().done(stage.name(), t.index());
                if (!exists(marker)) {
                    throw new IllegalStateException("merge of " + stage.name() + " before task " + t.index() + " completed");
                }
                results.add(read(marker, TaskResult.class));
            }
            out = stage.merge(ctx, plan, results);
            put(mergedKey, out);
        }
        return out.next() == null
                ? new Handled(List.of(), out)
                : new Handled(List.of(StageEvent.plan(ctx.runId(), out.next())), out);
    }

    private boolean exists(String key) {
        try {
            return store.exists(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean putIfAbsent(String key, Object value) {
        try {
            return store.putIfAbsent(key, Json.pretty(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void put(String key, Object value) {
        try {
            store.put(key, Json.pretty(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String key, Class<T> type) {
        try (InputStream in = store.open(key)) {
            return Json.MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + store.describe(key), e);
        }
    }
}

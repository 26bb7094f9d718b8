package dev.tailguard.core.pipeline;

import dev.tailguard.core.collapse.CollapseServices;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.runner.ShardedStage;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.StageOutcome;
import dev.tailguard.core.pipeline.runner.StageRunner;
import dev.tailguard.core.store.ObjectStore;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The four stages in order, and a way to run one stage's steps in the calling thread. */
public final class StageChain {

    /** The first stage of a run. */
    public static final String FIRST = GenerateStage.STAGE;

    private StageChain() {
    }

    /** The stages generate → score → blend → report (default collapse settings, no embedding model). */
    public static List<ShardedStage> stages(GeneratorSelector selector) {
        return stages(selector, StageSettings.defaults());
    }

    /** The stages generate → score → blend → report, generate with the deployment's settings. */
    public static List<ShardedStage> stages(GeneratorSelector selector, GenerateSettings generate) {
        return stages(selector, StageSettings.defaults().withGenerate(generate));
    }

    /** The stages generate → score → blend → report, measuring collapse with {@code collapse}. */
    public static List<ShardedStage> stages(GeneratorSelector selector, CollapseServices collapse) {
        return stages(selector, StageSettings.defaults().withCollapse(collapse));
    }

    /** The stages generate → score → blend → report with the deployment's stage settings. */
    public static List<ShardedStage> stages(GeneratorSelector selector, StageSettings settings) {
        return List.of(new GenerateStage(selector, settings.generate(), settings.collapse()), new ScoreStage(),
                new BlendStage(), new ReportStage(settings.card(), settings.collapse()));
    }

    /** A runner over the four stages. */
    public static StageRunner runner(ObjectStore store, GeneratorSelector selector) {
        return runner(store, selector, StageSettings.defaults());
    }

    /** A runner over the four stages with the deployment's stage settings. */
    public static StageRunner runner(ObjectStore store, GeneratorSelector selector, StageSettings settings) {
        return new StageRunner(store, stages(selector, settings));
    }

    /** A runner over the four stages, measuring collapse with {@code collapse}. */
    public static StageRunner runner(ObjectStore store, GeneratorSelector selector, CollapseServices collapse) {
        return new StageRunner(store, stages(selector, collapse));
    }

    /** A runner over the four stages, generate with the deployment's settings. */
    public static StageRunner runner(ObjectStore store, GeneratorSelector selector, GenerateSettings generate) {
        return new StageRunner(store, stages(selector, generate));
    }

    /**
     * A runner over the four stages with the deployment's generate settings and a dataset card that uses the
     * deployment's {@code tailguard.card.*} settings.
     */
    public static StageRunner runner(ObjectStore store, GeneratorSelector selector, GenerateSettings generate,
                                     dev.tailguard.core.report.CardSettings card) {
        return runner(store, selector, StageSettings.defaults().withGenerate(generate).withCard(card));
    }

    /**
     * Runs every step of one stage of a frozen run in this thread, in task order; returns the stage's merge outcome.
     * Events of the next stage are not followed.
     */
    public static StageOutcome inline(StageRunner runner, String runId, String stage) {
        Deque<StageEvent> queue = new ArrayDeque<>();
        queue.add(StageEvent.plan(runId, stage));
        while (!queue.isEmpty()) {
            StageRunner.Handled h = runner.handle(queue.poll());
            if (h.merged() != null) {
                return h.merged();
            }
            queue.addAll(h.next());
        }
        throw new IllegalStateException("stage " + stage + " of run " + runId + " ended without a merge");
    }
}

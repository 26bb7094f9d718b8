package dev.tailguard.messaging;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import dev.tailguard.core.pipeline.BlendStage;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.GenerateStage;
import dev.tailguard.core.pipeline.ReportStage;
import dev.tailguard.core.pipeline.ScoreStage;
import dev.tailguard.core.pipeline.runner.EventPublisher;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.StageOutcome;
import dev.tailguard.core.pipeline.runner.StageRunner;
import dev.tailguard.core.store.ObjectStore;

/**
 * The follow-ups of the deployed application ({@code tailguard.tasks.transport=sink|kafka}): inside a stage, plan,
 * task and merge events go to the task transport; when a stage has merged, its output event
 * ({@code dev.tailguard.synthetic.generated}, {@code synthetic.scored}, {@code dataset.blended},
 * {@code run.reported}) goes to the event backbone instead of the next stage's plan, so the next stage's function
 * starts it as it starts any stage: through the trust boundary and the review gate, on the service (Knative) or
 * topic (Kafka) of that stage, and the controller receives {@code run.reported}. The event is rebuilt from the store
 * and carries the deterministic id {@link KafkaBackbone#eventId}, so a redelivered merge re-emits the same event.
 * Framework-free: the app and any plain worker process wire it the same way.
 */
public final class StageBoundary implements FollowUps {

    /** The output event of a merged stage: its type and how to rebuild its data from the store. */
    private record Output(String type, BiFunction<FrozenRun, ObjectStore, Object> data) {
    }

    private static final Map<String, Output> OUTPUTS = Map.of(
            GenerateStage.STAGE, new Output(Events.SYNTHETIC_GENERATED, GenerateStage::event),
            ScoreStage.STAGE, new Output(Events.SYNTHETIC_SCORED, ScoreStage::event),
            BlendStage.STAGE, new Output(Events.DATASET_BLENDED, BlendStage::event),
            ReportStage.STAGE, new Output(Events.RUN_REPORTED, ReportStage::event));

    private final ObjectStore store;
    private final EventPublisher tasks;
    private final RunEventEmitter backbone;

    /**
     * @param store    the run's store
     * @param tasks    where plan, task and merge events go (the sink, the task topic)
     * @param backbone where a merged stage's output event goes
     */
    public StageBoundary(ObjectStore store, EventPublisher tasks, RunEventEmitter backbone) {
        this.store = Objects.requireNonNull(store);
        this.tasks = Objects.requireNonNull(tasks);
        this.backbone = Objects.requireNonNull(backbone);
    }

    /** The CloudEvent type a merged stage emits. */
    public static String outputType(String stage) {
        Output o = OUTPUTS.get(stage);
        if (o == null) {
            throw new IllegalArgumentException("unknown stage '" + stage + "'");
        }
        return o.type();
    }

    @Override
    public List<String> publish(StageEvent handled, StageRunner.Handled result) {
        StageOutcome merged = result.merged();
        if (merged == null) {
            return FollowUps.of(tasks).publish(handled, result);
        }
        if (merged.next() == null && !StageOutcome.SUCCEEDED.equals(merged.status())) {
            return List.of(); // the run paused: nothing follows until it is resumed
        }
        Output out = OUTPUTS.get(merged.stage());
        if (out == null) {
            throw new IllegalArgumentException("unknown stage '" + merged.stage() + "'");
        }
        FrozenRun run = FrozenRun.load(store, handled.runId());
        String id = KafkaBackbone.eventId(run.runId(), out.type());
        backbone.emit(out.type(), id, Events.SOURCE + merged.stage(), run.runId(), out.data().apply(run, store));
        return List.of(id);
    }
}

package dev.tailguard.testing;

import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.pipeline.runner.ShardedStage;
import dev.tailguard.core.pipeline.runner.StageOutcome;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskResult;
import dev.tailguard.core.pipeline.runner.TaskSpec;

import java.util.List;

/**
 * A real stage whose task runs for real (its outputs are written) and then calls {@code afterTask}, which may throw or
 * halt the JVM: a worker that dies after the work but before the completion marker. Everything else is the inner
 * stage's.
 *
 * @param inner     the real stage
 * @param afterTask called with each task after it ran
 */
public record DyingStage(ShardedStage inner, AfterTask afterTask) implements ShardedStage {

    /** What happens after a task ran: nothing, or an exception or a halt to simulate the worker dying. */
    @FunctionalInterface
    public interface AfterTask {
        /** Called with the task that just ran. */
        void after(TaskSpec task);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public List<TaskSpec> plan(RunContext ctx) {
        return inner.plan(ctx);
    }

    @Override
    public List<String> taskOutputPrefixes(RunContext ctx, TaskSpec task) {
        return inner.taskOutputPrefixes(ctx, task);
    }

    @Override
    public TaskResult task(RunContext ctx, TaskSpec t) {
        TaskResult r = inner.task(ctx, t);
        afterTask.after(t);
        return r;
    }

    @Override
    public StageOutcome merge(RunContext ctx, StagePlan plan, List<TaskResult> results) {
        return inner.merge(ctx, plan, results);
    }
}

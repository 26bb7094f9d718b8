package dev.tailguard.core.pipeline;

import dev.tailguard.core.io.ShardWriter;
import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.pipeline.runner.TaskSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * One sharded output of a stage task, {@code runs/<id>/<area>/<name>-00000.jsonl[.zst]}: the same record names the
 * writer a task writes with and the key prefix the runner clears before the task runs
 * ({@code ShardedStage.taskOutputPrefixes}), so the two cannot drift apart.
 *
 * @param area folder under the run ({@code synthetic}, {@code quarantine}, ...)
 * @param name shard base name, unique to the task (see {@link #of})
 */
record TaskShard(String area, String name) {

    /** The task's shard {@code <base>-<task tag>} in {@code area}. */
    static TaskShard of(String area, String base, TaskSpec task) {
        return new TaskShard(area, base + "-" + task.tag());
    }

    /** The key prefix of every shard this output writes. */
    String prefix(RunContext ctx) {
        return ctx.layout().prefix(area) + name + "-";
    }

    /** A writer of this output with the run's compression and shard size. */
    ShardWriter writer(RunContext ctx) {
        return new ShardWriter(ctx.store(), ctx.layout().prefix(area), name, ctx.config().zstd(), ctx.config().shardSize());
    }

    /** The key prefixes of the given outputs, in order. */
    static List<String> prefixes(RunContext ctx, TaskShard... shards) {
        List<String> out = new ArrayList<>(shards.length);
        for (TaskShard s : shards) {
            out.add(s.prefix(ctx));
        }
        return List.copyOf(out);
    }
}

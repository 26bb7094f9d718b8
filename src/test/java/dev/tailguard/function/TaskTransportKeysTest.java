package dev.tailguard.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailguard.core.pipeline.RunConfig;

/** The task-transport keys are known configuration keys and, like the worker count, do not change the run id. */
class TaskTransportKeysTest {

    @Test
    void transportKeysAreKnown() {
        KnownConfigKeys keys = KnownConfigKeys.ofApplication();
        for (String k : List.of("tailguard.tasks.transport", "tailguard.tasks.sink", "tailguard.tasks.sink-timeout",
                "tailguard.tasks.kafka.topic", "tailguard.tasks.kafka.dead-letter-topic", "tailguard.tasks.kafka.group",
                "tailguard.tasks.kafka.consumers", "tailguard.tasks.kafka.max-task-duration",
                "tailguard.tasks.kafka.retry-backoff")) {
            assertThat(keys.isKnown(k)).as(k).isTrue();
        }
        assertThat(keys.isKnownEnv("TAILGUARD_TASKS_TRANSPORT")).isTrue();
        assertThat(keys.suggest("tailguard.tasks.transprt")).contains("tailguard.tasks.transport");
    }

    @Test
    void whereTasksRunDoesNotChangeTheRunIdButTaskBoundsDo(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"x\"}\n");
        RunConfig cfg = RunConfig.defaults(42);
        Map<String, String> base = Map.of("tailguard.seed", "42");
        String id = Runs.runId(cfg, List.of(in.toString()), base);
        assertThat(Runs.runId(cfg, List.of(in.toString()), Map.of("tailguard.seed", "42",
                "tailguard.tasks.transport", "sink", "tailguard.tasks.sink", "http://broker/",
                "tailguard.tasks.kafka.consumers", "4", "tailguard.workers", "8", "tailguard.events", "kafka")))
                .isEqualTo(id);
        assertThat(Runs.runId(cfg, List.of(in.toString()), Map.of("tailguard.seed", "42",
                "tailguard.tasks.max-records", "40"))).isNotEqualTo(id);
    }
}

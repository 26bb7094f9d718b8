package dev.tailguard.adversarial;

import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.function.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 4: the deterministic run id used to hash only the run config and inputs, so a changed
 * {@code tailguard.generate.llm.*} setting (model, endpoint, prompts) silently reused the earlier run's outputs.
 */
class RunIdCoversSettingsTest {

    @Test
    void everyOutputChangingSettingChangesTheRunIdButTheApiKeyDoesNot(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("c.jsonl"), "{\"id\":\"a\",\"text\":\"one two three\"}\n");
        RunConfig cfg = RunConfig.defaults(42);
        Map<String, String> base = Map.of("tailguard.generate.llm.model", "m1",
                "tailguard.generate.llm.base-url", "http://127.0.0.1:9/v1", "tailguard.generate.llm.api-key", "k1");
        String id = Runs.runId(cfg, List.of(in.toString()), base);
        assertThat(id).matches("run-[0-9a-f]{12}");
        assertThat(Runs.runId(cfg, List.of(in.toString()), base)).as("deterministic").isEqualTo(id);
        assertThat(Runs.runId(cfg, List.of(in.toString()), Map.of("tailguard.generate.llm.model", "m2",
                "tailguard.generate.llm.base-url", "http://127.0.0.1:9/v1", "tailguard.generate.llm.api-key", "k1")))
                .as("model").isNotEqualTo(id);
        assertThat(Runs.runId(cfg, List.of(in.toString()), Map.of("tailguard.generate.llm.model", "m1",
                "tailguard.generate.llm.base-url", "http://127.0.0.1:8/v1", "tailguard.generate.llm.api-key", "k1")))
                .as("endpoint").isNotEqualTo(id);
        assertThat(Runs.runId(cfg, List.of(in.toString()), Map.of("tailguard.generate.llm.model", "m1",
                "tailguard.generate.llm.base-url", "http://127.0.0.1:9/v1", "tailguard.generate.llm.api-key", "k2")))
                .as("the key changes no output").isEqualTo(id);
        Files.writeString(in, "{\"id\":\"a\",\"text\":\"one two four\"}\n");
        assertThat(Runs.runId(cfg, List.of(in.toString()), base)).as("input bytes").isNotEqualTo(id);
    }
}

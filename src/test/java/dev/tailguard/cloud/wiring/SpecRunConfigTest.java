package dev.tailguard.cloud.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tailguard.cloud.crd.SyntheticDataRun;
import dev.tailguard.cloud.crd.SyntheticDataRunSpec;
import dev.tailguard.core.gate.GateSpec;
import dev.tailguard.core.pipeline.RunConfig;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

class SpecRunConfigTest {

    private static final RunConfig DEFAULTS = new RunConfig(42, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 1000,
            8L << 20, "none", 5000, List.of(new GateSpec("score", "synthetic_pass_rate", 0.5, null, "quarantine")));

    @Test
    void theDocumentedExampleMapsFieldByField() throws Exception {
        SyntheticDataRun run;
        try (InputStream in = Files.newInputStream(Path.of("k8s", "examples", "run.yaml"))) {
            run = new KubernetesSerialization().unmarshal(in, SyntheticDataRun.class);
        }
        RunConfig c = SpecRunConfig.from(run.getSpec(), DEFAULTS);
        assertThat(c).isEqualTo(new RunConfig(42, 0.3, "ngram", 3, 1.0, 0, "accumulate", 0.7, 1000, 8L << 20, "zstd",
                5000, List.of(new GateSpec("generate", "duplicate_rate", null, 0.1, "quarantine"),
                        new GateSpec("score", "perplexity_ratio", null, 2.0, "stop"))));
    }

    @Test
    void unsetFieldsKeepTheDefaultsAndParametersOverride() {
        RunConfig c = SpecRunConfig.from(new SyntheticDataRunSpec(List.of("incoming/a.jsonl"),
                new SyntheticDataRunSpec.Generator(null, null, 7L, null, Map.of("temperature", 0.8, "topK", 20)),
                new SyntheticDataRunSpec.Blend(null, "replace", null), null, null), DEFAULTS);
        assertThat(c).isEqualTo(new RunConfig(7, 0.3, "ngram", 3, 0.8, 20, "replace", 0.7, 1000, 8L << 20, "none",
                5000, DEFAULTS.gates()));
    }

    @Test
    void badSpecsNameTheField() {
        assertThatThrownBy(() -> SpecRunConfig.from(new SyntheticDataRunSpec(List.of(), null, null, null, null), DEFAULTS))
                .hasMessage("spec.inputs: at least one input object key is required");
        assertThatThrownBy(() -> SpecRunConfig.from(new SyntheticDataRunSpec(List.of("a.jsonl"),
                new SyntheticDataRunSpec.Generator("ngram", 3, 1L, 10, Map.of("top_p", 0.9)), null, null, null), DEFAULTS))
                .hasMessageStartingWith("spec.generator.parameters.top_p is not a parameter");
        assertThatThrownBy(() -> SpecRunConfig.from(new SyntheticDataRunSpec(List.of("a.jsonl"), null, null,
                List.of(new SyntheticDataRunSpec.Gate("score", "duplicate_rate", null, 0.1, null)), null), DEFAULTS))
                .hasMessageStartingWith("spec.gates[0]: unknown gate metric 'score.duplicate_rate'");
        assertThatThrownBy(() -> SpecRunConfig.from(new SyntheticDataRunSpec(List.of("a.jsonl"), null,
                new SyntheticDataRunSpec.Blend(1.5, null, null), null, null), DEFAULTS))
                .hasMessage("spec: synthetic ratio must be in [0, 1), got 1.5");
    }
}

package dev.tailguard.cloud.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tailguard.cloud.crd.SyntheticDataRunSpec;
import dev.tailguard.core.gate.Gate;
import dev.tailguard.core.gate.GateSpec;
import dev.tailguard.core.pipeline.RunConfig;

/**
 * Maps a {@link SyntheticDataRunSpec} onto a {@link RunConfig}: every field the spec sets replaces the app default,
 * the rest keeps it. Spec gates, when given, replace the configured gates. Invalid values fail with a message naming
 * the spec field.
 */
public final class SpecRunConfig {

    /** Generator parameters understood besides the typed fields. */
    public static final Set<String> PARAMETERS = Set.of("temperature", "topK");

    private SpecRunConfig() {
    }

    /** The run configuration for {@code spec} on top of {@code defaults}. */
    public static RunConfig from(SyntheticDataRunSpec spec, RunConfig defaults) {
        if (spec == null || spec.inputs() == null || spec.inputs().isEmpty()) {
            throw new IllegalArgumentException("spec.inputs: at least one input object key is required");
        }
        for (int i = 0; i < spec.inputs().size(); i++) {
            String in = spec.inputs().get(i);
            if (in == null || in.isBlank()) {
                throw new IllegalArgumentException("spec.inputs[" + i + "] is empty");
            }
        }
        SyntheticDataRunSpec.Generator g = spec.generator();
        SyntheticDataRunSpec.Blend b = spec.blend();
        SyntheticDataRunSpec.Output o = spec.output();
        double temperature = defaults.temperature();
        int topK = defaults.topK();
        if (g != null && g.parameters() != null) {
            for (Map.Entry<String, Object> p : g.parameters().entrySet()) {
                if (!PARAMETERS.contains(p.getKey())) {
                    throw new IllegalArgumentException("spec.generator.parameters." + p.getKey()
                            + " is not a parameter of the generator (known: " + PARAMETERS + ")");
                }
                if (!(p.getValue() instanceof Number n)) {
                    throw new IllegalArgumentException("spec.generator.parameters." + p.getKey()
                            + " must be a number, was " + p.getValue());
                }
                if ("temperature".equals(p.getKey())) {
                    temperature = n.doubleValue();
                } else {
                    topK = n.intValue();
                }
            }
        }
        List<GateSpec> gates = defaults.gates();
        if (spec.gates() != null) {
            gates = new ArrayList<>();
            for (int i = 0; i < spec.gates().size(); i++) {
                SyntheticDataRunSpec.Gate x = spec.gates().get(i);
                if (x == null || x.stage() == null || x.metric() == null) {
                    throw new IllegalArgumentException("spec.gates[" + i + "]: stage and metric are required");
                }
                try {
                    GateSpec gate = new GateSpec(x.stage(), x.metric(), x.min(), x.max(),
                            x.onFail() == null ? "quarantine" : x.onFail());
                    Gate.validate(List.of(gate));
                    gates.add(gate);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("spec.gates[" + i + "]: " + e.getMessage(), e);
                }
            }
        }
        try {
            return new RunConfig(
                    g != null && g.seed() != null ? g.seed() : defaults.seed(),
                    b != null && b.syntheticRatio() != null ? b.syntheticRatio() : defaults.syntheticRatio(),
                    g != null && g.name() != null ? g.name() : defaults.generator(),
                    g != null && g.order() != null ? g.order() : defaults.order(),
                    temperature, topK,
                    b != null && b.strategy() != null ? b.strategy() : defaults.blendStrategy(),
                    b != null && b.minRealFraction() != null ? b.minRealFraction() : defaults.minRealFraction(),
                    o != null && o.shardSize() != null ? o.shardSize() : defaults.shardSize(),
                    defaults.maxLineBytes(),
                    o != null && o.compression() != null ? o.compression() : defaults.compression(),
                    g != null && g.maxSyntheticTokens() != null ? g.maxSyntheticTokens() : defaults.maxSyntheticTokens(),
                    gates, null, defaults.outputFormats());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spec: " + e.getMessage(), e);
        }
    }
}

package dev.tailguard.function;

import dev.tailguard.core.gate.GateSpec;
import dev.tailguard.core.generate.ConfiguredGeneratorSelector;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.generate.RunFingerprint;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.llm.OpenAiClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Resolves the object store and the default {@link RunConfig} from {@link TailguardConfig}. */
@ApplicationScoped
public class Runs {

    private final TailguardConfig config;

    public Runs(TailguardConfig config) {
        this.config = config;
    }

    /** The configured object store. */
    @Produces
    @Singleton
    public ObjectStore objectStore() {
        if (!"local".equals(config.store().type())) {
            throw new IllegalStateException("unsupported tailguard.store.type '" + config.store().type() + "' (available: local)");
        }
        return new LocalObjectStore(Path.of(config.store().root()));
    }

    /**
     * The generators this build provides: {@code ngram}, and {@code rules} and {@code llm} configured from
     * {@code tailguard.generate.*} (read per run, so {@code tailguard.generate.llm.api-key} may come from the
     * environment or a mounted Secret). Every generator that accounts its usage reports each call to
     * {@code metrics} as it happens, so the LLM counters move whatever the run's outcome.
     */
    @Produces
    @Singleton
    public GeneratorSelector generatorSelector(dev.tailguard.observability.PipelineMetrics metrics) {
        org.eclipse.microprofile.config.Config mp = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        GeneratorSelector configured = new ConfiguredGeneratorSelector(key -> mp.getOptionalValue(key, String.class),
                OpenAiClient::new);
        return (name, runId, seed, params, ngram) -> {
            dev.tailguard.core.generate.Generator g = configured.select(name, runId, seed, params, ngram);
            if (g instanceof dev.tailguard.core.generate.UsageReporting u && u.usage() != null) {
                u.usage().addListener((style, call) -> metrics.llmCall(call));
            }
            return g;
        };
    }

    /** The run configuration built from {@code tailguard.*}. */
    public RunConfig defaultConfig() {
        List<GateSpec> gates = new ArrayList<>();
        new TreeMap<>(config.gates()).forEach((stage, metrics) -> new TreeMap<>(metrics).forEach((metric, g) ->
                gates.add(new GateSpec(stage, metric, g.min().orElse(null), g.max().orElse(null), g.onFail()))));
        return new RunConfig(config.seed(), config.syntheticRatio(), config.generate().generator(), config.generate().order(),
                config.generate().temperature(), config.generate().topK(),
                config.blend().strategy(), config.blend().minRealFraction(), config.output().shardSize(),
                config.input().maxLineBytes(), config.output().compression(), config.generate().maxTokens(), gates, null,
                config.output().format());
    }

    /** The policy deciding the configuration of a {@code run.requested} event from outside the process. */
    public dev.tailguard.core.pipeline.RunRequestPolicy requestPolicy() {
        java.util.Map<String, dev.tailguard.core.pipeline.RunProfile> profiles = new TreeMap<>();
        config.profiles().forEach((name, p) -> {
            try {
                profiles.put(name, new dev.tailguard.core.pipeline.RunProfile(p.seed().orElse(null),
                        p.syntheticRatio().orElse(null), p.generator().orElse(null), p.reviewRequired().orElse(null)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tailguard.profiles." + name + ": " + e.getMessage(), e);
            }
        });
        return new dev.tailguard.core.pipeline.RunRequestPolicy(defaultConfig(), profiles);
    }

    /** Local roots inputs named in events may come from ({@code tailguard.input.allowed-roots}; none by default). */
    public dev.tailguard.core.io.AllowedRoots allowedRoots() {
        return dev.tailguard.core.io.AllowedRoots.parse(config.input().allowedRoots().orElse(null));
    }

    /**
     * A deterministic run id: {@code run-} + the first 12 hex digits of the {@link RunFingerprint} over the run
     * configuration, every {@code tailguard.*} setting of the deployment (secrets left out: any changed
     * {@code tailguard.generate.*} setting, model, endpoint or prompt setting gives a new id, so stale outputs are
     * never reused) and the bytes of every local input (other inputs by name).
     */
    public static String runId(RunConfig cfg, List<String> inputs) {
        return runId(cfg, inputs, tailguardSettings());
    }

    /** {@link #runId(RunConfig, List)} with the given {@code tailguard.*} settings instead of the application's. */
    public static String runId(RunConfig cfg, List<String> inputs, java.util.Map<String, String> settings) {
        java.util.Map<String, String> outputChanging = new TreeMap<>(settings);
        outputChanging.keySet().removeIf(Runs::placement);
        try {
            RunFingerprint fp = new RunFingerprint().setting("run_config", Json.write(cfg)).config(outputChanging);
            for (int i = 0; i < inputs.size(); i++) {
                String in = inputs.get(i);
                Path p = localFile(in);
                if (p != null) {
                    fp.input(i + ":" + in, Files.newInputStream(p));
                } else if (localFolder(in) != null) {
                    // a folder input: the bytes of every file it contributes, in reading order
                    try (java.util.stream.Stream<Path> files = Files.list(localFolder(in))) {
                        for (Path f : files.sorted().filter(Files::isRegularFile)
                                .filter(f -> dev.tailguard.core.io.InputSources.isInput(f.getFileName().toString())).toList()) {
                            fp.input(i + ":" + f, Files.newInputStream(f));
                        }
                    }
                } else {
                    fp.setting("input." + i, in);
                }
            }
            return "run-" + fp.sha256Hex().substring(0, 12);
        } catch (IOException e) {
            throw new IllegalStateException("cannot derive run id: " + e.getMessage(), e);
        }
    }

    /**
     * Keys that say where and how a run's work is carried, never what it produces (outputs are byte-identical for
     * any worker count and task transport), so they stay out of the run id: {@code tailguard.workers},
     * {@code tailguard.events}, {@code tailguard.kafka.*} and {@code tailguard.tasks.transport|sink|sink-timeout|kafka.*}.
     * The task bounds {@code tailguard.tasks.max-records|max-bytes} name output shards and stay in.
     */
    static boolean placement(String key) {
        return key.equals("tailguard.workers") || key.equals("tailguard.events") || key.startsWith("tailguard.kafka.")
                || key.equals("tailguard.tasks.transport") || key.equals("tailguard.tasks.sink")
                || key.equals("tailguard.tasks.sink-timeout") || key.startsWith("tailguard.tasks.kafka.");
    }

    private static Path localFile(String in) {
        try {
            Path p = Path.of(in);
            return Files.isRegularFile(p) ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static Path localFolder(String in) {
        try {
            Path p = Path.of(in);
            return Files.isDirectory(p) ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static java.util.Map<String, String> tailguardSettings() {
        org.eclipse.microprofile.config.Config mp = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        java.util.Map<String, String> out = new TreeMap<>();
        for (String name : mp.getPropertyNames()) {
            if (name.startsWith("tailguard.")) {
                mp.getOptionalValue(name, String.class).ifPresent(v -> out.put(name, v));
            }
        }
        return out;
    }
}

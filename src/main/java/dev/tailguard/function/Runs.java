package dev.tailguard.function;

import dev.tailguard.core.gate.GateSpec;
import dev.tailguard.core.generate.ConfiguredGeneratorSelector;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
     * environment or a mounted Secret).
     */
    @Produces
    @Singleton
    public GeneratorSelector generatorSelector() {
        org.eclipse.microprofile.config.Config mp = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return new ConfiguredGeneratorSelector(key -> mp.getOptionalValue(key, String.class));
    }

    /** The run configuration built from {@code tailguard.*}. */
    public RunConfig defaultConfig() {
        List<GateSpec> gates = new ArrayList<>();
        new TreeMap<>(config.gates()).forEach((stage, metrics) -> new TreeMap<>(metrics).forEach((metric, g) ->
                gates.add(new GateSpec(stage, metric, g.min().orElse(null), g.max().orElse(null), g.onFail()))));
        return new RunConfig(config.seed(), config.syntheticRatio(), config.generate().generator(), config.generate().order(),
                config.generate().temperature(), config.generate().topK(),
                config.blend().strategy(), config.blend().minRealFraction(), config.output().shardSize(),
                config.input().maxLineBytes(), config.output().compression(), config.generate().maxTokens(), gates);
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
     * A deterministic run id: {@code run-} + the first 12 hex digits of SHA-256 over the configuration and the bytes
     * of every input (local files; other inputs by name).
     */
    public static String runId(RunConfig cfg, List<String> inputs) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Json.write(cfg).getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[1 << 16];
            for (String in : inputs) {
                md.update((byte) 0);
                Path p = Path.of(in);
                if (Files.isRegularFile(p)) {
                    try (InputStream s = Files.newInputStream(p)) {
                        int n;
                        while ((n = s.read(buf)) > 0) {
                            md.update(buf, 0, n);
                        }
                    }
                } else {
                    md.update(in.getBytes(StandardCharsets.UTF_8));
                }
            }
            return "run-" + HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot derive run id: " + e.getMessage(), e);
        }
    }
}

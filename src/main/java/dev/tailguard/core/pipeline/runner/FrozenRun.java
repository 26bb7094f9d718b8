package dev.tailguard.core.pipeline.runner;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Objects;

/**
 * A run's configuration frozen once at run start in {@code runs/<id>/config.json} (create-once), built from the
 * deployment's configuration. Every later stage and task reads it from there; configuration inside later events is
 * ignored, so an event cannot switch off review or gates.
 *
 * @param schema version ({@link #SCHEMA})
 * @param runId  run id
 * @param inputs input locations
 * @param config run configuration
 * @param limits task bounds
 * @param synthetic a synthetic batch brought by the user (generation skipped); empty = generate
 * @param anchor    explicitly named collapse anchor (object key or local file), or null
 */
public record FrozenRun(int schema, String runId, List<String> inputs, RunConfig config, TaskLimits limits,
                        List<String> synthetic, String anchor) {

    /** Current schema version. */
    public static final int SCHEMA = 1;

    public FrozenRun {
        new RunLayout(runId);
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        Objects.requireNonNull(config, "config");
        limits = limits == null ? TaskLimits.DEFAULTS : limits;
        synthetic = synthetic == null ? List.of() : List.copyOf(synthetic);
        anchor = anchor == null || anchor.isBlank() ? null : anchor;
    }

    /** A frozen run of the current schema. */
    public static FrozenRun of(String runId, List<String> inputs, RunConfig config, TaskLimits limits) {
        return new FrozenRun(SCHEMA, runId, inputs, config, limits, List.of(), null);
    }

    /** A frozen run of the current schema with a user-supplied synthetic batch and/or an explicit anchor. */
    public static FrozenRun of(String runId, List<String> inputs, RunConfig config, TaskLimits limits,
                               List<String> synthetic, String anchor) {
        return new FrozenRun(SCHEMA, runId, inputs, config, limits, synthetic, anchor);
    }

    /** The frozen run of a request. */
    public static FrozenRun of(dev.tailguard.core.pipeline.RunRequested req, TaskLimits limits) {
        return of(req.runId(), req.inputs(), req.config(), limits, req.synthetic(), req.anchor());
    }

    /** Whether the user brought the synthetic batch (generation is skipped). */
    public boolean bringsSynthetic() {
        return !synthetic.isEmpty();
    }

    /**
     * Freezes this run: writes it create-once and returns what the store holds (the first freeze wins; a later
     * request for the same run id gets the frozen one back, whatever it asked for).
     */
    public FrozenRun freeze(ObjectStore store) {
        String key = new WorkLayout(runId).config();
        try {
            if (!store.exists(key)) {
                store.putIfAbsent(key, Json.pretty(this));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return load(store, runId);
    }

    /** Reads a run's frozen configuration. Throws {@link IllegalStateException} when the run was never started. */
    public static FrozenRun load(ObjectStore store, String runId) {
        String key = new WorkLayout(runId).config();
        try (InputStream in = store.open(key)) {
            FrozenRun r = Json.MAPPER.readValue(in, FrozenRun.class);
            if (r.schema() != SCHEMA) {
                throw new IllegalStateException("unsupported config schema " + r.schema() + " in " + key);
            }
            return r;
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("run " + runId + " was never started (no " + key + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + store.describe(key), e);
        }
    }
}

package dev.tailguard.function;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import dev.tailguard.core.config.RunDefaults;
import io.smallrye.config.WithName;

import java.util.Map;
import java.util.Optional;

/** Typed configuration under {@code tailguard.*} (see README "Configuration"). */
@ConfigMapping(prefix = "tailguard")
public interface TailguardConfig {

    /** Random seed of runs that do not carry their own configuration. */
    @WithDefault(RunDefaults.SEED)
    long seed();

    /** Target synthetic share of the blend (Kang et al., collapse-anchors §3: ~30%). */
    @WithDefault(RunDefaults.SYNTHETIC_RATIO)
    double syntheticRatio();

    /** Object store. */
    Store store();

    /** Input reading. */
    Input input();

    /** Output shards. */
    Output output();

    /** Generation. */
    Generate generate();

    /** Blending. */
    Blend blend();

    /** Gates: {@code tailguard.gates.<stage>.<metric>.min|max|on-fail}. */
    Map<String, Map<String, GateConfig>> gates();

    /**
     * {@code tailguard.workers}: threads that run stage tasks in this process (default: available processors).
     * Outputs do not depend on it.
     */
    Optional<Integer> workers();

    /** Task bounds, frozen with each run at its start. */
    Tasks tasks();

    /**
     * Run profiles {@code tailguard.profiles.<name>.*}: the only choice a {@code run.requested} event may make
     * ({@link dev.tailguard.core.pipeline.RunProfile}).
     */
    Map<String, Profile> profiles();

    /** {@code tailguard.profiles.<name>.*}: what a profile may change; unset keys keep the deployment's value. */
    interface Profile {
        /** {@code seed}. */
        Optional<Long> seed();

        /** {@code synthetic-ratio}. */
        Optional<Double> syntheticRatio();

        /** {@code generator}. */
        Optional<String> generator();

        /** {@code review-required}: only {@code true} (a profile may require review, never waive it). */
        Optional<Boolean> reviewRequired();
    }

    /** {@code tailguard.tasks.*}: how a stage splits its work. Changing them changes output shard names of new runs. */
    interface Tasks {
        /** {@code tailguard.tasks.max-records}: records per task. */
        @WithDefault("2000")
        int maxRecords();

        /** {@code tailguard.tasks.max-bytes}: UTF-8 text bytes per task (a task closes at the record reaching it). */
        @WithDefault("1048576")
        long maxBytes();
    }

    /** Object store settings. */
    interface Store {
        /** {@code local} (a folder); other types are added by the cloud adapters. */
        @WithDefault("local")
        String type();

        /** Root folder of the local store. */
        @WithDefault("tailguard-out")
        String root();
    }

    /** Input settings. */
    interface Input {
        /** Lines larger than this many bytes are quarantined (default 8 MiB). */
        @WithDefault(RunDefaults.MAX_LINE_BYTES)
        long maxLineBytes();

        /**
         * {@code tailguard.input.allowed-roots}: comma-separated absolute local folders that inputs named in events
         * may be read from; empty (the default) = inputs of events come from the object store only.
         */
        Optional<String> allowedRoots();
    }

    /** Output settings. */
    interface Output {
        /** Records per shard. */
        @WithDefault(RunDefaults.SHARD_SIZE)
        int shardSize();

        /** {@code none} (.jsonl) or {@code zstd} (.jsonl.zst). */
        @WithDefault(RunDefaults.COMPRESSION)
        String compression();
    }

    /** Generation settings. */
    interface Generate {
        /** Generator name ({@code ngram}). */
        @WithDefault(RunDefaults.GENERATOR)
        String generator();

        /** N-gram order of the generator and of the reference LM. */
        @WithDefault(RunDefaults.ORDER)
        int order();

        /** Sampling temperature (1 = exact sampling from the model). */
        @WithDefault(RunDefaults.TEMPERATURE)
        double temperature();

        /** Top-k cut-off (0 = off). */
        @WithDefault(RunDefaults.TOP_K)
        int topK();

        /** Cap on tokens per synthetic document. */
        @WithDefault(RunDefaults.MAX_SYNTHETIC_TOKENS)
        int maxTokens();
    }

    /** Blend settings. */
    interface Blend {
        /** {@code accumulate}, {@code replace} or {@code verified-accumulate}. */
        @WithDefault(RunDefaults.BLEND_STRATEGY)
        String strategy();

        /** Floor of the real share of the blend (default 0.7). */
        @WithDefault(RunDefaults.MIN_REAL_FRACTION)
        double minRealFraction();
    }

    /** One gate. */
    interface GateConfig {
        /** Lower bound. */
        Optional<Double> min();

        /** Upper bound. */
        Optional<Double> max();

        /** {@code quarantine} or {@code stop}. */
        @WithName("on-fail")
        @WithDefault("quarantine")
        String onFail();
    }
}

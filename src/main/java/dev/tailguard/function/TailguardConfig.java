package dev.tailguard.function;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import dev.tailguard.core.config.RunDefaults;
import io.smallrye.config.WithName;

import java.util.Map;
import java.util.List;
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

    /** Dataset card metadata the run cannot measure ({@link dev.tailguard.core.report.CardSettings}). */
    Card card();

    /**
     * {@code tailguard.card.*}: the dataset card's Hub metadata. Each key is documented on
     * {@link dev.tailguard.core.report.CardSettings}; comma-separated lists.
     */
    interface Card {
        /** {@code license}: a Hub license id; unset writes {@code license: unknown} and a warning in the card. */
        Optional<String> license();

        /** {@code language}: ISO 639 codes; unset uses the detected language, if one is clear. */
        Optional<String> language();

        /** {@code task-categories}: Hub task ids (default {@code text-generation}). */
        Optional<String> taskCategories();

        /** {@code pretty-name}: display name. */
        Optional<String> prettyName();

        /** {@code tags}: extra tags ({@code synthetic} and {@code tailguard} are always present). */
        Optional<String> tags();

        /** {@code source-datasets}: Hub dataset ids of the real inputs. */
        Optional<String> sourceDatasets();

        /** The settings as the core reads them. */
        default dev.tailguard.core.report.CardSettings settings() {
            java.util.Map<String, String> m = new java.util.HashMap<>();
            license().ifPresent(v -> m.put(dev.tailguard.core.report.CardSettings.LICENSE, v));
            language().ifPresent(v -> m.put(dev.tailguard.core.report.CardSettings.LANGUAGE, v));
            taskCategories().ifPresent(v -> m.put(dev.tailguard.core.report.CardSettings.TASK_CATEGORIES, v));
            prettyName().ifPresent(v -> m.put(dev.tailguard.core.report.CardSettings.PRETTY_NAME, v));
            tags().ifPresent(v -> m.put(dev.tailguard.core.report.CardSettings.TAGS, v));
            sourceDatasets().ifPresent(v -> m.put(dev.tailguard.core.report.CardSettings.SOURCE_DATASETS, v));
            return dev.tailguard.core.report.CardSettings.from(m::get);
        }
    }

    /** The score stage's reference language model, frozen with each run at its start. */
    Reference reference();

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

        /**
         * {@code tailguard.tasks.transport}: where a deployed stage function's tasks run. {@code local} (default):
         * on this process's {@code tailguard.workers} threads, the function answers when the stage is done.
         * {@code sink}: the function plans the stage, posts one task CloudEvent per task to {@link #sink()} and
         * answers 202 at once; {@code POST /tasks} of any replica handles task and merge events, and the stage's merge
         * emits the next stage's event. {@code kafka}: the same over the task topic {@link Kafka#topic()}, consumed
         * by {@link Kafka#consumers()} instances in every replica. Outputs are byte-identical in every mode.
         */
        @WithDefault("local")
        TaskTransport transport();

        /**
         * {@code tailguard.tasks.sink}: the URL task events and the events that follow a merge are posted to with
         * {@code transport=sink} (a Knative Broker ingress); unset = the {@code K_SINK} environment variable a
         * SinkBinding injects.
         */
        Optional<String> sink();

        /** {@code tailguard.tasks.sink-timeout}: connect and read timeout of one POST to the sink. */
        @WithDefault("PT30S")
        java.time.Duration sinkTimeout();

        /** {@code tailguard.tasks.kafka.*}: the task topic of {@code transport=kafka}. */
        TasksKafka kafka();
    }

    /** Where a deployed stage's tasks run ({@code tailguard.tasks.transport}). */
    enum TaskTransport {
        /** In this process, on the {@code tailguard.workers} threads. */
        LOCAL,
        /** Task CloudEvents posted to the broker ({@code K_SINK}), handled on {@code POST /tasks}. */
        SINK,
        /** Task CloudEvents on a Kafka topic, consumed by every replica. */
        KAFKA
    }

    /** {@code tailguard.tasks.kafka.*} (bootstrap servers: {@code kafka.bootstrap.servers}). */
    interface TasksKafka {
        /** {@code topic}: the task topic; create it with at least as many partitions as consumers in all replicas. */
        @WithDefault("tailguard.tasks")
        String topic();

        /** {@code dead-letter-topic}: where permanently failing task events go, with their reason in a header. */
        @WithDefault("tailguard.tasks.dead-letter")
        String deadLetterTopic();

        /** {@code group}: the consumer group every replica joins. */
        @WithDefault("tailguard-tasks")
        String group();

        /** {@code consumers}: consumer instances in this process. */
        @WithDefault("1")
        int consumers();

        /**
         * {@code max-task-duration}: the longest one step may take ({@code max.poll.interval.ms}); a consumer
         * silent for longer is taken for dead and its task handed to another.
         */
        @WithDefault("PT10M")
        java.time.Duration maxTaskDuration();

        /** {@code retry-backoff}: pause before a transiently failing step is retried. */
        @WithDefault("PT1S")
        java.time.Duration retryBackoff();
    }

    /** {@code tailguard.reference.*}: the cross-fitted reference language models built once per run by the score plan. */
    interface Reference {
        /**
         * {@code tailguard.reference.max-training-tokens}: training tokens per reference model (each fold); documents
         * are sampled by id hash to this size, so a task's memory stays bounded whatever the corpus size. Effect on
         * perplexity: README, "Bounded reference LM".
         */
        @WithDefault("2000000")
        long maxTrainingTokens();
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

        /**
         * {@code tailguard.output.format}: formats of the published blended dataset, comma-separated
         * ({@code jsonl}, {@code parquet}, or {@code jsonl,parquet}); see {@code RunConfig#outputFormats}.
         */
        @WithDefault("jsonl")
        List<String> format();
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

        /**
         * {@code tailguard.generate.max-training-tokens}: training tokens of the {@code ngram} generator's model,
         * sampled by id hash from the real input and trained once per run in the generate plan ({@code 0} =
         * uncapped). Read by {@code GenerateSettings#from}; effect: README, "Bounded generator LM".
         */
        @WithDefault("2000000")
        long maxTrainingTokens();
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

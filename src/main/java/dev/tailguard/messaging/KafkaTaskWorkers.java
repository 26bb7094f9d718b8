package dev.tailguard.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.tailguard.core.pipeline.PipelineFailure;
import dev.tailguard.core.pipeline.runner.EventPublisher;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.StageRunner;
import dev.tailguard.observability.CloudEventTracing;
import io.opentelemetry.api.trace.Tracer;

/**
 * Stage task events over Kafka: every {@link StageEvent} (plan, task, merge) is a binary-mode CloudEvent
 * ({@link StageEventCodec}) on one topic, keyed by its event id so a stage's tasks spread over the partitions; a
 * consumer group of {@code consumers} instances (in this process and in every other replica using the same group)
 * shares them. Plain {@code kafka-clients}, framework-free; the application wires it.
 * <p>
 * Delivery: at least once. {@code max.poll.records=1} and a manual commit after the step and its follow-up events
 * were acknowledged ({@code acks=all}): a consumer that dies mid-task leaves the record uncommitted, the group
 * rebalances and another instance redoes the task (idempotent: outputs are named by task index, markers are
 * create-once). {@code max.poll.interval.ms} is the longest one step may take ({@code maxTaskDuration}; tasks are
 * sized to finish well inside it), so a long task is not mistaken for a dead consumer the way a fixed 60 s
 * unprocessed-record age would be. A permanent failure (not a stage event, a {@link PipelineFailure}, an event the
 * runner refuses) goes to the dead-letter topic with its reason in the {@code dead-letter-reason} header and is
 * committed; a transient one is retried in place after {@code retryBackoff}.
 * <p>
 * Tracing: each step runs in a span continuing the record's {@code ce_traceparent} (a new trace when it carries
 * none); the follow-up events carry that span's {@code ce_traceparent} ({@link StageEventCodec#encode}).
 */
public final class KafkaTaskWorkers implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaTaskWorkers.class.getName());

    /** Topic of stage task events. */
    public static final String TOPIC = "tailguard.tasks";
    /** Consumer group shared by every replica. */
    public static final String GROUP = "tailguard-tasks";
    /** Header carrying why a record was dead-lettered. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";

    /**
     * Settings.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param topic            task topic
     * @param deadLetterTopic  dead-letter topic
     * @param group            consumer group id
     * @param consumers        consumer instances in this process (&gt; 0)
     * @param maxTaskDuration  longest one step may take ({@code max.poll.interval.ms})
     * @param retryBackoff     pause before a transient failure is retried
     */
    public record Settings(String bootstrapServers, String topic, String deadLetterTopic, String group, int consumers,
                           Duration maxTaskDuration, Duration retryBackoff) {
        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            if (consumers <= 0) {
                throw new IllegalArgumentException("consumers must be > 0, got " + consumers);
            }
        }
    }

    /** Publishes stage events on the task topic and waits for the broker's acknowledgement. */
    public static final class Publisher implements EventPublisher, AutoCloseable {
        private final KafkaProducer<String, byte[]> producer;
        private final String topic;

        /** A publisher with its own producer ({@code acks=all}, idempotent). */
        public Publisher(String bootstrapServers, String topic) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            this.topic = topic;
        }

        @Override
        public void publish(StageEvent event) {
            RecordHeaders headers = new RecordHeaders();
            byte[] value = StageEventCodec.toKafka(event, headers);
            try {
                producer.send(new ProducerRecord<>(topic, null, event.id(), value, headers)).get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("cannot publish " + event.id() + " on " + topic + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing " + event.id(), e);
            }
        }

        void deadLetter(String topic, ConsumerRecord<String, byte[]> r, String reason) throws Exception {
            ProducerRecord<String, byte[]> dl = new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers());
            dl.headers().add(DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
            producer.send(dl).get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private final Settings settings;
    private final StageRunner runner;
    private final Publisher publisher;
    private final FollowUps followUps;
    private final Map<String, AtomicLong> handledBy = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
    private final AtomicLong handled = new AtomicLong();
    private final Tracer tracer;

    /**
     * Workers whose spans are not recorded (the trace context still flows from each event to its follow-ups).
     *
     * @param settings  where and how many
     * @param runner    the stage runner over this replica's store
     * @param publisher where follow-up events go (normally the same topic)
     */
    public KafkaTaskWorkers(Settings settings, StageRunner runner, Publisher publisher) {
        this(settings, runner, publisher, CloudEventTracing.noopTracer());
    }

    /**
     * @param settings  where and how many
     * @param runner    the stage runner over this replica's store
     * @param publisher where follow-up events go (normally the same topic)
     * @param tracer    the tracer of the step spans
     */
    public KafkaTaskWorkers(Settings settings, StageRunner runner, Publisher publisher, Tracer tracer) {
        this(settings, runner, publisher, FollowUps.of(publisher), tracer);
    }

    /**
     * @param settings  where and how many
     * @param runner    the stage runner over this replica's store
     * @param publisher the task topic's producer (dead letters go through it too)
     * @param followUps publishes what follows each step (the deployed app: {@link StageBoundary})
     * @param tracer    the tracer of the step spans
     */
    public KafkaTaskWorkers(Settings settings, StageRunner runner, Publisher publisher, FollowUps followUps,
                            Tracer tracer) {
        this.settings = Objects.requireNonNull(settings);
        this.runner = Objects.requireNonNull(runner);
        this.publisher = Objects.requireNonNull(publisher);
        this.followUps = Objects.requireNonNull(followUps);
        this.tracer = Objects.requireNonNull(tracer);
    }

    /** Starts the consumer instances. */
    public synchronized void start() {
        running.set(true);
        for (int i = 0; i < settings.consumers(); i++) {
            KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                    new ByteArrayDeserializer());
            consumers.add(c);
            Thread t = new Thread(() -> consume(c), "tailguard-task-consumer-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Steps handled by this process's consumers so far. */
    public long handled() {
        return handled.get();
    }

    /** Steps handled so far per consumer instance of this process (by consumer thread name). */
    public Map<String, Long> handledByConsumer() {
        Map<String, Long> m = new java.util.TreeMap<>();
        handledBy.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(settings.maxTaskDuration().toMillis()));
        // heartbeats come from the client's background thread, independent of task length: a vanished replica's
        // partitions move to the others after 10 s instead of the default 45 s
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        return p;
    }

    private void consume(KafkaConsumer<String, byte[]> consumer) {
        try {
            consumer.subscribe(List.of(settings.topic()));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!process(consumer, r)) {
                        // transient failure: read the same record again after a pause
                        consumer.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
                        Thread.sleep(settings.retryBackoff().toMillis());
                        break;
                    }
                    consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()),
                            new OffsetAndMetadata(r.offset() + 1)));
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (WorkerKilled e) {
            LOG.log(System.Logger.Level.WARNING, "consumer killed mid-task: " + e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Handles one record; false when it must be retried. */
    private boolean process(KafkaConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> r)
            throws InterruptedException {
        String where = r.topic() + "-" + r.partition() + "@" + r.offset();
        StageEventCodec.Received in;
        try {
            in = StageEventCodec.readKafka(r.headers(), r.value());
        } catch (StageEventCodec.InvalidStageEvent e) {
            return deadLetter(r, "record " + where + ": " + e.getMessage());
        }
        StageEvent ev = in.event();
        return CloudEventTracing.inStageSpan(tracer, ev.stage(), ev.runId(),
                CloudEventTracing.continueOrStart(tracer, in.trace(), ev.runId()), out -> step(r, ev));
    }

    private boolean step(ConsumerRecord<String, byte[]> r, StageEvent ev) {
        try {
            followUps.publish(ev, runner.handle(ev));
            handled.incrementAndGet();
            handledBy.computeIfAbsent(Thread.currentThread().getName(), k -> new AtomicLong()).incrementAndGet();
            return true;
        } catch (PipelineFailure e) {
            return deadLetter(r, "stage " + e.stage() + " failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return deadLetter(r, "event " + ev.id() + " refused: " + e.getMessage());
        } catch (WorkerKilled e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event " + ev.id() + " failed, retrying: " + e.getMessage(), e);
            return false;
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> r, String reason) {
        try {
            publisher.deadLetter(settings.deadLetterTopic(), r, reason);
            LOG.log(System.Logger.Level.WARNING, "dead-lettered: " + reason);
            return true;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "cannot dead-letter (" + reason + "): " + e.getMessage());
            return false;
        }
    }

    /**
     * Thrown by a step to stand for the death of its worker (tests): the consumer stops at once without committing
     * the record, as a killed pod would (it still leaves the group, so the rebalance is immediate).
     */
    public static final class WorkerKilled extends RuntimeException {
        public WorkerKilled(String message) {
            super(message);
        }
    }

    /** Stops the consumers (uncommitted records are redelivered to the rest of the group). */
    @Override
    public synchronized void close() {
        running.set(false);
        consumers.forEach(KafkaConsumer::wakeup);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

/**
 * Event transports above the pure-Java core.
 * <p>
 * <b>Stage events</b> ({@code dev.tailguard.run.requested} … {@code dev.tailguard.run.reported}): one Kafka topic
 * per type ({@link dev.tailguard.messaging.KafkaBackbone}, {@link dev.tailguard.messaging.KafkaStages}); over HTTP the
 * Funqy functions of {@code dev.tailguard.function} take them from a Knative Trigger.
 * <p>
 * <b>Task events</b> ({@value dev.tailguard.core.pipeline.runner.StageEvent#TYPE}): the plan → task → merge protocol
 * of {@link dev.tailguard.core.pipeline.runner.StageRunner}, encoded once by
 * {@link dev.tailguard.messaging.StageEventCodec} (CloudEvents SDK; deterministic id, {@code dataref} = the store
 * object the step reads first). Over HTTP a replica answers them with {@link dev.tailguard.messaging.TaskWorker} and
 * publishes what follows to the broker ({@link dev.tailguard.messaging.HttpSinkPublisher}, {@code K_SINK}); over
 * Kafka {@link dev.tailguard.messaging.KafkaTaskWorkers} spreads them over the partitions of one topic and the
 * instances of one consumer group. Tests run both against real servers (two worker JVMs behind a round-robin sender;
 * a KRaft broker with two consumer instances), kill a worker mid-task and compare every output byte for byte with the
 * embedded run.
 * <p>
 * <b>Wiring in the application</b> ({@code tailguard.tasks.transport}, {@link dev.tailguard.messaging.TaskTransport}):
 * {@code local} keeps a stage's tasks on the function's own threads; with {@code sink} or {@code kafka} the stage
 * event ({@link dev.tailguard.messaging.TaskRoutes} on {@code POST /}, or {@link dev.tailguard.messaging.KafkaStages})
 * is admitted by {@code PipelineFunctions#begin}, the stage is planned and its task events go to the transport;
 * {@code POST /tasks} or the task topic's consumers handle them, and {@link dev.tailguard.messaging.StageBoundary}
 * turns a stage's merge into the stage's output event on the backbone, so the next stage starts through its own
 * function (review gate, Trigger, topic). {@code SinkTasksTest} and {@code KafkaTasksTest} run the application this
 * way and compare {@code blended/} with the same run embedded on 1 and 4 threads.
 */
package dev.tailguard.messaging;

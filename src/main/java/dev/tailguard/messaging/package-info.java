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
 * embedded run. Not wired yet: the Funqy stage functions still run a stage's tasks on the in-process
 * {@code tailguard.workers} pool; the transport switch, the {@code /tasks} route and the Knative Trigger for task
 * events are the next step.
 */
package dev.tailguard.messaging;

package dev.tailguard.cloud.wiring;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native-image registration of every class Jackson binds outside Funqy signatures: event data read or written by the
 * embedded dispatcher, the HTTP/Kafka emitters and {@code KafkaStages} ({@code convertValue}/{@code readValue} into the
 * event records), gate results serialized into manifests and {@code report.json}, the run configuration inside every
 * event, documents, and the {@code SyntheticDataRun} spec/status the Fabric8 client (de)serializes. Manifests,
 * reports and JSONL records themselves are plain maps.
 */
@RegisterForReflection(targets = {
        dev.tailguard.core.pipeline.RunRequested.class,
        dev.tailguard.core.pipeline.SyntheticGenerated.class,
        dev.tailguard.core.pipeline.SyntheticScored.class,
        dev.tailguard.core.pipeline.DatasetBlended.class,
        dev.tailguard.core.pipeline.RunReported.class,
        dev.tailguard.core.pipeline.RunConfig.class,
        dev.tailguard.core.gate.GateSpec.class,
        dev.tailguard.core.gate.GateResult.class,
        dev.tailguard.core.doc.Document.class,
        dev.tailguard.core.trigger.ObjectCreated.class,
        dev.tailguard.core.trigger.ObjectRemoved.class,
        dev.tailguard.core.trigger.OtherObjectEvent.class,
        dev.tailguard.messaging.KafkaCloudEvent.class,
        dev.tailguard.cloud.crd.SyntheticDataRun.class,
        dev.tailguard.cloud.crd.SyntheticDataRunSpec.class,
        dev.tailguard.cloud.crd.SyntheticDataRunSpec.Generator.class,
        dev.tailguard.cloud.crd.SyntheticDataRunSpec.Blend.class,
        dev.tailguard.cloud.crd.SyntheticDataRunSpec.Gate.class,
        dev.tailguard.cloud.crd.SyntheticDataRunSpec.Output.class,
        dev.tailguard.cloud.crd.SyntheticDataRunStatus.class,
        dev.tailguard.cloud.crd.SyntheticDataRunStatus.Counts.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}

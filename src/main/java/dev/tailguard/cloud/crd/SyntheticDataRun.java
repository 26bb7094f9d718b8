package dev.tailguard.cloud.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code tailguard.dev/v1alpha1 SyntheticDataRun} (short name {@code sdr}): one synthetic-data run; the schema is
 * {@code k8s/01-crd-syntheticdatarun.yaml}.
 */
@Group(SyntheticDataRun.GROUP)
@Version(SyntheticDataRun.VERSION)
@Kind("SyntheticDataRun")
@Plural("syntheticdataruns")
@Singular("syntheticdatarun")
@ShortNames("sdr")
@RegisterForReflection
public class SyntheticDataRun extends CustomResource<SyntheticDataRunSpec, SyntheticDataRunStatus> implements Namespaced {

    public static final String GROUP = "tailguard.dev";
    public static final String VERSION = "v1alpha1";
}

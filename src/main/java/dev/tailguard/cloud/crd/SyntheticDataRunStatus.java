package dev.tailguard.cloud.crd;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Observed run state.
 *
 * @param phase              {@code Pending|Running|Succeeded|Failed}
 * @param runId              pipeline run id ({@code runs/<runId>/} in the bucket)
 * @param observedGeneration the spec generation the current run was started for
 * @param counts             document counts so far
 * @param syntheticRatio     synthetic share of the blended set
 * @param collapseRisk       collapse risk from the report ({@code low|medium|high})
 * @param reportLocation     where the report is ({@code s3://bucket/runs/<runId>/report/...})
 * @param message            last human-readable message
 * @param conditions         {@code Started}, {@code Ready} conditions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record SyntheticDataRunStatus(String phase, String runId, Long observedGeneration, Counts counts,
                                     Double syntheticRatio, String collapseRisk, String reportLocation,
                                     String message, List<Condition> conditions) {

    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    /** Document counts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Counts(Long input, Long synthetic, Long kept, Long quarantined, Long blended) {
    }
}

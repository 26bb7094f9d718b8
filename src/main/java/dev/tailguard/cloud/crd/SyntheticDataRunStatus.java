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
 * @param progress           progress per stage ({@code generate}, {@code score}, {@code blend}, {@code report}) while
 *                           the run exists in the store, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record SyntheticDataRunStatus(String phase, String runId, Long observedGeneration, Counts counts,
                                     Double syntheticRatio, String collapseRisk, String reportLocation,
                                     String message, List<Condition> conditions, List<StageProgress> progress) {

    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    /** A status without stage progress. */
    public SyntheticDataRunStatus(String phase, String runId, Long observedGeneration, Counts counts,
                                  Double syntheticRatio, String collapseRisk, String reportLocation, String message,
                                  List<Condition> conditions) {
        this(phase, runId, observedGeneration, counts, syntheticRatio, collapseRisk, reportLocation, message, conditions,
                null);
    }

    /**
     * One stage's progress (task-granular, from the run's bookkeeping in the object store).
     *
     * @param stage          stage name
     * @param state          {@code pending}, {@code running} or {@code done}
     * @param tasksDone      completed tasks
     * @param tasksTotal     planned tasks
     * @param documentsDone  records of the completed tasks (with what tasks or a merge in the controller's process have
     *                       read; in phase {@code plan} the input lines ingested)
     * @param documentsTotal records of all planned tasks (a stage without tasks: what its merge reads); null when
     *                       unknown (phase {@code plan})
     * @param phase          a running stage's phase: {@code plan}, {@code tasks} or {@code merge}; null otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record StageProgress(String stage, String state, Integer tasksDone, Integer tasksTotal, Long documentsDone,
                                Long documentsTotal, String phase) {

        /** A stage's progress without a phase. */
        public StageProgress(String stage, String state, Integer tasksDone, Integer tasksTotal, Long documentsDone,
                             Long documentsTotal) {
            this(stage, state, tasksDone, tasksTotal, documentsDone, documentsTotal, null);
        }
    }

    /** Document counts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Counts(Long input, Long synthetic, Long kept, Long quarantined, Long blended) {
    }
}

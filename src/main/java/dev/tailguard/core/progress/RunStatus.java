package dev.tailguard.core.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.tailguard.core.pipeline.runner.LiveDocuments;

import java.util.List;

/**
 * A run's status read from the object store (the body of {@code GET /runs/{id}}, the source of the
 * {@code SyntheticDataRun} status progress).
 *
 * @param runId    run id
 * @param status   {@link #RUNNING}, {@link #SUCCEEDED} or {@link #FAILED} (from {@code report/report.json})
 * @param stage    the stage the run is in: the first stage not done, or the last one when all are done; on failure
 *                 the failed stage
 * @param stages   progress of every stage, in pipeline order
 * @param verdict  the collapse verdict once the run reported, else null
 * @param reason   why the run failed, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunStatus(@JsonProperty("run_id") String runId, String status, String stage, List<StageProgress> stages,
                        Verdict verdict, String reason) {

    /** Stages are running (or the run waits for review). */
    public static final String RUNNING = "running";
    /** The report was written. */
    public static final String SUCCEEDED = "succeeded";
    /** A stage failed; {@link #reason()} says why. */
    public static final String FAILED = "failed";

    public RunStatus {
        stages = List.copyOf(stages);
    }

    /**
     * The collapse verdict of a reported run.
     *
     * @param collapseRisk   {@code low}, {@code medium} or {@code high}
     * @param syntheticRatio synthetic share of the blended set
     * @param reasons        the measured reasons for the level (empty for {@code low})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verdict(@JsonProperty("collapse_risk") String collapseRisk,
                          @JsonProperty("synthetic_ratio") Double syntheticRatio, List<Reason> reasons) {
        public Verdict {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    /**
     * One measured reason of a verdict.
     *
     * @param signal    collapse signal key
     * @param level     level it supports
     * @param value     measured value
     * @param ci        its interval {@code [lo, hi]}
     * @param threshold the threshold it crossed
     */
    public record Reason(String signal, String level, double value, List<Double> ci, double threshold) {
    }

    /**
     * The status with the documents done of each running stage raised to what its running tasks in this process have
     * read (never above the stage's total; tasks and other stages unchanged).
     */
    public RunStatus withLive(LiveDocuments counts) {
        java.util.List<StageProgress> list = new java.util.ArrayList<>();
        for (StageProgress p : stages) {
            long live = StageProgress.RUNNING.equals(p.state()) ? counts.documents(runId, p.stage()) : 0;
            long done = Math.min(p.documentsTotal(), Math.max(p.documentsDone(), live));
            list.add(done == p.documentsDone() ? p : new StageProgress(p.stage(), p.state(), p.tasksDone(),
                    p.tasksTotal(), done, p.documentsTotal()));
        }
        return new RunStatus(runId, status, stage, list, verdict, reason);
    }

}

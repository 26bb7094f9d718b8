package dev.tailguard.core.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.tailguard.core.pipeline.GenerateStage;
import dev.tailguard.core.pipeline.runner.LiveDocuments;

import java.util.ArrayList;
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
     * The phase of the current {@link #stage()} ({@link StageProgress#PLAN}, {@link StageProgress#TASKS} or
     * {@link StageProgress#MERGE}) while it runs, else null; JSON {@code phase}.
     */
    @JsonProperty("phase")
    public String phase() {
        for (StageProgress p : stages) {
            if (p.stage().equals(stage)) {
                return p.phase();
            }
        }
        return null;
    }

    /**
     * The status with what this process's running work has read (never above a known total; tasks and other stages
     * unchanged): a running stage's documents done are raised to what its running tasks (or, for a stage without
     * tasks such as the report, its merge) have read; a generate stage not planned yet whose plan is ingesting input
     * ({@link GenerateStage#INGEST_PROGRESS}) is shown running in phase {@link StageProgress#PLAN} with the input
     * lines read so far and an unknown total.
     */
    public RunStatus withLive(LiveDocuments counts) {
        List<StageProgress> list = new ArrayList<>();
        for (StageProgress p : stages) {
            list.add(live(p, counts));
        }
        return new RunStatus(runId, status, stage, list, verdict, reason);
    }

    private StageProgress live(StageProgress p, LiveDocuments counts) {
        if (StageProgress.PENDING.equals(p.state()) && GenerateStage.STAGE.equals(p.stage())) {
            long ingested = counts.documents(runId, GenerateStage.INGEST_PROGRESS);
            return ingested == 0 ? p : new StageProgress(p.stage(), StageProgress.RUNNING, 0, 0, ingested,
                    StageProgress.UNKNOWN, StageProgress.PLAN);
        }
        if (!StageProgress.RUNNING.equals(p.state())) {
            return p;
        }
        long read = Math.max(p.documentsDone(), counts.documents(runId, p.stage()));
        long done = p.totalKnown() ? Math.min(p.documentsTotal(), read) : read;
        return done == p.documentsDone() ? p : new StageProgress(p.stage(), p.state(), p.tasksDone(), p.tasksTotal(),
                done, p.documentsTotal(), p.phase());
    }

}

package dev.tailguard.cloud.crd;

import java.util.List;
import java.util.Optional;

/**
 * Hook from the {@link SyntheticDataRunController} to the pipeline (implemented by the pipeline as a CDI bean:
 * send {@code dev.tailguard.run.requested} for the run, and read progress from the run's manifest/report in the
 * object store).
 */
public interface RunLauncher {

    /**
     * Starts the run. The controller calls this at most once per spec generation under normal operation; after a
     * crash between starting and recording the start it may call it again with the same {@code runId}, so the
     * implementation must be idempotent per {@code runId} (e.g. skip when {@code runs/<runId>/} already exists,
     * or rely on the pipeline's event deduplication).
     *
     * @param runId deterministic id: {@code <namespace>-<name>-g<generation>}, see {@link #runId}
     * @param spec  the spec of that generation
     * @throws Exception when the run could not be requested (the controller retries on the next resync)
     */
    void launch(String runId, SyntheticDataRunSpec spec) throws Exception;

    /** Progress of a started run, or empty while nothing is known yet. */
    Optional<RunProgress> progress(String runId) throws Exception;

    /** The run id the controller uses for a resource generation (lower-case, {@code [a-z0-9-]}). */
    static String runId(String namespace, String name, long generation) {
        String base = (namespace + "-" + name).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        return base + "-g" + generation;
    }

    /**
     * What the pipeline reports about a run.
     *
     * @param phase          {@code Running}, {@code Succeeded} or {@code Failed}
     * @param counts         document counts so far (nullable fields)
     * @param syntheticRatio synthetic share of the blended set, once known
     * @param collapseRisk   {@code low|medium|high}, once the report exists
     * @param reportLocation e.g. {@code s3://corpora/runs/<runId>/report/report.html}
     * @param message        human-readable detail (the failure reason for {@code Failed})
     * @param stages         progress per stage, or null when unknown
     */
    record RunProgress(String phase, SyntheticDataRunStatus.Counts counts, Double syntheticRatio, String collapseRisk,
                       String reportLocation, String message, List<SyntheticDataRunStatus.StageProgress> stages) {

        /** Progress without per-stage detail. */
        public RunProgress(String phase, SyntheticDataRunStatus.Counts counts, Double syntheticRatio,
                           String collapseRisk, String reportLocation, String message) {
            this(phase, counts, syntheticRatio, collapseRisk, reportLocation, message, null);
        }
    }
}

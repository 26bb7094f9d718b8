package dev.tailguard.core.pipeline;

/** Object keys of a run: {@code runs/<runId>/{input,synthetic,scores,blended,quarantine,report}/...}. */
public record RunLayout(String runId) {

    public RunLayout {
        if (runId == null || !runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("invalid run id '" + runId + "' (letters, digits, . _ -; max 128)");
        }
    }

    /** {@code runs/<runId>/<area>/}. */
    public String prefix(String area) {
        return "runs/" + runId + "/" + area + "/";
    }

    /** The manifest (and idempotency marker) a stage writes under its output area. */
    public String manifest(String area) {
        return prefix(area) + "_SUCCESS.json";
    }

    /** Key of the dataset card: {@code README.md} at the run root, the dataset root its {@code data_files} are relative to. */
    public String datasetCard() {
        return "runs/" + runId + "/README.md";
    }

    /** Key of report.json. */
    public String reportJson() {
        return prefix("report") + "report.json";
    }
}

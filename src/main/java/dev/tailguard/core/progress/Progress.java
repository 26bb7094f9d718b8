package dev.tailguard.core.progress;

/**
 * Listener of a stage's progress in documents. Stages call {@link #update} as they go (cheaply: a listener
 * throttles its own output) and {@link #finished} once. The embedded run drives it through a {@link ProgressWatcher}
 * from the object store (completed tasks) and the per-document counts of the running tasks ({@link dev.tailguard.core.pipeline.runner.LiveDocuments},
 * fed by the stage runner and the task-range readers), so the stages need no hook of their own.
 */
public interface Progress {

    /** A listener that ignores everything. */
    Progress NONE = new Progress() {
        @Override
        public void update(String stage, long done, long total) {
        }

        @Override
        public void finished(String stage, long done) {
        }
    };

    /**
     * Documents done so far in the stage.
     *
     * @param total the stage's total, or a negative number when unknown (no ETA then)
     */
    void update(String stage, long done, long total);

    /** The stage ended after {@code done} documents. */
    void finished(String stage, long done);
}

package dev.tailguard.core.progress;

import dev.tailguard.core.pipeline.GenerateStage;
import dev.tailguard.core.pipeline.runner.LiveDocuments;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Feeds a {@link Progress} listener from a run's {@link RunStatus} (typically {@link RunStatusReader#read}) on a
 * daemon thread every {@code intervalMillis}: {@link Progress#update} with the documents done in each running stage
 * while tasks remain (the larger of the completed tasks' documents in the store and the documents the running tasks
 * of this process have read, {@link LiveDocuments}; capped at the stage's total), {@link Progress#finished} once when a stage is merged. The
 * generate stage's plan (ingest, anchor freeze, generator training: before any task exists) is shown under
 * {@link #planLabel} as input lines read (rate, no total), ended by a finished line when the tasks start; a stage
 * without tasks (the report) is shown by the documents its merge has read against the blended total (rate and ETA). {@link #poll()} may also be called directly (tests, a final refresh); {@link #close()} stops
 * the thread after one last poll.
 */
public final class ProgressWatcher implements AutoCloseable {

    private final Supplier<Optional<RunStatus>> status;
    private final Progress progress;
    private final Set<String> finished = new HashSet<>();
    private final Set<String> planShown = new HashSet<>();
    private final Set<String> mergeShown = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final LiveDocuments live;

    private ProgressWatcher(Supplier<Optional<RunStatus>> status, Progress progress, long intervalMillis,
                            LiveDocuments live) {
        this.status = status;
        this.live = live;
        this.progress = progress;
        this.thread = intervalMillis <= 0 ? null : new Thread(() -> loop(intervalMillis), "tailguard-progress");
    }

    /** A watcher polling every {@code intervalMillis} on its own daemon thread. */
    public static ProgressWatcher start(Supplier<Optional<RunStatus>> status, Progress progress, long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("poll interval must be > 0, got " + intervalMillis);
        }
        ProgressWatcher w = new ProgressWatcher(status, progress, intervalMillis, LiveDocuments.process());
        w.thread.setDaemon(true);
        w.thread.start();
        return w;
    }

    /** A watcher without a thread: progress moves only on {@link #poll()}. */
    public static ProgressWatcher manual(Supplier<Optional<RunStatus>> status, Progress progress) {
        return manual(status, progress, LiveDocuments.process());
    }

    /** A watcher without a thread reading the per-document counts of {@code live} (tests). */
    public static ProgressWatcher manual(Supplier<Optional<RunStatus>> status, Progress progress, LiveDocuments live) {
        return new ProgressWatcher(status, progress, 0, live);
    }

    private void loop(long intervalMillis) {
        while (running) {
            try {
                poll();
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a status read racing a write: the next poll sees a consistent store
            }
        }
    }

    /** Reads the status once and reports it. */
    public synchronized void poll() {
        Optional<RunStatus> s = status.get();
        if (s.isEmpty()) {
            return;
        }
        for (StageProgress p : s.get().withLive(live).stages()) {
            if (finished.contains(p.stage())) {
                continue;
            }
            endPlan(s.get().runId(), p);
            if (StageProgress.PLAN.equals(p.phase())) {
                planShown.add(p.stage());
                progress.update(planLabel(p.stage()), p.documentsDone(), StageProgress.UNKNOWN);
            } else if (p.tasksTotal() == 0) {
                mergeOnly(p);
            } else if (StageProgress.DONE.equals(p.state())) {
                progress.finished(p.stage(), p.documentsTotal());
                finished.add(p.stage());
            } else if (StageProgress.TASKS.equals(p.phase())) {
                // all tasks done, merge pending: the finished line follows; repeating 100% lines says nothing
                progress.update(p.stage(), p.documentsDone(), p.documentsTotal());
            }
        }
    }

    /** A stage without tasks (the report): its merge's reads while running, one finished line once done. */
    private void mergeOnly(StageProgress p) {
        if (StageProgress.DONE.equals(p.state())) {
            if (mergeShown.contains(p.stage())) {
                progress.finished(p.stage(), p.documentsDone());
            }
            finished.add(p.stage());
        } else if (StageProgress.MERGE.equals(p.phase()) && p.documentsDone() > 0) {
            mergeShown.add(p.stage());
            progress.update(p.stage(), p.documentsDone(), p.documentsTotal());
        }
    }

    /** Ends the plan line of a stage whose plan was shown once the stage has left its plan phase. */
    private void endPlan(String runId, StageProgress p) {
        if (planShown.contains(p.stage()) && !StageProgress.PLAN.equals(p.phase())) {
            planShown.remove(p.stage());
            long read = GenerateStage.STAGE.equals(p.stage())
                    ? live.documents(runId, GenerateStage.INGEST_PROGRESS) : 0;
            progress.finished(planLabel(p.stage()), read);
        }
    }

    /** The name the plan phase of {@code stage} is shown under (its own rate, apart from the stage's tasks). */
    public static String planLabel(String stage) {
        return stage + " plan";
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            poll();
        } catch (RuntimeException ignored) {
            // the run's own outcome is reported by the caller
        }
    }
}

package dev.tailguard.cloud.wiring;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;

/**
 * Runs requested runs in this process through the embedded dispatcher, one at a time per run id: a request for a run
 * that is still in flight joins it; a request for a finished run dispatches again, and the stages skip the work whose
 * manifest exists (so nothing is rewritten). Failures are recorded by the stages ({@code report/report.json} with
 * status failed) and kept on the returned future.
 */
public final class InProcessRuns implements RunEmitter {

    private static final System.Logger LOG = System.getLogger(InProcessRuns.class.getName());

    private final Function<RunRequested, RunReported> pipeline;
    private final Executor executor;
    private final Map<String, CompletableFuture<RunReported>> runs = new ConcurrentHashMap<>();
    private final AtomicLong dispatches = new AtomicLong();

    /**
     * @param pipeline runs the whole chain for one request (the embedded dispatcher)
     * @param executor where runs execute
     */
    public InProcessRuns(Function<RunRequested, RunReported> pipeline, Executor executor) {
        this.pipeline = Objects.requireNonNull(pipeline);
        this.executor = Objects.requireNonNull(executor);
    }

    @Override
    public void emit(RunRequested request) {
        submit(request);
    }

    /** Starts the run unless it is in flight; returns the run's (possibly joined) completion. */
    public CompletableFuture<RunReported> submit(RunRequested request) {
        Objects.requireNonNull(request.runId(), "runId");
        return runs.compute(request.runId(), (id, current) -> {
            if (current != null && !current.isDone()) {
                return current;
            }
            dispatches.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> pipeline.apply(request), executor).whenComplete((r, e) -> {
                if (e != null) {
                    LOG.log(System.Logger.Level.WARNING, "run " + id + " failed: " + e.getMessage());
                }
            });
        });
    }

    /** The latest submission of a run in this process. */
    public Optional<CompletableFuture<RunReported>> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** How many times a chain was dispatched (joins of an in-flight run not counted). */
    public long dispatches() {
        return dispatches.get();
    }

    @Override
    public String describe() {
        return "in-process dispatcher";
    }
}

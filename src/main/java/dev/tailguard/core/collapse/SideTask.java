package dev.tailguard.core.collapse;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A computation run on its own daemon thread beside the caller's (the classifier test beside the LM in the report
 * and in the anchor baseline: independent and deterministic, so the result does not depend on the overlap). Profiled
 * as the longest single-threaded phases of a run (issue 12): the second core was idle there.
 *
 * @param <T> the result type
 */
final class SideTask<T> {

    private final FutureTask<T> task;

    private SideTask(Callable<T> work, String name) {
        this.task = new FutureTask<>(work);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** Starts {@code work} on a new thread named {@code name}. */
    static <T> SideTask<T> start(String name, Callable<T> work) {
        return new SideTask<>(work, name);
    }

    /** Waits for the result; an exception of the work is rethrown (unchecked as it was, else wrapped). */
    T join() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + task, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}

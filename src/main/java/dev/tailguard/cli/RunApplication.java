package dev.tailguard.cli;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.progress.ProgressWatcher;
import dev.tailguard.core.progress.RunStatusReader;
import dev.tailguard.core.progress.TerminalProgress;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.function.Dispatcher;
import dev.tailguard.function.PipelineFunctions;
import dev.tailguard.function.StageFailedException;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The embedded {@code run}: builds {@code dev.tailguard.run.requested} and dispatches it through the four functions. */
public class RunApplication implements QuarkusApplication {

    /** How often the progress bar re-reads the run's status from the store. */
    static final long POLL_MILLIS = 500;
    /** Without a terminal (a log, CI) a stage prints a plain progress line at most this often, plus one at its end. */
    static final double PLAIN_LINE_SECONDS = 10;

    @Inject
    PipelineFunctions functions;
    @Inject
    Dispatcher dispatcher;
    @Inject
    ObjectStore store;
    @ConfigProperty(name = "tailguard-cli.inputs")
    Optional<String> inputs;
    @ConfigProperty(name = "tailguard-cli.run-id")
    Optional<String> runId;

    @Override
    public int run(String... args) {
        RunRequested req;
        try {
            req = functions.complete(new RunRequested(runId.orElse(null), List.copyOf(Arrays.asList(inputs.orElse("").split(","))), null));
        } catch (RuntimeException e) {
            System.err.println("tailguard run: " + e.getMessage());
            return 2;
        }
        System.err.println("tailguard run " + req.runId() + " -> " + store.describe("runs/" + req.runId()));
        TerminalProgress bar = new TerminalProgress(System.err, System.console() != null, PLAIN_LINE_SECONDS);
        RunStatusReader status = new RunStatusReader(store);
        String id = req.runId();
        try (ProgressWatcher watcher = ProgressWatcher.start(() -> status.read(id), bar, POLL_MILLIS)) {
            RunReported done = dispatcher.run(Events.RUN_REQUESTED, req, bar.messages(() -> {
                try {
                    watcher.poll();
                } catch (RuntimeException e) {
                    // progress is best effort; the run's own lines still print
                }
            }));
            if (done == null) {
                System.err.println("run " + req.runId() + " paused: its synthetic batch waits for human review;"
                        + " start the server on the same store and approve it at /review/");
                return 0;
            }
            System.err.println("report: " + store.describe(done.report()));
            System.out.println(Json.write(done));
            System.out.flush();
            System.err.println(dev.tailguard.core.report.TrainVerdict.endOfRun(
                    dev.tailguard.core.pipeline.Manifest.read(store, done.report()),
                    store.describe(done.report().replace("report.json", "index.html"))));
            return 0;
        } catch (StageFailedException e) {
            System.err.println("tailguard run failed in stage " + e.stage() + ": " + e.getMessage());
            System.err.println("failure report: " + store.describe("runs/" + req.runId() + "/report/report.json"));
            return 1;
        }
    }
}

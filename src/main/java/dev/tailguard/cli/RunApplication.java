package dev.tailguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunLayout;
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

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The embedded {@code run}: builds {@code dev.tailguard.run.requested} and dispatches it through the four functions.
 * Every ending is one line on stderr and an exit code ({@link TailguardCommand#OK}, {@link TailguardCommand#FAILED},
 * {@link TailguardCommand#USAGE}); a report path is printed only when that report exists in the store (a failure
 * report only when it says {@code failed}), so an unwritable store or an out-of-memory error never names a report
 * that was not written.
 */
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
            System.err.println("tailguard run: " + oneLine(e.getMessage()));
            return TailguardCommand.USAGE;
        }
        System.err.println("tailguard run " + req.runId() + " -> " + store.describe("runs/" + req.runId()));
        TerminalProgress bar = new TerminalProgress(System.err, System.console() != null, PLAIN_LINE_SECONDS);
        RunStatusReader status = new RunStatusReader(store);
        String id = req.runId();
        try (ProgressWatcher watcher = ProgressWatcher.start(() -> status.read(id), bar, POLL_MILLIS)) {
            Runnable poll = () -> {
                try {
                    watcher.poll();
                } catch (RuntimeException e) {
                    // progress is best effort; the run's own lines still print
                }
            };
            return finish(store, id, () -> {
                RunReported done = dispatcher.run(Events.RUN_REQUESTED, req, bar.messages(poll));
                poll.run(); // the report's closing progress line before the verdict lines
                return done;
            }, System.out, System.err);
        }
    }

    /**
     * Runs the dispatched run and turns its ending into output and an exit code: the reported event as one JSON line
     * on {@code out} followed by the verdict and the path of {@code index.html} on {@code err} (0), a pause for review
     * (0), or a failure (1) with one line naming the stage or the error and one line naming the failure report only
     * when it was written, then, when a report-stage stop gate failed after the whole report was written, the verdict
     * and the path of {@code index.html}.
     */
    public static int finish(ObjectStore store, String runId, Supplier<RunReported> run, PrintStream out,
                             PrintStream err) {
        try {
            RunReported done = run.get();
            if (done == null) {
                err.println("run " + runId + " paused: its synthetic batch waits for human review;"
                        + " start the server on the same store and approve it at /review/");
                return TailguardCommand.OK;
            }
            err.println("report: " + store.describe(done.report()));
            out.println(Json.write(done));
            out.flush();
            err.println(dev.tailguard.core.report.TrainVerdict.endOfRun(
                    dev.tailguard.core.pipeline.Manifest.read(store, done.report()),
                    store.describe(done.report().replace("report.json", "index.html"))));
            return TailguardCommand.OK;
        } catch (StageFailedException e) {
            err.println("tailguard run failed in stage " + e.stage() + ": " + oneLine(e.getMessage()));
        } catch (OutOfMemoryError e) {
            err.println("tailguard run " + runId + " failed: out of memory (" + oneLine(e.getMessage())
                    + "); give the JVM more heap, e.g. java -Xmx2g -jar ...");
        } catch (RuntimeException e) {
            err.println("tailguard run " + runId + " failed: " + e.getClass().getSimpleName() + ": "
                    + oneLine(e.getMessage()));
        }
        err.println(failureReportLine(store, runId));
        String verdict = stoppedVerdict(store, runId);
        if (verdict != null) {
            err.println(verdict);
        }
        return TailguardCommand.FAILED;
    }

    /**
     * For a run a report-stage stop gate failed (the whole report was written, e.g. collapse risk high): the verdict
     * and {@code open: <index.html>} lines; else null.
     */
    static String stoppedVerdict(ObjectStore store, String runId) {
        RunLayout layout = new RunLayout(runId);
        try {
            if (!dev.tailguard.core.pipeline.FailureReasons.stoppedByReportGate(store, runId)) {
                return null;
            }
            return dev.tailguard.core.report.TrainVerdict.endOfRun(
                    dev.tailguard.core.pipeline.Manifest.read(store, layout.reportJson()),
                    store.describe(layout.prefix("report") + "index.html"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code failure report: <where>} when the run's report exists and says failed, else that none was written. */
    static String failureReportLine(ObjectStore store, String runId) {
        String key = new RunLayout(runId).reportJson();
        try {
            if (store.exists(key)) {
                try (InputStream in = store.open(key)) {
                    JsonNode report = Json.MAPPER.readTree(in);
                    if ("failed".equals(report.path("status").asText())) {
                        return "failure report: " + store.describe(key);
                    }
                }
            }
        } catch (Exception | OutOfMemoryError e) {
            return "no failure report was written (the store cannot be read or written: " + oneLine(e.getMessage()) + ")";
        }
        return "no failure report was written";
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "no detail";
        }
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 400 ? t.substring(0, 400) + "..." : t;
    }
}

package dev.tailguard.cli;

import dev.tailguard.core.calibrate.CalibrationPlan;
import dev.tailguard.core.calibrate.CalibrationResult;
import dev.tailguard.core.calibrate.Calibrator;
import dev.tailguard.core.calibrate.Chain;
import dev.tailguard.core.collapse.CollapsePolicy;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tailguard calibrate}: picocli options mapped onto {@link CalibrationPlan}; the chains themselves run in
 * {@link Calibrator} (core, pure Java) on the embedded pipeline.
 */
@RegisterForReflection
@Command(name = "calibrate", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run the real pipeline recursively on chains whose answer is known (replace, accumulate, "
                + "fresh-real control, word salad, the default trigram generator) and measure when each collapse "
                + "signal and the verdict fire."},
        footer = {"", "Writes DIR/calibration.json, DIR/calibration.html, the runs under DIR/store/ and the split "
                + "inputs under DIR/inputs/; progress on stderr, the acceptance summary as JSON on stdout.",
                "Rerunning on the same DIR reuses finished runs.", "Exit codes: 0 ok, 1 failed, 2 usage error."})
public class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "CORPUS.jsonl",
            description = "Real corpus, one {\"id\",\"text\",...} per line (.zst/.gz accepted).")
    Path input;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;
    @Option(names = "--generations", paramLabel = "G", defaultValue = "3",
            description = "Generations of replace, accumulate and salad (default ${DEFAULT-VALUE}).")
    int generations;
    @Option(names = "--seeds", paramLabel = "S", defaultValue = "1",
            description = "Seeds of the collapsing chains (default ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--control-seeds", paramLabel = "N", defaultValue = "10",
            description = "Seeds of the fresh-real control (default ${DEFAULT-VALUE}).")
    int controlSeeds;
    @Option(names = "--control-generations", paramLabel = "N", defaultValue = "1",
            description = "Generations of the control chain (default ${DEFAULT-VALUE}).")
    int controlGenerations;
    @Option(names = "--chains", paramLabel = "LIST", defaultValue = Chain.ALL,
            description = "Comma-separated chains (default ${DEFAULT-VALUE}).")
    String chains;
    @Option(names = "--anchor-share", paramLabel = "P", defaultValue = "0.1",
            description = "Share of documents held out as the anchor, raised (up to 0.5) until the anchor holds "
                    + "--min-anchor-windows (default ${DEFAULT-VALUE}).")
    double anchorShare;
    @Option(names = "--min-anchor-windows", paramLabel = "N", defaultValue = "" + CollapsePolicy.MIN_WINDOWS,
            description = "Minimum anchor size for a verdict, in 64-token classifier windows (default ${DEFAULT-VALUE}).")
    int minAnchorWindows;
    @Option(names = "--replace-ratio", paramLabel = "R", defaultValue = "0.9",
            description = "Synthetic ratio of the replace chain; its real-data floor is 1 - R (default ${DEFAULT-VALUE}).")
    double replaceRatio;
    @Option(names = "--workers", paramLabel = "N", description = "Workers per pipeline run (default min(2, cores)).")
    Integer workers;

    @Override
    public Integer call() {
        CalibrationPlan plan = plan();
        return Streams.run(spec, (o, e) -> run(plan, o, e));
    }

    private static int run(CalibrationPlan plan, PrintStream o, PrintStream e) {
        try {
            CalibrationResult r = Calibrator.run(plan, e);
            o.println(dev.tailguard.core.io.Json.write(r.acceptance()));
            e.println("calibrate: wrote " + plan.out().resolve("calibration.json") + " and calibration.html");
            return TailguardCommand.OK;
        } catch (IOException | RuntimeException ex) {
            e.println("tailguard calibrate failed: " + ex.getMessage());
            return TailguardCommand.FAILED;
        }
    }

    /** The options as a plan; a rejected value names its flag (exit code 2). */
    CalibrationPlan plan() {
        int w = workers != null ? workers : Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        try {
            return new CalibrationPlan(input.toAbsolutePath().normalize(), out.toAbsolutePath().normalize(),
                    generations, seeds, controlSeeds, controlGenerations, Chain.parseList(chains), anchorShare,
                    minAnchorWindows, CalibrationPlan.DEFAULT_FRESH_SHARE, replaceRatio, w);
        } catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), "Invalid value: " + ex.getMessage(), ex);
        }
    }
}

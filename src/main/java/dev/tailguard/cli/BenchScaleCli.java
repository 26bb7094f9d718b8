package dev.tailguard.cli;

import dev.tailguard.cli.tools.BenchCommand;
import dev.tailguard.cli.tools.ScaleBench;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code tailguard bench scale}: options mapped onto {@link ScaleBench#run}; a bad value names its flag (exit 2).
 * Each run is a child JVM ({@code dev.tailguard.cli.tools.ScaleRun} on this JVM's class path), not this command line.
 */
@RegisterForReflection
@Command(name = "scale", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Whole pipeline on the corpus concatenated C times, each (copies, workers) pair in its own JVM"
                + " with -Xmx; prints one JSON object per run (MB/s, stage seconds, peak heap, load average).",
        footer = {"", "Exit codes: 0 ok (a failed or timed-out run is reported in its row), 1 failed, 2 usage error."})
public class BenchScaleCli implements Callable<Integer> {

    /** What {@code -Xmx} takes: a number with an optional k/m/g/t unit. */
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgGtT]?");

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", defaultValue = BenchCommand.DEFAULT_INPUT,
            description = "JSONL corpus (default ${DEFAULT-VALUE}).")
    Path input;
    @Option(names = "--copies", paramLabel = "C", split = ",", defaultValue = "1,4,16",
            description = "Corpus copies, each >= 1 (default ${DEFAULT-VALUE}).")
    List<Integer> copies;
    @Option(names = "--workers", paramLabel = "W", split = ",", defaultValue = "1,2",
            description = "Worker threads per run, each >= 1 (default ${DEFAULT-VALUE}).")
    List<Integer> workers;
    @Option(names = "--xmx", paramLabel = "SIZE", defaultValue = "512m", description = "Heap of each run's JVM (default ${DEFAULT-VALUE}).")
    String xmx;
    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "900", description = "Seconds before a run is stopped (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;
    @Option(names = "--heap-probe", description = "Force a full GC in each run's JVM every second and report the largest"
            + " used heap after it (heap_live_probe_mb: the live set); slows the runs, so their times are not timing figures.")
    boolean heapProbe;
    @Option(names = "--cpus-per-worker", paramLabel = "N", defaultValue = "1", description = "Confine a run of W workers"
            + " to W×N CPUs (taskset and -XX:ActiveProcessorCount, like a container CPU limit), so one worker cannot"
            + " borrow a second core; 0 = not confined (default ${DEFAULT-VALUE}).")
    int cpusPerWorker;

    @Override
    public Integer call() {
        List<Integer> c = BenchCli.atLeast(spec, "--copies", copies, 1);
        List<Integer> w = BenchCli.atLeast(spec, "--workers", workers, 1);
        long t = BenchCli.atLeast(spec, "--timeout-s", List.of(timeoutSeconds), 1).get(0);
        int cpus = BenchCli.atLeast(spec, "--cpus-per-worker", List.of(cpusPerWorker), 0).get(0);
        if (!HEAP.matcher(xmx).matches()) {
            throw BenchCli.invalid(spec, "--xmx", xmx, "is not a heap size like 512m or 2g");
        }
        return Streams.run(spec, (out, err) -> ScaleBench.run(input, c, w, xmx, t, heapProbe, cpus, out, err));
    }
}

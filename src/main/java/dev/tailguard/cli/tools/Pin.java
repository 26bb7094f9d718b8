package dev.tailguard.cli.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code bench scale} confines one run to the CPUs its workers stand for: {@code workers × cpusPerWorker} CPUs,
 * numbered from 0, through {@code taskset -c} plus {@code -XX:ActiveProcessorCount} (what a container CPU limit
 * looks like to the JVM) and {@code -XX:+UseG1GC}: below two processors the JVM's ergonomics would pick the serial
 * collector, so a one-CPU run would differ from a two-CPU run by more than its CPUs.
 *
 * @param pinned whether the run is confined
 * @param cpus   the CPUs the run may use (the machine's count when not confined)
 * @param note   why the run is not confined, or null
 * @param taskset the {@code taskset} binary, or null when not confined
 */
record Pin(boolean pinned, int cpus, String note, Path taskset) {

    /**
     * @param workers       worker threads of the run
     * @param cpusPerWorker CPUs per worker; 0 = do not confine
     * @param available     CPUs of this machine
     * @param taskset       where {@code taskset} should be
     */
    static Pin of(int workers, int cpusPerWorker, int available, Path taskset) {
        if (cpusPerWorker <= 0) {
            return new Pin(false, available, "not confined (--cpus-per-worker 0)", null);
        }
        long want = (long) workers * cpusPerWorker;
        if (want > available) {
            return new Pin(false, available, "not confined: " + want + " CPUs asked, " + available + " available", null);
        }
        if (!Files.isExecutable(taskset)) {
            return new Pin(false, available, "not confined: " + taskset + " not found (util-linux)", null);
        }
        return new Pin(true, (int) want, null, taskset);
    }

    /** The command line that runs {@code java} (its first element) confined as this pin says. */
    List<String> command(List<String> java) {
        if (!pinned) {
            return java;
        }
        List<String> cmd = new ArrayList<>(List.of(taskset.toString(), "-c", cpus == 1 ? "0" : "0-" + (cpus - 1),
                java.get(0), "-XX:ActiveProcessorCount=" + cpus, "-XX:+UseG1GC"));
        cmd.addAll(java.subList(1, java.size()));
        return cmd;
    }
}

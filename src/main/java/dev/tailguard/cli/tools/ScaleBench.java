package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bench scale} (options parsed by {@code dev.tailguard.cli.BenchScaleCli}): builds
 * each scaled corpus on the fly in a temporary folder (the input concatenated {@code c} times, copy {@code j} of a
 * document with id {@code <id>~<j>} so every id is unique), then for every (copies, workers) pair runs the whole
 * pipeline in a <em>separate JVM</em> started with {@code -Xmx<xmx>} ({@link ScaleRun}) and prints one JSON object
 * per line: corpus MB, wall, MB/s end to end, per-stage seconds, peak heap of the worker JVM (heap pools' summed peak
 * and the live maximum after GC) and the machine's load average before and after. The speed-up of 2 workers over 1
 * is printed for each size. Targets (issue 12) are reported, never asserted: 16× at -Xmx512m, peak heap within 20%
 * from 1× to 16×, 2 workers ≥ 1.7× faster, ≥ 5 MB/s.
 *
 * <p>A worker is a unit of compute as a cluster gives it: with {@code cpusPerWorker} &gt; 0 a run with {@code w}
 * workers is confined to {@code w × cpusPerWorker} CPUs ({@code taskset -c 0-…}, and
 * {@code -XX:ActiveProcessorCount} so the JVM sizes its GC, JIT and common pool as in a container with that CPU
 * limit), so "1 worker" cannot borrow the second core through a plan's or merge's helper threads. Without
 * {@code taskset}, or with more CPUs asked than the machine has, the run is not confined and its row says why
 * ({@code pinned: false}, {@code pin_note}).
 */
public final class ScaleBench {

    private ScaleBench() {
    }

    /**
     * Runs every (copies, workers) pair in a child JVM with {@code -Xmx<xmx>} and prints one JSON object per line.
     *
     * @param input the JSONL corpus to scale
     * @param copies corpus sizes as multiples of the input, each >= 1 (checked by the caller)
     * @param workers worker-thread counts, each >= 1 (checked by the caller)
     * @param xmx the child JVM's heap limit, as {@code -Xmx} takes it (e.g. {@code 512m})
     * @param timeout seconds a child JVM may run before it is stopped and its row reports the timeout
     * @return 0 ok (a failed child is reported in its row), 1 failure (named on {@code err})
     */
    public static int run(Path input, List<Integer> copies, List<Integer> workers, String xmx, long timeout,
                          PrintStream out, PrintStream err) {
        return run(input, copies, workers, xmx, timeout, false, 0, out, err);
    }

    /**
     * As {@link #run(Path, List, List, String, long, PrintStream, PrintStream)}; with {@code heapProbe} each child
     * also measures its live set by forced full collections ({@link HeapProbe}, field {@code heap_live_probe_mb});
     * with {@code cpusPerWorker} &gt; 0 each child is confined to {@code workers × cpusPerWorker} CPUs (0: not
     * confined).
     */
    public static int run(Path input, List<Integer> copies, List<Integer> workers, String xmx, long timeout,
                          boolean heapProbe, int cpusPerWorker, PrintStream out, PrintStream err) {
        ObjectMapper json = new ObjectMapper();
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("tailguard-scale");
            for (int c : copies) {
                Path corpus = tmp.resolve("corpus-x" + c + ".jsonl");
                long bytes = concatenate(input, corpus, c, json);
                double wall1 = Double.NaN;
                for (int w : workers) {
                    Path outDir = tmp.resolve("out-x" + c + "-w" + w);
                    ObjectNode row = json.createObjectNode();
                    row.put("copies", c);
                    row.put("corpus_mb", bytes / 1e6);
                    row.put("xmx", xmx);
                    row.put("load_before", load());
                    Pin pin = Pin.of(w, cpusPerWorker, Runtime.getRuntime().availableProcessors(), TASKSET);
                    row.put("pinned", pin.pinned());
                    row.put("cpus", pin.cpus());
                    if (pin.note() != null) {
                        row.put("pin_note", pin.note());
                    }
                    JsonNode r = child(pin.command(javaCommand(corpus, outDir, w, xmx, heapProbe)), timeout, err);
                    row.put("load_after", load());
                    row.setAll((ObjectNode) r);
                    double wall = r.path("wall_s").asDouble(Double.NaN);
                    if (r.path("ok").asBoolean(false)) {
                        row.put("mb_per_s", bytes / 1e6 / wall);
                        if (w == 1) {
                            wall1 = wall;
                        } else if (!Double.isNaN(wall1)) {
                            row.put("speedup_vs_1_worker", wall1 / wall);
                        }
                    }
                    out.println(json.writeValueAsString(row));
                    out.flush();
                    delete(outDir);
                }
                Files.deleteIfExists(corpus);
            }
            return 0;
        } catch (IOException e) {
            err.println("bench scale: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (tmp != null) {
                delete(tmp);
            }
        }
    }

    /** Writes {@code c} copies of the corpus with ids {@code <id>~<j>}; returns the file's size in bytes. */
    static long concatenate(Path in, Path out, int c, ObjectMapper json) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int j = 0; j < c; j++) {
                try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
                    String line;
                    int n = 0;
                    while ((line = r.readLine()) != null) {
                        n++;
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode node = json.readTree(line);
                        if (!(node instanceof ObjectNode o) || !o.path("id").isTextual()) {
                            throw new IOException(in + " line " + n + ": not an object with a string id");
                        }
                        o.put("id", o.get("id").asText() + "~" + j);
                        w.write(json.writeValueAsString(o));
                        w.newLine();
                    }
                }
            }
        }
        return Files.size(out);
    }

    /** Where {@code taskset} (util-linux) is looked for. */
    static final Path TASKSET = Path.of("/usr/bin/taskset");

    /** The child JVM's command line, before any confinement. */
    static List<String> javaCommand(Path corpus, Path outDir, int workers, String xmx, boolean heapProbe) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx" + xmx, "-cp", classpath(),
                ScaleRun.class.getName(), corpus.toString(), outDir.toString(), Integer.toString(workers)));
        if (heapProbe) {
            cmd.add(ScaleRun.HEAP_PROBE);
        }
        return cmd;
    }

    private static JsonNode child(List<String> cmd, long timeout, PrintStream err) throws IOException, InterruptedException {
        Path log = Files.createTempFile("tailguard-scale", ".log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String stdout;
        try (var in = p.getInputStream()) {
            if (!p.waitFor(timeout, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new ObjectMapper().createObjectNode().put("ok", false).put("error", "timed out after " + timeout + " s");
            }
            stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        String last = stdout.isEmpty() ? "" : stdout.substring(stdout.lastIndexOf('\n') + 1);
        try {
            return new ObjectMapper().readTree(last);
        } catch (IOException e) {
            String tail = Files.readString(log);
            err.println("bench scale: worker exited " + p.exitValue() + ": "
                    + tail.substring(Math.max(0, tail.length() - 2000)));
            return new ObjectMapper().createObjectNode().put("ok", false).put("error", "worker exited " + p.exitValue());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * The classpath for the worker JVM: in the Quarkus fast-jar layout ({@code quarkus-app/app/*.jar} beside
     * {@code quarkus-app/lib/main/*.jar}) both folders; otherwise this JVM's {@code java.class.path}.
     */
    static String classpath() {
        try {
            Path self = Path.of(ScaleBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path app = self.getParent();
            if (Files.isRegularFile(self) && app != null && app.getFileName().toString().equals("app")
                    && Files.isDirectory(app.resolveSibling("lib").resolve("main"))) {
                return self + java.io.File.pathSeparator + app.resolveSibling("lib").resolve("main") + "/*";
            }
        } catch (Exception e) {
            // fall back to the class path below
        }
        return System.getProperty("java.class.path");
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a temp folder
        }
    }
}

package dev.tailguard.cli.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live set, measured honestly for {@code bench scale --heap-probe}: a daemon thread that every {@code period}
 * requests a full collection ({@code System.gc()}, which collects the old generation too, unlike the young
 * collections whose after-GC occupancy {@link HeapWatch} reports) and then reads the used heap; the largest reading
 * is the peak live set, sampled at that period (a peak shorter than the period can be missed). Each probe is
 * attributed to the phase in progress when it started (a label such as {@code score.task}, from a
 * {@link PhaseClock#current()} supplier), so {@link #phases()} says in which stage and phase the live set peaks.
 * With a histogram folder, each time a phase's live set rises at least {@value #HISTOGRAM_STEP_PERCENT}% above the
 * level of its last histogram, the JVM's class histogram ({@code jcmd GC.class_histogram}, read in-process through the
 * {@code DiagnosticCommand} MBean) is written to {@code <folder>/<phase>.txt}, so the file left is the histogram at
 * (within that step of) the phase's peak. Meant for a probing run only: the forced collections and histograms slow
 * the run, so timing runs go without it. Thread-safe.
 */
final class HeapProbe implements AutoCloseable {

    /** A phase's histogram is re-taken once its live set exceeds the last histogram's level by this percentage. */
    static final int HISTOGRAM_STEP_PERCENT = 2;

    /** One phase's probes: the largest live set seen, the probe count and the level of its last histogram. */
    record PhaseLive(long maxLive, long samples, long histogramAt) {
    }

    private final AtomicLong maxLive = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Map<String, PhaseLive> phases = new LinkedHashMap<>();
    private final Supplier<String> phase;
    private final Path histograms;
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts probing every {@code period} (&gt; 0), every probe attributed to one phase named {@code all}. */
    HeapProbe(Duration period) {
        this(period, () -> "all", null);
    }

    /**
     * Starts probing every {@code period} (&gt; 0), each probe attributed to {@code phase.get()} at its start; with a
     * non-null {@code histograms} folder (created if missing), class histograms at each phase's peak are written there.
     */
    HeapProbe(Duration period, Supplier<String> phase, Path histograms) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("probe period must be > 0, got " + period);
        }
        this.phase = phase;
        this.histograms = histograms;
        if (histograms != null) {
            try {
                Files.createDirectories(histograms);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the histogram folder " + histograms, e);
            }
        }
        long ms = period.toMillis();
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "tailguard-heap-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** One probe now: a full collection, then the used heap, attributed to the phase in progress at its start. */
    void sample() {
        String label = phase.get();
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        maxLive.accumulateAndGet(used, Math::max);
        samples.incrementAndGet();
        PhaseLive now;
        synchronized (phases) {
            PhaseLive was = phases.getOrDefault(label, new PhaseLive(0, 0, 0));
            now = new PhaseLive(Math.max(was.maxLive(), used), was.samples() + 1, was.histogramAt());
            boolean histogram = histograms != null
                    && used > was.histogramAt() + was.histogramAt() * HISTOGRAM_STEP_PERCENT / 100;
            if (histogram) {
                now = new PhaseLive(now.maxLive(), now.samples(), used);
            }
            phases.put(label, now);
            if (!histogram) {
                return;
            }
        }
        writeHistogram(label, used);
    }

    private void writeHistogram(String label, long used) {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            text = "class histogram unavailable: " + e;
        }
        String head = "# phase " + label + ", live after full GC " + used + " bytes\n";
        try {
            Files.writeString(histograms.resolve(label.replaceAll("[^A-Za-z0-9.+_-]", "_") + ".txt"),
                    head + text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the class histogram of " + label, e);
        }
    }

    /** Largest used heap right after a forced full collection, in bytes (0 before the first probe). */
    long maxLive() {
        return maxLive.get();
    }

    /** Probes taken so far. */
    long samples() {
        return samples.get();
    }

    /** Per phase label, in the order first probed: its largest live set and probe count. */
    Map<String, PhaseLive> phases() {
        synchronized (phases) {
            return new LinkedHashMap<>(phases);
        }
    }

    /** The phase label of the largest live set seen ({@code null} before the first probe). */
    String peakPhase() {
        synchronized (phases) {
            return phases.entrySet().stream()
                    .max(Map.Entry.comparingByValue((a, b) -> Long.compare(a.maxLive(), b.maxLive())))
                    .map(Map.Entry::getKey).orElse(null);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

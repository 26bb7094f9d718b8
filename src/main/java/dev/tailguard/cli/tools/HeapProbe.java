package dev.tailguard.cli.tools;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * The live set, measured honestly for {@code bench scale --heap-probe}: a daemon thread that every {@code period}
 * requests a full collection ({@code System.gc()}, which collects the old generation too, unlike the young
 * collections whose after-GC occupancy {@link HeapWatch} reports) and takes the heap pools' occupancy <em>at the end
 * of that collection</em> from the collector's notification ({@code memoryUsageAfterGc}); the largest reading is the
 * peak live set, sampled at that period (a peak shorter than the period can be missed). Reading the used heap after
 * {@code System.gc()} returns instead would count whatever the pipeline's threads allocated before the probe thread
 * runs again, hundreds of MB on a loaded machine. A probe whose notification does not arrive within
 * {@value #NOTIFICATION_WAIT_MS} ms is not counted ({@link #missed()}). Each probe is attributed to the phase in
 * progress when it started (a label such as {@code score.task}, from a {@link PhaseClock#current()} supplier), so
 * {@link #phases()} says in which stage and phase the live set peaks. With a histogram folder, each time a phase's
 * live set rises at least {@value #HISTOGRAM_STEP_PERCENT}% above the level of its last histogram, the JVM's class
 * histogram ({@code jcmd GC.class_histogram}, read in-process through the {@code DiagnosticCommand} MBean) is written
 * to {@code <folder>/<phase>.txt}, so the file left is the histogram at (within that step of) the phase's peak; a
 * histogram that counted garbage (its own collection skipped) is discarded. Meant for a probing run only: the forced
 * collections and histograms slow the run, so timing runs go without it. Thread-safe.
 */
final class HeapProbe implements AutoCloseable {

    /** A phase's histogram is re-taken once its live set exceeds the last histogram's level by this percentage. */
    static final int HISTOGRAM_STEP_PERCENT = 2;

    /** How long a probe waits for its collection's notification before it reads the used heap instead. */
    static final long NOTIFICATION_WAIT_MS = 30_000;

    /** Cause of the collections {@code System.gc()} requests, as the collector notification names it. */
    private static final String EXPLICIT_CAUSE = "System.gc()";

    /**
     * Action of a full collection ({@code end of major GC}): one that another cause ran while the probe waited
     * (allocation failure, a histogram's own collection) measures the live set as well, and satisfies
     * {@code System.gc()} too (the JVM does not repeat a full collection that happened meanwhile).
     */
    private static final String MAJOR = "major";

    /** One phase's probes: the largest live set seen, the probe count and the level of its last histogram. */
    record PhaseLive(long maxLive, long samples, long histogramAt) {
    }

    private final AtomicLong maxLive = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final Object explicitLock = new Object();
    private long explicitCollections;
    private long explicitLive;
    private final Set<String> heapPools = new HashSet<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;
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
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
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

    /** A collector notification: records the heap occupancy at the end of each full collection. */
    private void collected(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if (!EXPLICIT_CAUSE.equals(info.getGcCause()) && !info.getGcAction().contains(MAJOR)) {
            return;
        }
        long after = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                after += e.getValue().getUsed();
            }
        }
        synchronized (explicitLock) {
            explicitLive = after;
            explicitCollections++;
            explicitLock.notifyAll();
        }
    }

    /**
     * A full collection now and the heap occupancy at its end, from its notification; −1 (a missed probe) when none
     * arrives within {@value #NOTIFICATION_WAIT_MS} ms. On JDK 17 {@code System.gc()} silently does nothing while a
     * thread holds the GC locker (a JNI critical section: {@code Deflater}, zstd), so a request after which no
     * collector ran is repeated ({@value #RETRY_MS} ms apart) until one does.
     */
    private long collectAndMeasure() {
        long deadline = System.nanoTime() + NOTIFICATION_WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            long before;
            synchronized (explicitLock) {
                before = explicitCollections;
            }
            long collectionsBefore = collections();
            System.gc();
            long wait = collections() == collectionsBefore ? RETRY_MS : NOTIFICATION_RETRY_MS;
            long until = Math.min(deadline, System.nanoTime() + wait * 1_000_000);
            synchronized (explicitLock) {
                while (explicitCollections == before) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        explicitLock.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        missed.incrementAndGet();
                        return -1;
                    }
                }
                if (explicitCollections != before) {
                    return explicitLive;
                }
            }
        }
        missed.incrementAndGet();
        return -1;
    }

    /** Milliseconds before a {@code System.gc()} that ran no collection is requested again. */
    static final long RETRY_MS = 10;

    /** Milliseconds to wait for the notification of a collection that ran before requesting another. */
    static final long NOTIFICATION_RETRY_MS = 2000;

    /** Collections run so far by all collectors (updated when each collection ends). */
    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** One probe now: a full collection and the live set at its end, attributed to the phase in progress at its start. */
    void sample() {
        String label = phase.get();
        long used = collectAndMeasure();
        if (used < 0) {
            return;
        }
        maxLive.accumulateAndGet(used, Math::max);
        samples.incrementAndGet();
        long histogramAt;
        synchronized (phases) {
            PhaseLive was = phases.getOrDefault(label, new PhaseLive(0, 0, 0));
            phases.put(label, new PhaseLive(Math.max(was.maxLive(), used), was.samples() + 1, was.histogramAt()));
            histogramAt = was.histogramAt();
        }
        if (histograms != null && used > histogramAt + histogramAt * HISTOGRAM_STEP_PERCENT / 100
                && writeHistogram(label, used)) {
            synchronized (phases) {
                phases.computeIfPresent(label, (k, p) -> new PhaseLive(p.maxLive(), p.samples(), used));
            }
        }
    }

    /**
     * Writes the class histogram of this moment if it is one of live objects: the histogram's own full collection is
     * skipped while a thread holds the GC locker (JNI critical sections: compression, zstd), and then it counts
     * garbage too; such a histogram (total above {@value #HISTOGRAM_GARBAGE_PERCENT}% of the probe's live set) is
     * discarded and the next probe tries again.
     */
    private boolean writeHistogram(String label, long used) {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            return false;
        }
        long total = histogramTotal(text);
        if (total < 0 || total > used * HISTOGRAM_GARBAGE_PERCENT / 100) {
            return false;
        }
        String head = "# phase " + label + ", live set at the end of the probe's full GC " + used + " bytes\n";
        try {
            Files.writeString(histograms.resolve(label.replaceAll("[^A-Za-z0-9.+_-]", "_") + ".txt"),
                    head + text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the class histogram of " + label, e);
        }
        return true;
    }

    /** A histogram whose total exceeds this percentage of the probe's live set counted garbage and is discarded. */
    static final long HISTOGRAM_GARBAGE_PERCENT = 115;

    /** The bytes of a {@code GC.class_histogram}'s {@code Total} line, or −1 without one. */
    static long histogramTotal(String histogram) {
        for (String line : histogram.split("\n")) {
            String t = line.trim();
            if (t.startsWith("Total")) {
                String[] f = t.split("\\s+");
                return Long.parseLong(f[f.length - 1]);
            }
        }
        return -1;
    }

    /** Largest used heap right after a forced full collection, in bytes (0 before the first probe). */
    long maxLive() {
        return maxLive.get();
    }

    /** Probes not counted because no full collection's notification arrived in time. */
    long missed() {
        return missed.get();
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
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already removed
            }
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

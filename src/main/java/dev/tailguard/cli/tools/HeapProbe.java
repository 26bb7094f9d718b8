package dev.tailguard.cli.tools;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live set, measured honestly for {@code bench scale --heap-probe}: a daemon thread that every {@code period}
 * requests a full collection ({@code System.gc()}, which collects the old generation too, unlike the young
 * collections whose after-GC occupancy {@link HeapWatch} reports) and then reads the used heap; the largest reading
 * is the peak live set, sampled at that period (a peak shorter than the period can be missed). Meant for a probing run
 * only: the forced collections slow the run, so timing runs go without it. Thread-safe.
 */
final class HeapProbe implements AutoCloseable {

    private final AtomicLong maxLive = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts probing every {@code period} (&gt; 0). */
    HeapProbe(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("probe period must be > 0, got " + period);
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

    /** One probe now: a full collection, then the used heap. */
    void sample() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        maxLive.accumulateAndGet(used, Math::max);
        samples.incrementAndGet();
    }

    /** Largest used heap right after a forced full collection, in bytes (0 before the first probe). */
    long maxLive() {
        return maxLive.get();
    }

    /** Probes taken so far. */
    long samples() {
        return samples.get();
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

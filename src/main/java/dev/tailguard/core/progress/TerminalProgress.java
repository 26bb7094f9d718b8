package dev.tailguard.core.progress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Renders progress on a terminal: on a TTY one redrawn line per stage
 * ({@code generate [########------------]  40%  93/233 docs  31.0 docs/s  ETA 0:05}); otherwise (a log file, CI)
 * plain lines at most every {@code interval} seconds plus one at the end of each stage. Typically built with
 * {@code new TerminalProgress(System.err, System.console() != null, 5)}; the embedded run feeds it through a
 * {@link ProgressWatcher}.
 */
public final class TerminalProgress implements Progress {

    static final int BAR = 20;

    private final PrintStream out;
    private final boolean tty;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Map<String, Long> started = new HashMap<>();
    private final Map<String, Long> lastPrinted = new HashMap<>();

    /** A renderer on the system clock. */
    public TerminalProgress(PrintStream out, boolean tty, double intervalSeconds) {
        this(out, tty, intervalSeconds, System::nanoTime);
    }

    /** A renderer on a given nanosecond clock (tests). */
    public TerminalProgress(PrintStream out, boolean tty, double intervalSeconds, LongSupplier clock) {
        this.out = out;
        this.tty = tty;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.clock = clock;
    }

    @Override
    public synchronized void update(String stage, long done, long total) {
        long now = clock.getAsLong();
        long t0 = started.computeIfAbsent(stage, s -> now);
        Long last = lastPrinted.get(stage);
        long every = tty ? Math.min(intervalNanos, 200_000_000L) : intervalNanos;
        if (last != null && now - last < every) {
            return;
        }
        lastPrinted.put(stage, now);
        String line = line(ProgressSnapshot.of(stage, done, total, (now - t0) / 1e9));
        if (tty) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public synchronized void finished(String stage, long done) {
        long now = clock.getAsLong();
        long t0 = started.getOrDefault(stage, now);
        String line = line(ProgressSnapshot.of(stage, done, done, (now - t0) / 1e9));
        out.print(tty ? "\r" + line + "\u001b[K\n" : line + "\n");
        out.flush();
        started.remove(stage);
        lastPrinted.remove(stage);
    }

    /**
     * Prints a whole line of other output (stage start/end lines) without garbling a bar being redrawn: on a TTY the
     * bar's line is cleared first and the bar is redrawn at the next update.
     */
    public synchronized void message(String line) {
        out.print(tty ? "\r\u001b[K" + line + "\n" : line + "\n");
        out.flush();
    }

    /**
     * A print stream whose lines go through {@link #message(String)} (hand it to code that prints lines);
     * {@code beforeEach} runs before each line is printed (e.g. {@link ProgressWatcher#poll()}, so a stage's final
     * progress line comes before the line announcing its end).
     */
    public PrintStream messages(Runnable beforeEach) {
        OutputStream lines = new OutputStream() {
            private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    beforeEach.run();
                    message(buf.toString(StandardCharsets.UTF_8));
                    buf.reset();
                } else {
                    buf.write(b);
                }
            }
        };
        return new PrintStream(lines, true, StandardCharsets.UTF_8);
    }

    /** The text of one progress line. */
    static String line(ProgressSnapshot s) {
        StringBuilder sb = new StringBuilder(s.stage());
        double f = s.fraction();
        if (f >= 0) {
            int filled = (int) Math.round(f * BAR);
            sb.append(" [").append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(f * 100)));
            sb.append("  ").append(s.done()).append('/').append(s.total()).append(" docs");
        } else {
            sb.append("  ").append(s.done()).append(" docs");
        }
        sb.append(String.format(Locale.ROOT, "  %.1f docs/s", s.docsPerSecond()));
        if (s.etaSeconds() >= 0 && s.done() < s.total()) {
            sb.append("  ETA ").append(clock((long) Math.ceil(s.etaSeconds())));
        }
        return sb.toString();
    }

    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long sec = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}

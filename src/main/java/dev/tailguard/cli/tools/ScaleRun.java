package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.StageChain;
import dev.tailguard.core.pipeline.runner.EmbeddedWorkers;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.StageRunner;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured run for {@code bench scale}, meant to run in its own JVM (started by {@link ScaleBench} with the
 * heap limit under test): {@code ScaleRun INPUT OUT_DIR WORKERS [--heap-probe [--heap-histograms DIR]]}. Runs
 * generate → score → blend → report in-process (the library path of {@code Pipeline}: default run configuration, default task limits) on WORKERS
 * threads and prints one JSON object: ok or the error, wall seconds, per-stage seconds (from the moment each stage's
 * merge emitted its outcome), per-stage phase seconds ({@code phase_s}, {@link PhaseClock}: plan, tasks span and sum,
 * merge), the heap pools' summed peak (an upper bound that includes uncollected garbage) and the largest heap
 * occupancy after any GC (which still counts old-generation garbage a young collection leaves), in MB, and
 * {@code Runtime.maxMemory()}. With {@code --heap-probe} a {@link HeapProbe} forces a full collection every
 * {@value #PROBE_PERIOD_MS} ms and reports the largest used heap after it ({@code heap_live_probe_mb}, with
 * {@code heap_probe_samples}): the live set, and per phase in progress ({@link PhaseClock#current()}) its largest live
 * set and probe count ({@code heap_probe_phases}, the peak's phase as {@code heap_probe_peak_phase}); with
 * {@code --heap-histograms DIR} also a class histogram per phase at its peak ({@code DIR/<phase>.txt}). Probing slows
 * the run, so its wall times are not timing figures.
 */
public final class ScaleRun {

    /** Milliseconds between two heap probes. */
    static final long PROBE_PERIOD_MS = 1000;

    /** The flag that turns on {@link HeapProbe}. */
    static final String HEAP_PROBE = "--heap-probe";

    /** With {@link #HEAP_PROBE}: {@code --heap-histograms DIR} writes a class histogram per phase at its peak. */
    static final String HEAP_HISTOGRAMS = "--heap-histograms";

    private ScaleRun() {
    }

    /** Entry point of the child JVM. */
    public static void main(String[] args) throws Exception {
        Path input = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int workers = Integer.parseInt(args[2]);
        boolean probe = false;
        Path histograms = null;
        for (int i = 3; i < args.length; i++) {
            if (HEAP_PROBE.equals(args[i])) {
                probe = true;
            } else if (HEAP_HISTOGRAMS.equals(args[i]) && i + 1 < args.length) {
                histograms = Path.of(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown ScaleRun argument " + args[i]
                        + " (expected " + HEAP_PROBE + " or " + HEAP_HISTOGRAMS + " DIR)");
            }
        }
        if (histograms != null && !probe) {
            throw new IllegalArgumentException(HEAP_HISTOGRAMS + " needs " + HEAP_PROBE);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("workers", workers);
        r.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1e6);
        r.put("heap_probe", probe);
        PhaseClock phases = new PhaseClock();
        Map<String, Double> stages = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        long[] last = {t0};
        try (HeapWatch heap = new HeapWatch();
                HeapProbe live = probe ? new HeapProbe(Duration.ofMillis(PROBE_PERIOD_MS), phases::current, histograms)
                        : null) {
            heap.reset();
            try {
                RunRequested req = new RunRequested("run-scale", List.of(input.toString()), RunConfig.defaults(1));
                LocalObjectStore store = new LocalObjectStore(out);
                FrozenRun run = FrozenRun.of(req, TaskLimits.DEFAULTS).freeze(store);
                try (EmbeddedWorkers w = new EmbeddedWorkers(
                        new StageRunner(store, phases.wrap(StageChain.stages(GeneratorSelector.NGRAM_ONLY))),
                        workers, o -> {
                            long now = System.nanoTime();
                            synchronized (stages) {
                                stages.put(o.stage(), (now - last[0]) / 1e9);
                                last[0] = now;
                            }
                        })) {
                    w.runChain(run.runId(), StageChain.FIRST).get();
                }
                r.put("ok", true);
            } catch (Throwable e) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                r.put("ok", false);
                r.put("error", c.getClass().getSimpleName() + ": " + c.getMessage());
            }
            r.put("wall_s", (System.nanoTime() - t0) / 1e9);
            r.put("stage_s", stages);
            r.put("phase_s", phases.seconds());
            r.put("heap_pool_peak_mb", heap.poolPeaks() / 1e6);
            r.put("heap_live_max_mb", heap.maxAfterGc() / 1e6);
            if (live != null) {
                r.put("heap_live_probe_mb", live.maxLive() / 1e6);
                r.put("heap_probe_samples", live.samples());
                r.put("heap_probe_missed", live.missed());
                r.put("heap_probe_peak_phase", live.peakPhase());
                Map<String, Map<String, Number>> byPhase = new LinkedHashMap<>();
                live.phases().forEach((name, p) -> byPhase.put(name,
                        Map.of("max_live_mb", p.maxLive() / 1e6, "samples", p.samples())));
                r.put("heap_probe_phases", byPhase);
            }
        }
        System.out.println(new ObjectMapper().writeValueAsString(r));
        System.out.flush();
        System.exit(Boolean.TRUE.equals(r.get("ok")) ? 0 : 1);
    }
}

package dev.tailguard.cli.tools;

import dev.tailguard.core.sim.Acceptance;
import dev.tailguard.core.sim.SimulationConfig;
import dev.tailguard.core.sim.SimulationReport;
import dev.tailguard.core.sim.SimulationResult;
import dev.tailguard.core.sim.Simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code tailguard simulate} (options parsed by {@code dev.tailguard.cli.SimulateCli} into a
 * {@link SimulationConfig}): writes {@code DIR/simulation.json}, {@code DIR/simulation.html} and
 * {@code DIR/SUMMARY.md}; progress goes to err.
 */
public final class SimulateCommand {

    private SimulateCommand() {
    }

    /**
     * Runs a parsed simulation: writes the report files into {@code outDir}, the acceptance verdicts on out;
     * returns 0 on success, 1 on failure (one-line reason on err).
     */
    public static int run(SimulationConfig cfg, Path outDir, boolean quiet, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(cfg.input())) {
            err.println("simulate: input file not found: " + cfg.input());
            return 1;
        }
        try {
            SimulationResult r = Simulator.run(cfg, quiet ? null : err);
            List<Path> files = SimulationReport.write(r, outDir);
            for (Acceptance.Check ch : Acceptance.evaluate(r)) {
                out.println(ch.verdict() + ": " + ch.statement() + " [" + ch.measured() + "]");
            }
            out.printf(Locale.ROOT, "wrote %s in %.1f s%n", files, r.seconds());
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("simulate: " + e.getMessage());
            return 1;
        }
    }
}
